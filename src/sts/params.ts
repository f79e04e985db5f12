// Client-side checks of SPEC §2: every parameter is checked against the one limits table before
// anything is sent, and a bad one throws InvalidParameterError (exit 2). Pure: values in, values out.
import { InvalidParameterError } from '../errors.js';
import { checkDuration } from './duration.js';
import { checkLength, limits, type LengthRule } from './limits.js';
import { checkPolicy } from './policy.js';
import type { AssumeRoleParams, AssumeRoleWithWebIdentityParams, Tag } from './types.js';

// The CLI reads --policy and durations through this module, with the other parameter checks.
export { checkDuration, parseDuration, parseSessionTokenDuration } from './duration.js';
export { readPolicyArgument } from './policy.js';

/** `value` against `rule`; the message names `parameter` (the rule's member unless told) and never repeats the value. */
function checkRule(value: string, rule: LengthRule, parameter = rule.member): void {
  const problem = checkLength(value, rule);
  if (problem) throw new InvalidParameterError(parameter, `${parameter} ${problem}.`);
}

function checkPolicyArns(arns: readonly string[] | undefined): void {
  if (!arns) return;
  const { member, maxCount } = limits.policyArns;
  if (arns.length > maxCount) throw new InvalidParameterError(member, `At most ${maxCount} policy ARNs may be passed; got ${arns.length}.`);
  for (const arn of arns) checkRule(arn, limits.policyArn, member);
}

function checkTags(tags: readonly Tag[] | undefined, transitive: readonly string[] | undefined): void {
  const { member, maxCount } = limits.tags;
  const count = tags?.length ?? 0;
  if (count > maxCount) throw new InvalidParameterError(member, `At most ${maxCount} session tags may be passed; got ${count}.`);
  for (const tag of tags ?? []) {
    checkRule(tag.key, limits.tagKey, member);
    const problem = checkLength(tag.value, limits.tagValue);
    if (problem) throw new InvalidParameterError(member, `The value of tag "${tag.key}" ${problem}.`);
  }
  if ((transitive?.length ?? 0) > maxCount) {
    throw new InvalidParameterError('TransitiveTagKeys', `At most ${maxCount} transitive tag keys may be passed; got ${transitive!.length}.`);
  }
  for (const key of transitive ?? []) checkRule(key, limits.tagKey, 'TransitiveTagKeys');
}

function checkCommon(p: { roleArn?: string; roleSessionName: string; durationSeconds?: number; policy?: string; policyArns?: string[] }): void {
  if (p.roleArn !== undefined) checkRule(p.roleArn, limits.roleArn);
  checkRule(p.roleSessionName, limits.roleSessionName);
  if (p.durationSeconds !== undefined) checkDuration(p.durationSeconds);
  if (p.policy !== undefined) checkPolicy(p.policy);
  checkPolicyArns(p.policyArns);
}

/** Every client-side check of SPEC §2 for AssumeRole. Call after prompting for a token code. */
export function checkAssumeRoleParams(p: AssumeRoleParams): void {
  checkCommon(p);
  if (p.externalId !== undefined) checkRule(p.externalId, limits.externalId);
  if (p.serialNumber !== undefined) checkRule(p.serialNumber, limits.serialNumber);
  if (p.tokenCode !== undefined) {
    // The code is a one-time secret: say what is wrong without repeating it.
    if (checkLength(p.tokenCode, limits.tokenCode) !== null)
      throw new InvalidParameterError('TokenCode', `TokenCode must be exactly ${limits.tokenCode.min} digits.`);
    if (p.serialNumber === undefined) {
      throw new InvalidParameterError('TokenCode', 'TokenCode needs SerialNumber: pass --serial-number with the MFA device that made the code.');
    }
  } else if (p.serialNumber !== undefined) {
    throw new InvalidParameterError('TokenCode', 'SerialNumber needs TokenCode: pass --token-code with the 6-digit code from the MFA device.');
  }
  checkTags(p.tags, p.transitiveTagKeys);
  if (p.sourceIdentity !== undefined) checkRule(p.sourceIdentity, limits.sourceIdentity);
}

/** Every client-side check of SPEC §2 for AssumeRoleWithWebIdentity. Never echoes the token. */
export function checkWebIdentityParams(p: AssumeRoleWithWebIdentityParams): void {
  checkCommon(p);
  checkRule(p.webIdentityToken, limits.webIdentityToken);
  if (p.providerId !== undefined) checkRule(p.providerId, limits.providerId);
}

/** The client-side checks of GetSessionToken: a serial number as AssumeRole's, a 6-digit code with it. Never echoes the code. */
export function checkSessionTokenParams(p: { durationSeconds?: number; serialNumber?: string; tokenCode?: string }): void {
  if (p.durationSeconds !== undefined) checkDuration(p.durationSeconds);
  if (p.serialNumber !== undefined) checkRule(p.serialNumber, limits.serialNumber);
  if (p.tokenCode !== undefined && checkLength(p.tokenCode, limits.tokenCode) !== null) {
    throw new InvalidParameterError('TokenCode', `TokenCode must be exactly ${limits.tokenCode.min} digits.`);
  }
  if ((p.serialNumber === undefined) !== (p.tokenCode === undefined)) {
    throw new InvalidParameterError('TokenCode', 'GetSessionToken needs both SerialNumber and TokenCode, or neither.');
  }
}

/** `--tags k=v` values → tags; the key ends at the first `=`. */
export function parseTags(list: readonly string[]): Tag[] {
  return list.map((item) => {
    const eq = item.indexOf('=');
    if (eq <= 0) throw new InvalidParameterError('Tags', `The tag "${item}" is not of the form key=value.`);
    return { key: item.slice(0, eq), value: item.slice(eq + 1) };
  });
}
