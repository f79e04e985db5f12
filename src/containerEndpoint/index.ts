// The container-credentials endpoint of `exec --server`: re-exports only.
export { startContainerEndpoint } from './start.js';
export type { ContainerEndpoint, ContainerEndpointEnv, ContainerEndpointOptions, EndpointStats } from './start.js';
export { containerChildEnvironment, SHADOWING_VARIABLES } from './childEnvironment.js';
export { planRenewal, retryDelayMs, RENEWAL_LEADS_MS, type RenewalPlan } from './renewalPlan.js';
export type { EndpointEvent, Provide, ProvideRequest, RenewalStats, Schedule, ServedCredentials } from './types.js';
