// Parameter checks in AWS's words, from the one limits table (src/sts/limits.ts) as the flavor
// holds it, its maxima and patterns on top. Each records violations; the action throws them
// together as AWS does.
import { type LengthRule, limits, packedPolicyLength, type RangeRule, type StsLimits } from '../sts/limits.js';
import { MockError, violation } from './errors.js';
import type { LimitSpec } from './flavors.js';
import type { Params } from './params.js';

export class Violations {
  readonly list: string[] = [];

  /** A string member against its rule; a secret is shown as `****`. */
  length(rule: LengthRule, value: string | undefined, secret = false, field = rule.field): void {
    if (value === undefined) return;
    const shown = secret ? '****' : value;
    if (value.length < rule.min) this.list.push(violation(field, shown, `Member must have length greater than or equal to ${rule.min}`));
    if (value.length > rule.max) this.list.push(violation(field, shown, `Member must have length less than or equal to ${rule.max}`));
    if (rule.charset && !rule.charset.test(value)) this.list.push(violation(field, shown, `Member must satisfy regular expression pattern: ${rule.pattern}`));
  }

  /** An integer member within its rule's range; returns it, or the rule's default when absent. */
  integer(rule: RangeRule, value: string | undefined): number {
    if (value === undefined) return rule.default;
    if (!/^-?\d{1,12}$/.test(value)) {
      this.list.push(violation(rule.field, value, 'Member must be an integer'));
      return rule.default;
    }
    const n = Number(value);
    if (n < rule.min) this.list.push(violation(rule.field, value, `Member must have value greater than or equal to ${rule.min}`));
    if (n > rule.max) this.list.push(violation(rule.field, value, `Member must have value less than or equal to ${rule.max}`));
    return n;
  }

  /** A ValidationError listing every violation (each flavor names the code its own way). */
  throwIfAny(): void {
    const n = this.list.length;
    if (n === 0) return;
    throw new MockError('ValidationError', `${n} validation error${n === 1 ? '' : 's'} detected: ${this.list.join('; ')}`);
  }
}

export function required(params: Params, name: string): string {
  const value = params.get(name);
  if (value === undefined || value === '') throw new MockError('MissingParameter', `The request must contain the parameter ${name}`);
  return value;
}

/**
 * RoleArn and RoleSessionName of an AssumeRole*, required or not as the flavor says, checked into
 * `v`; a missing session name (MinIO) becomes `<defaultPrefix>-<ms since epoch>` by the mock's clock.
 */
export function readRoleAndSession(
  v: Violations,
  spec: LimitSpec,
  params: Params,
  now: Date,
  defaultPrefix: string,
): { roleArn: string | undefined; session: string } {
  const { roleArn: arnRule, roleSessionName: nameRule } = spec.rules;
  const roleArn = spec.roleArnRequired ? required(params, arnRule.member) : params.get(arnRule.member);
  const session = spec.sessionNameRequired ? required(params, nameRule.member) : params.get(nameRule.member) || `${defaultPrefix}-${now.getTime()}`;
  v.length(arnRule, roleArn);
  v.length(nameRule, session);
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

// The members' names inside a list (`PolicyArns.member.N.arn`, `Tags.member.N.Key`), built once.
const ARN_SUFFIX = `.${limits.policyArn.member}`;
const KEY_SUFFIX = `.${limits.tagKey.member}`;
const VALUE_SUFFIX = `.${limits.tagValue.member}`;

/** Session policy, policy ARNs and tags; returns PackedPolicySize (percent of the allowance). */
export function checkSessionPolicies(
  v: Violations,
  rules: StsLimits,
  params: Params,
): { packedPercent: number; asked: boolean; policy?: string; tags?: Record<string, string> } {
  const { policy: policyRule, policyArns, policyArn, tags, tagKey, tagValue } = rules;
  const policy = params.get(policyRule.member);
  const arns = members(params, policyArns.member, ARN_SUFFIX);
  const keys = members(params, tags.member, KEY_SUFFIX);
  const values = members(params, tags.member, VALUE_SUFFIX);
  if (policy !== undefined) {
    const packed = packedPolicyLength(policy);
    if (packed < policyRule.min) v.list.push(violation(policyRule.field, policy, `Member must have length greater than or equal to ${policyRule.min}`));
    if (packed > policyRule.max)
      v.list.push(violation(policyRule.field, `${policy.slice(0, 40)}…`, `Member must have length less than or equal to ${policyRule.max}`));
  }
  if (arns.length > policyArns.maxCount)
    v.list.push(violation(policyArns.field, `[${arns.length} ARNs]`, `Member must have length less than or equal to ${policyArns.maxCount}`));
  for (const [i, arn] of arns.entries()) v.length(policyArn, arn, false, `${policyArns.field}.${i + 1}.member.${policyArn.field}`);
  if (keys.length > tags.maxCount)
    v.list.push(violation(tags.field, `[${keys.length} tags]`, `Member must have length less than or equal to ${tags.maxCount}`));
  for (const [i, k] of keys.entries()) v.length(tagKey, k, false, `${tags.field}.${i + 1}.member.${tagKey.field}`);
  for (const [i, val] of values.entries()) v.length(tagValue, val, false, `${tags.field}.${i + 1}.member.${tagValue.field}`);
  v.length(rules.sourceIdentity, params.get(rules.sourceIdentity.member));
  v.throwIfAny();
  if (policy !== undefined && !isJsonObject(policy)) throw new MockError('MalformedPolicyDocument', 'Syntax errors in policy.');
  const total = (policy === undefined ? 0 : packedPolicyLength(policy)) + arns.join('').length + keys.join('').length + values.join('').length;
  const packedPercent = Math.ceil((total * 100) / policyRule.max);
  if (packedPercent > 100)
    throw new MockError('PackedPolicyTooLarge', `Packed policy consumes ${packedPercent}% of allotted space, please use smaller policy.`);
  const checked: { packedPercent: number; asked: boolean; policy?: string; tags?: Record<string, string> } = {
    packedPercent,
    asked: policy !== undefined || arns.length > 0 || keys.length > 0,
  };
  if (policy !== undefined) checked.policy = policy;
  if (keys.length > 0) checked.tags = Object.fromEntries(keys.map((k, i) => [k, values[i] ?? '']));
  return checked;
}

function isJsonObject(text: string): boolean {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value);
  } catch {
    return false;
  }
}
