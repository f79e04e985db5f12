// STS requests as ordered form pairs, and their strict RFC 3986 encoding. Pure.
import { uriEncode } from '../sigv4/index.js';
import { limits } from './limits.js';
import type { AssumeRoleParams, AssumeRoleWithWebIdentityParams } from './types.js';

export type FormPairs = Array<[string, string]>;

function head(action: string): FormPairs {
  return [
    ['Action', action],
    ['Version', limits.version],
  ];
}

function optional(pairs: FormPairs, name: string, value: string | number | undefined): void {
  if (value !== undefined) pairs.push([name, String(value)]);
}

function policyArns(pairs: FormPairs, arns: readonly string[] | undefined): void {
  for (const [i, arn] of (arns ?? []).entries()) pairs.push([`PolicyArns.member.${i + 1}.arn`, arn]);
}

/** AssumeRole as form pairs; absent optional parameters (RoleArn included) are left out. */
export function assumeRoleForm(p: AssumeRoleParams): FormPairs {
  const pairs = head('AssumeRole');
  optional(pairs, 'RoleArn', p.roleArn);
  pairs.push(['RoleSessionName', p.roleSessionName]);
  optional(pairs, 'DurationSeconds', p.durationSeconds);
  optional(pairs, 'Policy', p.policy);
  policyArns(pairs, p.policyArns);
  optional(pairs, 'ExternalId', p.externalId);
  optional(pairs, 'SerialNumber', p.serialNumber);
  optional(pairs, 'TokenCode', p.tokenCode);
  (p.tags ?? []).forEach((tag, i) => {
    pairs.push([`Tags.member.${i + 1}.Key`, tag.key], [`Tags.member.${i + 1}.Value`, tag.value]);
  });
  for (const [i, key] of (p.transitiveTagKeys ?? []).entries()) pairs.push([`TransitiveTagKeys.member.${i + 1}`, key]);
  optional(pairs, 'SourceIdentity', p.sourceIdentity);
  return pairs;
}

/** AssumeRoleWithWebIdentity as form pairs. */
export function webIdentityForm(p: AssumeRoleWithWebIdentityParams): FormPairs {
  const pairs = head('AssumeRoleWithWebIdentity');
  optional(pairs, 'RoleArn', p.roleArn);
  pairs.push(['RoleSessionName', p.roleSessionName]);
  pairs.push(['WebIdentityToken', p.webIdentityToken]);
  optional(pairs, 'ProviderId', p.providerId);
  optional(pairs, 'DurationSeconds', p.durationSeconds);
  optional(pairs, 'Policy', p.policy);
  policyArns(pairs, p.policyArns);
  return pairs;
}

export function getCallerIdentityForm(): FormPairs {
  return head('GetCallerIdentity');
}

export function getSessionTokenForm(p: { durationSeconds?: number; serialNumber?: string; tokenCode?: string } = {}): FormPairs {
  const pairs = head('GetSessionToken');
  optional(pairs, 'DurationSeconds', p.durationSeconds);
  optional(pairs, 'SerialNumber', p.serialNumber);
  optional(pairs, 'TokenCode', p.tokenCode);
  return pairs;
}

/** `a=1&b=x%20y`: every byte but `A-Za-z0-9-_.~` escaped, spaces as %20 (Ceph does not decode '+'). */
export function encodeForm(pairs: FormPairs): string {
  return pairs.map(([name, value]) => `${uriEncode(name)}=${uriEncode(value)}`).join('&');
}
