// What to do about the refusals people meet most, keyed by the server's error code. Ceph sends
// empty messages, so without these a user would see only a code.
const HINTS: Record<string, string> = {
  SignatureDoesNotMatch: "Check the secret key of the source credentials and that this machine's clock is right.",
  InvalidClientTokenId: 'The endpoint does not know this access key (or its session token); check the source credentials and --endpoint-url.',
  ExpiredToken: "The source credentials' session token has expired; refresh them.",
  AccessDenied: 'Check that the role trusts the source credentials (and MFA or external ID if it asks for them).',
  NoSuchEntity: 'No such role: check --role-arn (Ceph role ARNs have an empty account: arn:aws:iam:::role/NAME).',
  InvalidArgument: "A parameter was refused: check --duration against the role's maximum session (Ceph's default is 1h), --role-session-name and --role-arn.",
  RequestExpired: "The request time is more than 15 minutes off: check this machine's clock.",
  RequestTimeTooSkewed: "The request time is more than 15 minutes off: check this machine's clock.",
  InvalidIdentityToken: 'The web identity token was refused: check its issuer, audience and expiry.',
  ExpiredTokenException: 'The web identity token has expired: fetch a fresh one.',
  IDPRejectedClaim: "The role does not trust this token's subject or audience.",
  MalformedPolicyDocument: 'The session policy is not valid for this server.',
};

export function serviceHint(code: string): string | undefined {
  return HINTS[code];
}
