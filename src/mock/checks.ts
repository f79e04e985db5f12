// Parameter checks in AWS's words, from the one limits table (src/sts/limits.ts) with the
// flavor's maxima on top. Each returns violations; the action throws them together as AWS does.
import { limits, packedPolicyLength } from '../sts/limits.js';
import { MockError, violation, type MockErrorCode } from './errors.js';
import type { FlavorSpec } from './flavors.js';
import type { Params } from './params.js';

export class Violations {
  readonly list: string[] = [];
  constructor(readonly spec: FlavorSpec) {}

  length(field: string, value: string | undefined, min: number, max: number, options: { secret?: boolean; pattern?: RegExp; patternText?: string } = {}): void {
    if (value === undefined) return;
    const shown = options.secret ? '****' : value;
    if (value.length < min) this.list.push(violation(field, shown, `Member must have length greater than or equal to ${min}`));
    if (value.length > max) this.list.push(violation(field, shown, `Member must have length less than or equal to ${max}`));
    if (options.pattern && !options.pattern.test(value))
      this.list.push(violation(field, shown, `Member must satisfy regular expression pattern: ${options.patternText}`));
  }

  /** An integer parameter within min..max; returns it, or `fallback` when absent. */
  integer(field: string, value: string | undefined, min: number, max: number, fallback: number): number {
    if (value === undefined) return fallback;
    if (!/^-?\d{1,12}$/.test(value)) {
      this.list.push(violation(field, value, 'Member must be an integer'));
      return fallback;
    }
    const n = Number(value);
    if (n < min) this.list.push(violation(field, value, `Member must have value greater than or equal to ${min}`));
    if (n > max) this.list.push(violation(field, value, `Member must have value less than or equal to ${max}`));
    return n;
  }

  throwIfAny(): void {
    const n = this.list.length;
    if (n === 0) return;
    const code: MockErrorCode = this.spec.validationCode;
    throw new MockError(code, `${n} validation error${n === 1 ? '' : 's'} detected: ${this.list.join('; ')}`);
  }
}

/** DurationSeconds of AssumeRole and AssumeRoleWithWebIdentity when absent. */
export const ASSUME_DURATION_DEFAULT = 3600;

// AWS states TokenCode's constraint as length 6..6 plus [\d]*, so the mock checks them apart.
const TOKEN_CODE_LENGTH = limits.tokenCode.length;
const TOKEN_CODE = { secret: true, pattern: /^\d*$/, patternText: '[\\d]*' };

/** TokenCode (MFA one-time code), never echoed. */
export function checkTokenCode(v: Violations, code: string | undefined): void {
  v.length('tokenCode', code, TOKEN_CODE_LENGTH, TOKEN_CODE_LENGTH, TOKEN_CODE);
}

export function required(params: Params, name: string): string {
  const value = params.get(name);
  if (value === undefined || value === '') throw new MockError('MissingParameter', `The request must contain the parameter ${name}`);
  return value;
}

export function checkRoleArn(v: Violations, arn: string | undefined): void {
  v.length('roleArn', arn, limits.roleArn.min, limits.roleArn.max);
}

export function checkSessionName(v: Violations, name: string | undefined): void {
  const l = v.spec.limits;
  v.length('roleSessionName', name, limits.roleSessionName.min, limits.roleSessionName.max, {
    pattern: l.sessionNameCharset,
    patternText: l.sessionNameCharsetText,
  });
}

/**
 * RoleArn and RoleSessionName of an AssumeRole*, required or not as the flavor says, checked into
 * `v`; a missing session name (MinIO) becomes `<defaultPrefix>-<ms since epoch>` by the mock's clock.
 */
export function readRoleAndSession(v: Violations, params: Params, now: Date, defaultPrefix: string): { roleArn: string | undefined; session: string } {
  const l = v.spec.limits;
  const roleArn = l.roleArnRequired ? required(params, 'RoleArn') : params.get('RoleArn');
  const session = l.sessionNameRequired ? required(params, 'RoleSessionName') : params.get('RoleSessionName') || `${defaultPrefix}-${now.getTime()}`;
  checkRoleArn(v, roleArn);
  checkSessionName(v, session);
  return { roleArn, session };
}

/** Members `Prefix.member.N[.suffix]` in order of N. */
export function members(params: Params, prefix: string, suffix = ''): string[] {
  const start = `${prefix}.member.`;
  let re: RegExp | undefined;
  const found: Array<[number, string]> = [];
  for (const name of params.keys()) {
    if (!name.startsWith(start)) continue; // most requests have no members at all: no regex, no sort
    re ??= new RegExp(`^${prefix}\\.member\\.(\\d{1,3})${suffix.replace(/\./g, '\\.')}$`);
    const m = re.exec(name);
    if (m) found.push([Number(m[1]), params.get(name)!]);
  }
  return found.length === 0 ? [] : found.sort((a, b) => a[0] - b[0]).map(([, value]) => value);
}

/** Session policy, policy ARNs and tags; returns PackedPolicySize (percent of the allowance). */
export function checkSessionPolicies(v: Violations, params: Params): { packedPercent: number; asked: boolean; policy?: string } {
  const policy = params.get('Policy');
  const arns = members(params, 'PolicyArns', '.arn');
  const keys = members(params, 'Tags', '.Key');
  const values = members(params, 'Tags', '.Value');
  if (policy !== undefined) {
    const packed = packedPolicyLength(policy);
    if (packed < limits.policy.min) v.list.push(violation('policy', policy, `Member must have length greater than or equal to ${limits.policy.min}`));
    if (packed > limits.policy.max)
      v.list.push(violation('policy', `${policy.slice(0, 40)}…`, `Member must have length less than or equal to ${limits.policy.max}`));
  }
  if (arns.length > limits.policyArns.maxCount)
    v.list.push(violation('policyArns', `[${arns.length} ARNs]`, `Member must have length less than or equal to ${limits.policyArns.maxCount}`));
  for (const [i, arn] of arns.entries()) v.length(`policyArns.${i + 1}.member.arn`, arn, limits.roleArn.min, limits.roleArn.max);
  if (keys.length > limits.tags.maxCount)
    v.list.push(violation('tags', `[${keys.length} tags]`, `Member must have length less than or equal to ${limits.tags.maxCount}`));
  for (const [i, k] of keys.entries()) v.length(`tags.${i + 1}.member.key`, k, limits.tagKey.min, limits.tagKey.max);
  for (const [i, val] of values.entries()) v.length(`tags.${i + 1}.member.value`, val, limits.tagValue.min, limits.tagValue.max);
  v.length('sourceIdentity', params.get('SourceIdentity'), limits.sourceIdentity.min, limits.sourceIdentity.max, {
    pattern: limits.sourceIdentity.charset,
    patternText: '[\\w+=,.@-]*',
  });
  v.throwIfAny();
  if (policy !== undefined && !isJsonObject(policy)) throw new MockError('MalformedPolicyDocument', 'Syntax errors in policy.');
  const total = (policy === undefined ? 0 : packedPolicyLength(policy)) + arns.join('').length + keys.join('').length + values.join('').length;
  const packedPercent = Math.ceil((total * 100) / limits.policy.max);
  if (packedPercent > 100)
    throw new MockError('PackedPolicyTooLarge', `Packed policy consumes ${packedPercent}% of allotted space, please use smaller policy.`);
  return { packedPercent, asked: policy !== undefined || arns.length > 0 || keys.length > 0, ...(policy !== undefined ? { policy } : {}) };
}

function isJsonObject(text: string): boolean {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value);
  } catch {
    return false;
  }
}
