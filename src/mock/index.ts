// The mock STS's surface: re-exports only.
export { startMockSts } from './start.js';
export { formatRequestLog, requestLogWriter } from './log.js';
export type { RequestLogWriter } from './log.js';
export { loadMockConfig, validateMockConfig } from './config.js';
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
} from './types.js';
export type { FaultAction, FaultSpec, FaultView, JournalEntry, JournalQuery, MockClockControl, SessionView } from './control/index.js';
