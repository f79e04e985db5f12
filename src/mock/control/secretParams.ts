// Which request parameters are secrets the journal must never hold (SPEC §10): tokens, MFA
// codes, signatures, session tokens. The policy and every other parameter are kept.

// Case-insensitive: a parameter STS ignores because of its spelling is still a secret if it looks like one.
const SECRET_PARAM =
  /^(?:X-Amz-.*|WebIdentityToken|TokenCode|SAMLAssertion|Authorization|SessionToken|SecurityToken|SecretAccessKey|Signature|X-SDS-AUTH-TOKEN|ClientSecret|client_secret|access_token|id_token|Password)$/i;

// The parameters STS requests carry, none of them secret: a set lookup settles them without the
// regular expression (the journal asks for every parameter of every request).
const KNOWN_SAFE = new Set([
  'Action',
  'Version',
  'RoleArn',
  'RoleSessionName',
  'DurationSeconds',
  'Policy',
  'ExternalId',
  'SerialNumber',
  'SourceIdentity',
  'ProviderId',
]);

export function isSecretParam(name: string): boolean {
  return !KNOWN_SAFE.has(name) && SECRET_PARAM.test(name);
}

/**
 * A copy of `text` that shares no memory with the string it was cut from. V8 keeps a slice's
 * whole parent alive (a 64 KiB request body behind a 20-character RoleArn); what the journal and
 * the session registry keep for 10 000 requests must not.
 */
export function detach(text: string): string {
  return text.length < 13 ? text : Buffer.from(text, 'utf16le').toString('utf16le');
}

/** At most `max` characters, cut with an ellipsis. */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
