// Client-side checks of SPEC §2: every parameter is checked against the one limits table before
// anything is sent, and a bad one throws InvalidParameterError (exit 2). Pure: values in, values out.
import { InvalidParameterError } from '../errors.js';
import { checkLength, limits, type LengthRule } from './limits.js';
import { checkPolicy } from './policy.js';
import type { AssumeRoleParams, AssumeRoleWithWebIdentityParams, Tag } from './types.js';

export { assumeRoleForm, webIdentityForm, getSessionTokenForm, getCallerIdentityForm, encodeForm, type FormPairs } from './form.js';
export { readPolicyArgument, checkPolicy } from './policy.js';

const UNITS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400 };

/** `3600`, `15m`, `1h`, `12h`, `7d` (or a sum such as `1h30m`) → integer seconds, at least 900. */
export function parseDuration(text: string): number {
  const trimmed = text.trim().toLowerCase();
  let seconds: number;
  if (/^\d+$/.test(trimmed)) {
    seconds = Number(trimmed);
  } else if (/^(\d+[smhd])+$/.test(trimmed)) {
    seconds = 0;
    for (const [, amount, unit] of trimmed.matchAll(/(\d+)([smhd])/g)) seconds += Number(amount) * UNITS[unit!]!;
  } else {
    throw new InvalidParameterError('DurationSeconds', `The duration "${text}" is not a number of seconds or a span such as 15m, 1h, 12h or 7d.`);
  }
  checkDuration(seconds);
  return seconds;
}

function checkDuration(seconds: number): void {
  if (!Number.isSafeInteger(seconds)) {
    throw new InvalidParameterError('DurationSeconds', 'DurationSeconds must be a whole number of seconds.');
  }
  if (seconds < limits.durationSeconds.min) {
    throw new InvalidParameterError('DurationSeconds', `DurationSeconds must be at least ${limits.durationSeconds.min} seconds (15 minutes); got ${seconds}.`);
  }
}

function checkRule(parameter: string, value: string, rule: LengthRule): void {
  const problem = checkLength(value, rule);
  if (problem) throw new InvalidParameterError(parameter, `${parameter} ${problem}.`);
}

function checkRoleArn(roleArn: string | undefined): void {
  if (roleArn !== undefined) checkRule('RoleArn', roleArn, limits.roleArn);
}

function checkPolicyArns(arns: readonly string[] | undefined): void {
  if (!arns) return;
  if (arns.length > limits.policyArns.maxCount) {
    throw new InvalidParameterError('PolicyArns', `At most ${limits.policyArns.maxCount} policy ARNs may be passed; got ${arns.length}.`);
  }
  for (const arn of arns) checkRule('PolicyArns', arn, limits.roleArn);
}

function checkTags(tags: readonly Tag[] | undefined, transitive: readonly string[] | undefined): void {
  const count = tags?.length ?? 0;
  if (count > limits.tags.maxCount) {
    throw new InvalidParameterError('Tags', `At most ${limits.tags.maxCount} session tags may be passed; got ${count}.`);
  }
  for (const tag of tags ?? []) {
    checkRule('Tags', tag.key, limits.tagKey);
    const problem = checkLength(tag.value, limits.tagValue);
    if (problem) throw new InvalidParameterError('Tags', `The value of tag "${tag.key}" ${problem}.`);
  }
  if ((transitive?.length ?? 0) > limits.tags.maxCount) {
    throw new InvalidParameterError('TransitiveTagKeys', `At most ${limits.tags.maxCount} transitive tag keys may be passed; got ${transitive!.length}.`);
  }
  for (const key of transitive ?? []) checkRule('TransitiveTagKeys', key, limits.tagKey);
}

function checkCommon(p: { roleArn?: string; roleSessionName: string; durationSeconds?: number; policy?: string; policyArns?: string[] }): void {
  checkRoleArn(p.roleArn);
  checkRule('RoleSessionName', p.roleSessionName, limits.roleSessionName);
  if (p.durationSeconds !== undefined) checkDuration(p.durationSeconds);
  if (p.policy !== undefined) checkPolicy(p.policy);
  checkPolicyArns(p.policyArns);
}

/** Every client-side check of SPEC §2 for AssumeRole. Call after prompting for a token code. */
export function checkAssumeRoleParams(p: AssumeRoleParams): void {
  checkCommon(p);
  if (p.externalId !== undefined) checkRule('ExternalId', p.externalId, limits.externalId);
  if (p.serialNumber !== undefined) checkRule('SerialNumber', p.serialNumber, limits.serialNumber);
  if (p.tokenCode !== undefined) {
    // The code is a one-time secret: say what is wrong without repeating it.
    if (!limits.tokenCode.pattern.test(p.tokenCode)) throw new InvalidParameterError('TokenCode', `TokenCode must be ${limits.tokenCode.text}.`);
    if (p.serialNumber === undefined) {
      throw new InvalidParameterError('TokenCode', 'TokenCode needs SerialNumber: pass --serial-number with the MFA device that made the code.');
    }
  } else if (p.serialNumber !== undefined) {
    throw new InvalidParameterError('TokenCode', 'SerialNumber needs TokenCode: pass --token-code with the 6-digit code from the MFA device.');
  }
  checkTags(p.tags, p.transitiveTagKeys);
  if (p.sourceIdentity !== undefined) checkRule('SourceIdentity', p.sourceIdentity, limits.sourceIdentity);
}

/** Every client-side check of SPEC §2 for AssumeRoleWithWebIdentity. Never echoes the token. */
export function checkWebIdentityParams(p: AssumeRoleWithWebIdentityParams): void {
  checkCommon(p);
  const { min, max } = limits.webIdentityToken;
  const length = p.webIdentityToken.length;
  if (length < min || length > max) {
    throw new InvalidParameterError('WebIdentityToken', `WebIdentityToken must be ${min} to ${max} characters (got ${length}).`);
  }
  if (p.providerId !== undefined) checkRule('ProviderId', p.providerId, limits.providerId);
}

/** `--tags k=v` values → tags; the key ends at the first `=`. */
export function parseTags(list: readonly string[]): Tag[] {
  return list.map((item) => {
    const eq = item.indexOf('=');
    if (eq <= 0) throw new InvalidParameterError('Tags', `The tag "${item}" is not of the form key=value.`);
    return { key: item.slice(0, eq), value: item.slice(eq + 1) };
  });
}
