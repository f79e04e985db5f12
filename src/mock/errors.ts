// The mock's refusals: a code (AWS's name for it), the message AWS would send, and the HTTP
// status AWS uses. Flavors remap code and status (their error tables in flavors.ts); answer.ts makes the answer.

export const AWS_ERROR_STATUS = {
  ValidationError: 400,
  MissingParameter: 400,
  InvalidParameterValue: 400,
  MalformedQueryString: 400,
  InvalidAction: 400,
  MalformedPolicyDocument: 400,
  PackedPolicyTooLarge: 400,
  SignatureDoesNotMatch: 403,
  IncompleteSignature: 400,
  InvalidClientTokenId: 403,
  MissingAuthenticationToken: 403,
  AccessDenied: 403,
  ExpiredToken: 400,
  RequestExpired: 400,
  InvalidIdentityToken: 400,
  ExpiredTokenException: 400,
  IDPRejectedClaim: 403,
  IDPCommunicationError: 400,
  // Not AWS codes: the mock's own situations, which each flavor names (AWS says AccessDenied).
  NoSuchRole: 403,
  RequestTooLarge: 413,
  HeadersTooLarge: 431,
  RequestTimeout: 408,
  NotFound: 404,
  MethodNotAllowed: 405,
  InternalFailure: 500,
} as const;

export type MockErrorCode = keyof typeof AWS_ERROR_STATUS;

export class MockError extends Error {
  constructor(
    readonly code: MockErrorCode,
    message: string,
    /** Extra detail for the request log only (never a secret). */
    readonly detail?: string,
  ) {
    super(message);
    this.name = 'MockError';
  }
}

/** One violation in AWS's words: `Value 'x' at 'durationSeconds' failed to satisfy constraint: …`. */
export function violation(field: string, value: string | null, constraint: string): string {
  const shown = value === null ? 'null' : `'${value.length > 128 ? `${value.slice(0, 128)}…` : value}'`;
  return `Value ${shown} at '${field}' failed to satisfy constraint: ${constraint}`;
}
