// Client-side checks of SPEC §2: every parameter is checked against the one limits table before
// anything is sent, and a bad one throws InvalidParameterError (exit 2). Pure: values in, values out.
import { InvalidParameterError } from '../errors.js';
import { checkDuration } from './duration.js';
import { checkLength, type LengthRule, limits, type Naming, nameOf } from './limits.js';
import { checkPolicy } from './policy.js';
import { checkTokenCode } from './tokenCode.js';
import type { AssumeRoleParams, AssumeRoleWithWebIdentityParams, Tag } from './types.js';

// The CLI reads --policy and durations through this module, with the other parameter checks.
export { checkDuration, parseDuration, parseSessionTokenDuration } from './duration.js';
export { readPolicyArgument } from './policy.js';

/**
 * `value` against `rule`; the error keeps the STS member (`parameter`, the rule's unless told) for
 * code, its message names what a person gave (`subject`: the rule's flag, or its profile setting
 * by `naming`), and never repeats the value.
 */
function checkRule(value: string, rule: LengthRule, naming: Naming = 'flag', parameter = rule.member, subject = nameOf(rule, naming)): void {
  const problem = checkLength(value, rule);
  if (problem) throw new InvalidParameterError(parameter, `${subject} ${problem}.`);
}

function checkPolicyArns(arns: readonly string[] | undefined): void {
  if (!arns) return;
  const { member, flag, maxCount } = limits.policyArns;
  if (arns.length > maxCount) throw new InvalidParameterError(member, `${flag} takes at most ${maxCount} policy ARNs; got ${arns.length}.`);
  for (const arn of arns) checkRule(arn, limits.policyArn, 'flag', member, `Each ARN of ${flag}`);
}

function checkTags(tags: readonly Tag[] | undefined, transitive: readonly string[] | undefined): void {
  const { member, flag, maxCount } = limits.tags;
  const count = tags?.length ?? 0;
  if (count > maxCount) throw new InvalidParameterError(member, `${flag} may be given at most ${maxCount} times; got ${count}.`);
  for (const tag of tags ?? []) {
    checkRule(tag.key, limits.tagKey, 'flag', member, `The key of ${flag} ${tag.key.slice(0, 128)}=`);
    const problem = checkLength(tag.value, limits.tagValue);
    if (problem) throw new InvalidParameterError(member, `The value of ${flag} ${tag.key}= ${problem}.`);
  }
  const chained = limits.transitiveTagKeys;
  if ((transitive?.length ?? 0) > chained.maxCount) {
    throw new InvalidParameterError(chained.member, `${chained.flag} takes at most ${chained.maxCount} keys; got ${transitive!.length}.`);
  }
  for (const key of transitive ?? []) checkRule(key, limits.tagKey, 'flag', chained.member, `Each key of ${chained.flag}`);
}

function checkCommon(p: { roleArn?: string; roleSessionName: string; durationSeconds?: number; policy?: string; policyArns?: string[] }, naming: Naming): void {
  if (p.roleArn !== undefined) checkRule(p.roleArn, limits.roleArn, naming);
  checkRule(p.roleSessionName, limits.roleSessionName, naming);
  if (p.durationSeconds !== undefined) checkDuration(p.durationSeconds, nameOf(limits.durationSeconds, naming));
  if (p.policy !== undefined) checkPolicy(p.policy);
  checkPolicyArns(p.policyArns);
}

/**
 * Every client-side check of SPEC §2 for AssumeRole. Call after prompting for a token code.
 * `naming` 'setting': the values came from a role profile, and messages name its settings.
 */
export function checkAssumeRoleParams(p: AssumeRoleParams, naming: Naming = 'flag'): void {
  checkCommon(p, naming);
  if (p.externalId !== undefined) checkRule(p.externalId, limits.externalId, naming);
  if (p.serialNumber !== undefined) checkRule(p.serialNumber, limits.serialNumber, naming);
  const code = limits.tokenCode;
  const serial = nameOf(limits.serialNumber, naming);
  if (p.tokenCode !== undefined) {
    checkTokenCode(p.tokenCode);
    if (p.serialNumber === undefined) {
      throw new InvalidParameterError(code.member, `${code.flag} needs ${serial}: pass ${serial} with the MFA device that made the code.`);
    }
  } else if (p.serialNumber !== undefined) {
    throw new InvalidParameterError(code.member, `${serial} needs ${code.flag}: pass ${code.flag} with the ${code.min}-digit code from the MFA device.`);
  }
  checkTags(p.tags, p.transitiveTagKeys);
  if (p.sourceIdentity !== undefined) checkRule(p.sourceIdentity, limits.sourceIdentity);
}

/** Every client-side check of SPEC §2 for AssumeRoleWithWebIdentity. Never echoes the token. */
export function checkWebIdentityParams(p: AssumeRoleWithWebIdentityParams): void {
  checkCommon(p, 'flag');
  checkRule(p.webIdentityToken, limits.webIdentityToken);
  if (p.providerId !== undefined) checkRule(p.providerId, limits.providerId);
}

/** The client-side checks of GetSessionToken: a serial number as AssumeRole's, a 6-digit code with it. Never echoes the code. */
export function checkSessionTokenParams(p: { durationSeconds?: number; serialNumber?: string; tokenCode?: string }): void {
  if (p.durationSeconds !== undefined) checkDuration(p.durationSeconds);
  if (p.serialNumber !== undefined) checkRule(p.serialNumber, limits.serialNumber);
  if (p.tokenCode !== undefined) checkTokenCode(p.tokenCode);
  if ((p.serialNumber === undefined) !== (p.tokenCode === undefined)) {
    throw new InvalidParameterError(
      limits.tokenCode.member,
      `An MFA session needs both ${limits.serialNumber.flag} (or mfa_serial) and ${limits.tokenCode.flag}, or neither.`,
    );
  }
}

/** `--tags k=v` values → tags; the key ends at the first `=`. */
export function parseTags(list: readonly string[]): Tag[] {
  return list.map((item) => {
    const eq = item.indexOf('=');
    if (eq <= 0) throw new InvalidParameterError(limits.tags.member, `${limits.tags.flag} ${item} is not of the form key=value.`);
    return { key: item.slice(0, eq), value: item.slice(eq + 1) };
  });
}
