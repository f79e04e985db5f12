// One table of STS parameter limits (SPEC §2 and §5), read by the client's checks before
// anything is sent and by the mock's validation, which applies its flavor's maxima on top.

export interface LengthRule {
  min: number;
  max: number;
  /** Every character must match this (a single-character class). */
  charset?: RegExp;
  charsetText?: string;
}

export const limits = {
  roleArn: { min: 20, max: 2048 },
  roleSessionName: { min: 2, max: 64, charset: /^[\w+=,.@-]*$/, charsetText: 'letters, digits and + = , . @ - _' },
  durationSeconds: { min: 900, max: 43200 },
  policy: { min: 1, max: 2048 },
  policyArns: { maxCount: 10 },
  externalId: { min: 2, max: 1224, charset: /^[\w+=,.@:/-]*$/, charsetText: 'letters, digits and + = , . @ : / - _' },
  serialNumber: { min: 9, max: 256, charset: /^[\w+=/:,.@-]*$/, charsetText: 'letters, digits and + = / : , . @ - _' },
  tokenCode: { length: 6, pattern: /^\d{6}$/, text: 'exactly 6 digits' },
  tags: { maxCount: 50 },
  tagKey: { min: 1, max: 128 },
  tagValue: { min: 0, max: 256 },
  sourceIdentity: { min: 2, max: 64, charset: /^[\w+=,.@-]*$/, charsetText: 'letters, digits and + = , . @ - _' },
  webIdentityToken: { min: 4, max: 20000 },
  providerId: { min: 4, max: 2048 },
  /** GetSessionToken: default and range (SPEC §5). */
  sessionTokenDuration: { min: 900, max: 129600, default: 43200 },
  /** AssumeRole with temporary credentials (role chaining) may ask at most this. */
  chainedDurationMax: 3600,
  version: '2011-06-15',
} as const;

/** The largest answer the client reads (SPEC §11); an STS answer is a few kilobytes. */
export const MAX_ANSWER_BYTES = 1024 * 1024;

/** Policy length is counted after whitespace is removed, as STS does. */
export function packedPolicyLength(policy: string): number {
  return policy.replace(/\s+/g, '').length;
}

/** `null` when `value` satisfies `rule`, else why not (a phrase: "must be 2 to 64 characters"). */
export function checkLength(value: string, rule: LengthRule): string | null {
  if (value.length < rule.min || value.length > rule.max) {
    return rule.min === rule.max ? `must be exactly ${rule.min} characters` : `must be ${rule.min} to ${rule.max} characters (got ${value.length})`;
  }
  if (rule.charset && !rule.charset.test(value)) return `may contain only ${rule.charsetText}`;
  return null;
}
