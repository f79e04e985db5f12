// The library surface: re-exports only. Never imports the CLI, commander or chalk.
export * from './errors.js';
export type * from './sts/types.js';
export { signRequest, presignUrl, parseSignature, verifySignature } from './sigv4/index.js';
export type { SignableRequest, SigningCredentials, SignOptions, PresignOptions, SignedRequest, ParsedSignature } from './sigv4/index.js';
export * from './mock/index.js';
