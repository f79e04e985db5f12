// The package version (src/version.ts, which the mock's health check shares).
export { version } from '../version.js';
