// The STS client's surface: re-exports only.
export { createStsClient, type StsClient, type StsClientOptions, type StsAuth, type GetSessionTokenParams } from './client.js';
export { parseDuration, checkAssumeRoleParams, checkWebIdentityParams, parseTags } from './params.js';
export { readPolicyArgument, checkPolicy } from './policy.js';
export { assumeRoleForm, webIdentityForm, getCallerIdentityForm, getSessionTokenForm, encodeForm, type FormPairs } from './form.js';
export { resolveRegion, resolveEndpoint, awsStsEndpoint, type Env } from './endpoint.js';
export { dialects, dialectForAuth, FORM_CONTENT_TYPE, SIGNING_SERVICE, RETRYABLE_CODES, type Dialect, type DialectName } from './dialects.js';
export { buildStsRequest, type BuildRequestInput, type StsHttpRequest } from './request.js';
export { readCredentialsResponse, readCallerIdentityResponse, readServiceError, parseTimestamp, UnreadableAnswerError, type StsAnswer } from './xml.js';
export { withRetries, isRetryable, backoffMs, PermanentNetworkError, DEFAULT_MAX_ATTEMPTS } from './retry.js';
export { limits, checkLength, packedPolicyLength, type LengthRule } from './limits.js';
export type * from './types.js';
