// Does a statement's Principal (or NotPrincipal) cover the caller? A caller has identities, as
// IAM evaluates them: a user is its ARN and its account; a role session is the session ARN, the
// role's ARN and the account. Principal names any one of them; NotPrincipal excludes a caller
// only when it names every one (IAM's advice to list session, role and account together).
import { issuerHost } from './issuer.js';
import type { PrincipalSet, TrustPrincipal } from './types.js';

/** The role an `assumed-role` session ARN belongs to (path lost, as AWS loses it; Ceph keeps it). */
export function roleOfSession(arn: string): string | null {
  const m = /^arn:([^:]*):sts::([^:]*):assumed-role\/(.+)\/[^/]+$/.exec(arn);
  return m ? `arn:${m[1]}:iam::${m[2]}:role/${m[3]}` : null;
}

function roleArnOf(p: Extract<TrustPrincipal, { kind: 'aws' }>): string | null {
  return p.roleArn ?? roleOfSession(p.arn);
}

/** What the request is, for explanations: `arn:…`, `account 123456789012`, `Federated …`. */
export function describeCaller(p: TrustPrincipal): string[] {
  if (p.kind === 'federated') return [`Federated ${p.issuer}`];
  if (p.kind === 'service') return [`Service ${p.service}`];
  const role = roleArnOf(p);
  return [p.arn, ...(role ? [role] : []), `account ${p.account}`];
}

/** `arn:aws:iam::A:oidc-provider/HOST/PATH` (or a built-in provider name) names this token's issuer. */
function federatedMatches(entry: string, p: Extract<TrustPrincipal, { kind: 'federated' }>): boolean {
  const host = issuerHost(p.issuer);
  const m = /^arn:[^:]*:iam::([^:]*):oidc-provider\/(.+)$/.exec(entry);
  if (m) return m[2] === host && (p.account === undefined || m[1] === p.account);
  return !entry.startsWith('arn:') && entry === host;
}

/** Each identity of the caller, and whether `set` names it. */
function identities(set: PrincipalSet, p: TrustPrincipal): boolean[] {
  if (set.everyone) return [true];
  if (p.kind === 'federated') return [set.federated.some((f) => federatedMatches(f, p))];
  if (p.kind === 'service') return [set.service.includes(p.service)];
  const anyAws = set.aws.some((e) => e.kind === 'any');
  const arnListed = (arn: string) => anyAws || set.aws.some((e) => e.kind === 'arn' && e.arn === arn);
  const role = roleArnOf(p);
  return [arnListed(p.arn), ...(role ? [arnListed(role)] : []), anyAws || set.aws.some((e) => e.kind === 'account' && e.account === p.account)];
}

/** The statement applies to this caller as far as its Principal/NotPrincipal element goes. */
export function principalApplies(element: 'Principal' | 'NotPrincipal', set: PrincipalSet, p: TrustPrincipal): boolean {
  const named = identities(set, p);
  return element === 'Principal' ? named.some(Boolean) : !named.every(Boolean);
}
