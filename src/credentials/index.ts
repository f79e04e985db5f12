// The credentials concept: where files live, the INI tokenizer and splicer, the store, source
// credentials, output formats and the credential-process cache. Re-exports only.
export * from './paths.js';
export * from './ini.js';
export * from './spliceSection.js';
export * from './store.js';
export * from './sources.js';
export * from './formats.js';
export * from './cache.js';
export { isoSeconds } from './isoSeconds.js';
export { withFileLock, type LockOptions } from './lock.js';
export { writeFileAtomic, type AtomicWriteOptions } from './writeFileAtomic.js';
export { buildProfileMap, type ProfileMap } from './profileMap.js';
