// The actions a role trust policy may name (IAM: "AssumeRole policy may only specify STS
// AssumeRole actions"), and how a statement's Action/NotAction patterns match one: `*` and `?`
// wildcards, case-insensitive names.
import { matchWildcard } from './wildcard.js';

/** What IAM accepts in a trust policy's Action, besides wildcards matching one of them. */
export const TRUST_ACTIONS = [
  'sts:AssumeRole',
  'sts:AssumeRoleWithSAML',
  'sts:AssumeRoleWithWebIdentity',
  'sts:TagSession',
  'sts:SetSourceIdentity',
  'sts:SetContext',
] as const;

export function actionMatches(pattern: string, action: string): boolean {
  return matchWildcard(pattern, action, true);
}

/** Why an Action entry is not one a trust policy may hold, or null. */
export function checkTrustAction(pattern: string): string | null {
  if (pattern === '*') return null;
  if (!/^[A-Za-z0-9-]+:[A-Za-z0-9*?]+$/.test(pattern)) return `"${pattern}" is not an action (a service prefix, a colon and a name, such as sts:AssumeRole)`;
  if (!TRUST_ACTIONS.some((a) => actionMatches(pattern, a))) {
    return `"${pattern}" is not an action a trust policy may allow or deny (IAM: "AssumeRole policy may only specify STS AssumeRole actions"; these are ${TRUST_ACTIONS.join(', ')})`;
  }
  return null;
}
