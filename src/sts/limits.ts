// One table of STS parameter limits (SPEC §2 and §5). Each rule names its STS member, the CLI
// flag that sets it, its range and AWS's pattern text; the client's checks (params.ts) and the
// mock's validation (mock/checks.ts) both read it, the mock with its flavor's maxima and patterns
// on top. The client's messages name the flag a person types, the mock's the member STS names.

/** A string member: its length range and, for some, the characters it may hold. */
export interface LengthRule {
  /** The STS member, as a request names it: `RoleSessionName`. */
  readonly member: string;
  /** The member as AWS's validation messages name it: `roleSessionName`. */
  readonly field: string;
  /** The CLI flag that sets it, as the client's messages name it: `--role-session-name`. */
  readonly flag: string;
  /** The role profile's setting that sets it, as messages about a profile name it: `role_session_name`. */
  readonly setting?: string;
  readonly min: number;
  readonly max: number;
  /** AWS's pattern, as its messages quote it: `[\w+=,.@-]*`. */
  readonly pattern?: string;
  /** `pattern` anchored and compiled, once. */
  readonly charset?: RegExp;
}

/** An integer member: its range and the value STS takes when it is absent. */
export interface RangeRule {
  readonly member: string;
  readonly field: string;
  readonly flag: string;
  readonly setting?: string;
  readonly min: number;
  readonly max: number;
  readonly default: number;
}

/** A list member: how many entries it may have. */
export interface CountRule {
  readonly member: string;
  readonly field: string;
  readonly flag: string;
  readonly maxCount: number;
}

const fieldOf = (member: string) => `${member[0]!.toLowerCase()}${member.slice(1)}`;

function lengthRule(member: string, flag: string, min: number, max: number, pattern?: string): LengthRule {
  const rule = { member, field: fieldOf(member), flag, min, max };
  return pattern === undefined ? rule : { ...rule, pattern, charset: new RegExp(`^${pattern}$`) };
}

const rangeRule = (member: string, flag: string, min: number, max: number, fallback: number): RangeRule => ({
  member,
  field: fieldOf(member),
  flag,
  min,
  max,
  default: fallback,
});
/** `rule` as a role profile of the config file also sets it (`role_arn`). */
const inProfile = <R extends LengthRule | RangeRule>(setting: string, rule: R): R => ({ ...rule, setting });
const countRule = (member: string, flag: string, maxCount: number): CountRule => ({ member, field: fieldOf(member), flag, maxCount });

// AWS's arnType and its names' pattern (roleSessionNameType, sourceIdentityType), each shared by two members.
const ARN_MIN = 20;
const ARN_MAX = 2048;
const NAME_PATTERN = '[\\w+=,.@-]*';

/** Seven days in seconds: MinIO's session maximum, and the longest role maximum or minted token the mock accepts. */
export const SEVEN_DAYS = 7 * 24 * 3600;

export const limits = {
  roleArn: inProfile('role_arn', lengthRule('RoleArn', '--role-arn', ARN_MIN, ARN_MAX)),
  roleSessionName: inProfile('role_session_name', lengthRule('RoleSessionName', '--role-session-name', 2, 64, NAME_PATTERN)),
  durationSeconds: inProfile('duration_seconds', rangeRule('DurationSeconds', '--duration-seconds', 900, 43200, 3600)),
  /** Counted after whitespace is removed (packedPolicyLength). */
  policy: lengthRule('Policy', '--policy', 1, 2048),
  policyArns: countRule('PolicyArns', '--policy-arns', 10),
  /** The `arn` of each PolicyArns member. */
  policyArn: lengthRule('arn', '--policy-arns', ARN_MIN, ARN_MAX),
  externalId: inProfile('external_id', lengthRule('ExternalId', '--external-id', 2, 1224, '[\\w+=,.@:\\/-]*')),
  serialNumber: inProfile('mfa_serial', lengthRule('SerialNumber', '--serial-number', 9, 256, '[\\w+=/:,.@-]*')),
  tokenCode: lengthRule('TokenCode', '--token-code', 6, 6, '[\\d]*'),
  tags: countRule('Tags', '--tags', 50),
  tagKey: lengthRule('Key', '--tags', 1, 128),
  tagValue: lengthRule('Value', '--tags', 0, 256),
  transitiveTagKeys: countRule('TransitiveTagKeys', '--transitive-tag-keys', 50),
  sourceIdentity: lengthRule('SourceIdentity', '--source-identity', 2, 64, NAME_PATTERN),
  /** The token is read from a file, a variable or a program as often as from its flag: messages say "The web identity token". */
  webIdentityToken: lengthRule('WebIdentityToken', 'The web identity token', 4, 20000),
  providerId: lengthRule('ProviderId', '--provider-id', 4, 2048),
  /** GetSessionToken's DurationSeconds (SPEC §5). */
  sessionTokenDuration: rangeRule('DurationSeconds', '--mfa-session-duration', 900, 129600, 43200),
  /** AssumeRole with temporary credentials (role chaining) may ask at most this. */
  chainedDurationMax: 3600,
  version: '2011-06-15',
};

/** The table's shape: a mock flavor holds one with its own maxima and patterns. */
export type StsLimits = typeof limits;

/** `rule` with another maximum (a flavor's). */
export function withMax<R extends LengthRule | RangeRule>(rule: R, max: number): R {
  return { ...rule, max };
}

/** `rule` with another pattern (a flavor's character set), compiled once. */
export function withPattern(rule: LengthRule, pattern: string): LengthRule {
  return { ...rule, ...lengthRule(rule.member, rule.flag, rule.min, rule.max, pattern) };
}

/** Who gave a value, so that a message names what to change: a flag, or a role profile's setting. */
export type Naming = 'flag' | 'setting';

/** What a message calls `rule`'s value: its flag, or its profile setting when it came from one. */
export function nameOf(rule: { flag: string; setting?: string }, naming: Naming = 'flag'): string {
  return naming === 'setting' && rule.setting !== undefined ? rule.setting : rule.flag;
}

/** The largest answer the client reads (SPEC §11); an STS answer is a few kilobytes. */
export const MAX_ANSWER_BYTES = 1024 * 1024;

/** Policy length is counted after whitespace is removed, as STS does. */
export function packedPolicyLength(policy: string): number {
  return policy.replace(/\s+/g, '').length;
}

/** `[\w+=,.@-]*` → "letters, digits and + = , . @ - _": AWS's pattern in words for a person. */
export function describePattern(pattern: string): string {
  const inner = /^\[(.*)\]\*$/.exec(pattern)?.[1];
  if (inner === undefined) return `characters matching ${pattern}`;
  const signs = [...inner.replace(/\\[wd]/g, '').replace(/\\(.)/g, '$1')];
  if (inner.includes('\\w')) return `letters, digits and ${[...signs, '_'].join(' ')}`;
  return [...(inner.includes('\\d') ? ['digits'] : []), ...signs].join(' ');
}

/** `null` when `value` satisfies `rule`, else why not (a phrase: "must be 2 to 64 characters"). */
export function checkLength(value: string, rule: LengthRule): string | null {
  if (value.length < rule.min || value.length > rule.max) {
    return rule.min === rule.max ? `must be exactly ${rule.min} characters` : `must be ${rule.min} to ${rule.max} characters (got ${value.length})`;
  }
  if (rule.charset && !rule.charset.test(value)) return `may contain only ${describePattern(rule.pattern!)}`;
  return null;
}
