// What a fault may answer with, as data: the actions it can hit, and each error code with the
// HTTP status AWS (or S3, for SlowDown and InternalError) sends it with and a message.

export const FAULT_ACTIONS = ['AssumeRole', 'AssumeRoleWithWebIdentity', 'GetCallerIdentity', 'GetSessionToken', '*'] as const;
export type FaultAction = (typeof FAULT_ACTIONS)[number];

/** Error codes a fault may answer with, the status AWS (or S3, for SlowDown/InternalError) sends them with, and a message. */
export const FAULT_ERRORS: Readonly<Record<string, { status: number; message: string }>> = {
  Throttling: { status: 400, message: 'Rate exceeded' },
  ThrottlingException: { status: 400, message: 'Rate exceeded' },
  RequestLimitExceeded: { status: 400, message: 'Request limit exceeded.' },
  SlowDown: { status: 503, message: 'Please reduce your request rate.' },
  ServiceUnavailable: { status: 503, message: 'The service is unavailable; try again later.' },
  InternalFailure: { status: 500, message: 'The request failed because of an unknown error, exception or failure.' },
  InternalError: { status: 500, message: 'An internal error occurred; try again.' },
  RequestTimeout: { status: 400, message: 'The request timed out.' },
  IDPCommunicationError: { status: 400, message: 'The identity provider could not be reached to verify the web identity token.' },
  RegionDisabledException: { status: 403, message: 'STS is not activated in this region for this account.' },
  AccessDenied: { status: 403, message: 'The caller is not authorized to perform this operation.' },
  InvalidClientTokenId: { status: 403, message: 'The security token included in the request is invalid.' },
  SignatureDoesNotMatch: { status: 403, message: 'The request signature we calculated does not match the signature you provided.' },
  MissingAuthenticationToken: { status: 403, message: 'Request is missing Authentication Token' },
  IncompleteSignature: { status: 400, message: 'The request signature does not conform to AWS standards.' },
  ExpiredToken: { status: 400, message: 'The security token included in the request is expired' },
  ExpiredTokenException: { status: 400, message: 'Token expired' },
  RequestExpired: { status: 400, message: 'Request has expired.' },
  InvalidIdentityToken: { status: 400, message: 'The web identity token is not valid.' },
  IDPRejectedClaim: { status: 403, message: 'The identity provider rejected a claim of the token.' },
  MalformedPolicyDocument: { status: 400, message: 'The policy document is malformed.' },
  PackedPolicyTooLarge: { status: 400, message: 'The packed session policies and tags are too large.' },
  ValidationError: { status: 400, message: 'A parameter failed its constraint.' },
  InvalidParameterValue: { status: 400, message: 'A parameter value is not valid.' },
  InvalidAction: { status: 400, message: 'The action is not valid for this endpoint.' },
};
