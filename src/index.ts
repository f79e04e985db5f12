// The library surface: re-exports only, each named. Never imports the CLI, commander or chalk.

// The mock STS, for tests (README "In a test").
export { startMockSts } from './mock/index.js';
export type {
  Flavor,
  MockBucket,
  MockConfig,
  MockGithub,
  MockOidcProvider,
  MockOidcTrust,
  MockRequestLog,
  MockRole,
  MockSts,
  MockStsOptions,
  MockTlsCertificate,
  MockUser,
} from './mock/index.js';
// Its control plane in the handle (README "Testing your code against the mock").
export type { FaultAction, FaultSpec, FaultView, JournalEntry, JournalQuery, MockClockControl, SessionView } from './mock/index.js';

// What the library throws, each with a stable `code` and the CLI's `exitCode`.
export {
  ExitCode,
  ExpiredCredentialsError,
  FileError,
  InvalidParameterError,
  isStsCliError,
  ListenError,
  NetworkError,
  NoCredentialsError,
  ProtectedProfileError,
  StsCliError,
  StsServiceError,
  UnexpectedResponseError,
  UsageError,
} from './errors.js';

// SigV4: the signer the CLI sends with and the verifier the mock checks with.
export { signRequest, presignUrl, parseSignature, verifySignature } from './sigv4/index.js';
export type { SignableRequest, SigningCredentials, SignOptions, PresignOptions, SignedRequest, ParsedSignature } from './sigv4/index.js';
