// The request IAM evaluates a trust policy against, built from what the mock already knows: the
// signer (AssumeRole) or the verified token's issuer and claims (never the token itself), the
// call's parameters, MFA and the clock. Keys as AWS fills them; absent when AWS leaves them out.
import { issuerHost } from './issuer.js';
import { roleOfSession } from './principals.js';
import type { TrustPrincipal, TrustRequest } from './types.js';

export interface TrustRequestInput {
  action: 'sts:AssumeRole' | 'sts:AssumeRoleWithWebIdentity';
  now: Date;
  /** AssumeRole: who signed. `roleArn`: for a role session, its role's ARN with the path. */
  caller?: { arn: string; account: string; roleArn?: string };
  /** AssumeRoleWithWebIdentity: the verified token's `iss` and claims. */
  token?: { issuer: string; claims: Readonly<Record<string, unknown>> };
  /** The role asked for; an oidc-provider principal must be in its account. */
  roleArn?: string;
  roleSessionName?: string;
  externalId?: string;
  sourceIdentity?: string;
  /** AssumeRole's Tags (web identity tags come from the token's https://aws.amazon.com/tags claim). */
  tags?: readonly { key: string; value: string }[];
  transitiveTagKeys?: readonly string[];
  /**
   * Absent: long-term keys without MFA (IAM then leaves both MFA keys out). `{ present: false }`:
   * temporary credentials obtained without MFA. `authenticatedAt`: when the MFA code was checked.
   */
  mfa?: { present: false } | { present: true; authenticatedAt: Date };
  sourceIp?: string;
}

const TAGS_CLAIM = 'https://aws.amazon.com/tags';
const SOURCE_IDENTITY_CLAIM = 'https://aws.amazon.com/source_identity';

const scalar = (v: unknown): string | null => (typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : null);

/** A claim as a context value: scalars single-valued, lists of scalars multivalued; anything else left out. */
function claimValue(value: unknown, multi = false): string | string[] | null {
  if (Array.isArray(value)) {
    const items = value.map(scalar).filter((v): v is string => v !== null);
    if (items.length === 0) return null;
    return items.length === 1 && !multi ? items[0]! : items;
  }
  return scalar(value);
}

/** The token's session tags: `{principal_tags: {K: [V]}, transitive_tag_keys: [...]}` (AWS), or a list of such (Ceph). */
function tokenTags(claims: Readonly<Record<string, unknown>>): { tags: { key: string; value: string }[]; transitive: string[] } {
  const raw = claims[TAGS_CLAIM];
  const blocks = (Array.isArray(raw) ? raw : [raw]).filter((b): b is Record<string, unknown> => typeof b === 'object' && b !== null);
  const tags: { key: string; value: string }[] = [];
  const transitive: string[] = [];
  for (const block of blocks) {
    const principalTags = block.principal_tags;
    if (typeof principalTags === 'object' && principalTags !== null) {
      for (const [key, v] of Object.entries(principalTags)) {
        const value = scalar(Array.isArray(v) ? v[0] : v);
        if (value !== null) tags.push({ key, value });
      }
    }
    if (Array.isArray(block.transitive_tag_keys)) transitive.push(...block.transitive_tag_keys.filter((k): k is string => typeof k === 'string'));
  }
  return { tags, transitive };
}

function tokenKeys(token: NonNullable<TrustRequestInput['token']>, context: Record<string, string | string[]>): void {
  const prefix = issuerHost(token.issuer);
  for (const [claim, value] of Object.entries(token.claims)) {
    if (claim === TAGS_CLAIM) continue;
    const v = claimValue(value, claim === 'amr');
    if (v !== null) context[`${prefix}:${claim}`] = v;
  }
  // Google's hybrid apps (IAM docs): with azp set, :aud is azp and :oaud the token's aud.
  if (prefix === 'accounts.google.com' && typeof token.claims.azp === 'string') {
    const aud = claimValue(token.claims.aud);
    if (aud !== null) context[`${prefix}:oaud`] = aud;
    context[`${prefix}:aud`] = token.claims.azp;
  }
}

function principalOf(input: TrustRequestInput): TrustPrincipal {
  if (input.action === 'sts:AssumeRoleWithWebIdentity') {
    if (!input.token) throw new TypeError('buildTrustRequest: AssumeRoleWithWebIdentity needs the token’s issuer and claims');
    const account = input.roleArn ? /^arn:[^:]*:iam::([^:]*):role\//.exec(input.roleArn)?.[1] : undefined;
    return account === undefined ? { kind: 'federated', issuer: input.token.issuer } : { kind: 'federated', issuer: input.token.issuer, account };
  }
  if (!input.caller) throw new TypeError('buildTrustRequest: AssumeRole needs the caller');
  const { arn, account, roleArn } = input.caller;
  return roleArn === undefined ? { kind: 'aws', arn, account } : { kind: 'aws', arn, account, roleArn };
}

/** One call from the mock's action to a request evaluateTrust reads. */
export function buildTrustRequest(input: TrustRequestInput): TrustRequest {
  const principal = principalOf(input);
  const context: Record<string, string | string[]> = {
    'aws:CurrentTime': input.now.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    'aws:EpochTime': String(Math.floor(input.now.getTime() / 1000)),
  };
  let tags = [...(input.tags ?? [])];
  let transitive = [...(input.transitiveTagKeys ?? [])];
  let sourceIdentity = input.sourceIdentity;
  if (principal.kind === 'aws') {
    const role = principal.roleArn ?? roleOfSession(principal.arn);
    // IAM: a role session's aws:PrincipalArn is its role's ARN, not the session's.
    context['aws:PrincipalArn'] = role ?? principal.arn;
    context['aws:PrincipalAccount'] = principal.account;
    const user = /^arn:[^:]*:iam::[^:]*:user\/(?:.*\/)?([^/]+)$/.exec(principal.arn);
    context['aws:PrincipalType'] = role ? 'AssumedRole' : user ? 'User' : 'Account';
    if (user) context['aws:username'] = user[1]!;
  } else if (input.token) {
    tokenKeys(input.token, context);
    const fromToken = tokenTags(input.token.claims);
    tags = [...tags, ...fromToken.tags];
    transitive = [...transitive, ...fromToken.transitive];
    sourceIdentity ??= scalar(input.token.claims[SOURCE_IDENTITY_CLAIM]) ?? undefined;
  }
  if (input.roleSessionName !== undefined) context['sts:RoleSessionName'] = input.roleSessionName;
  if (input.externalId !== undefined) context['sts:ExternalId'] = input.externalId;
  if (sourceIdentity !== undefined) context['sts:SourceIdentity'] = sourceIdentity;
  if (input.sourceIp !== undefined) context['aws:SourceIp'] = input.sourceIp;
  if (input.mfa) {
    context['aws:MultiFactorAuthPresent'] = String(input.mfa.present);
    if (input.mfa.present)
      context['aws:MultiFactorAuthAge'] = String(Math.max(0, Math.floor((input.now.getTime() - input.mfa.authenticatedAt.getTime()) / 1000)));
  }
  for (const { key, value } of tags) context[`aws:RequestTag/${key}`] = value;
  if (tags.length > 0) context['aws:TagKeys'] = tags.map((t) => t.key);
  if (transitive.length > 0) context['sts:TransitiveTagKeys'] = transitive;

  const impliedActions = [...(tags.length > 0 ? ['sts:TagSession'] : []), ...(sourceIdentity !== undefined ? ['sts:SetSourceIdentity'] : [])];
  return { action: input.action, impliedActions, principal, context };
}
