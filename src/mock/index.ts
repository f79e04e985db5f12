// The mock STS's surface: re-exports only.
export { startMockSts } from './start.js';
export { formatRequestLog, requestLogWriter } from './log.js';
export { loadMockConfig, validateMockConfig } from './config.js';
export type { Flavor, MockConfig, MockOidcProvider, MockOidcTrust, MockRequestLog, MockRole, MockSts, MockStsOptions, MockUser, MockBucket } from './types.js';
export type { FaultAction, FaultSpec, FaultView, JournalEntry, JournalQuery, MockClockControl, SessionView } from './control/index.js';
