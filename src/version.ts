// The package version, injected by the bundler from package.json; the fallback serves tests run
// from source. Shared by the CLI (--version) and the mock (its health check).
declare const STS_CLI_VERSION: string | undefined;
export const version: string = typeof STS_CLI_VERSION === 'string' ? STS_CLI_VERSION : '0.0.0-dev';
