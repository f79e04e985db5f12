// AssumeRoleWithWebIdentity: unsigned; the JWT proves identity (signature, iss, exp, nbf by
// jose), then the role's trust decides: its trust policy on the token's issuer and claims, or the
// short form on issuer, audience and subject.
import { checkSessionPolicies, readRoleAndSession, required, Violations } from '../checks.js';
import { checkTrustPolicy, trustPolicyAllows, trustRefusal } from '../checkTrustPolicy.js';
import type { MockContext } from '../context.js';
import { MockError } from '../errors.js';
import { assumedRoleUser, issueCredentials, roleResultNodes } from '../issue.js';
import { verifyWebIdentity, type VerifiedIdentity } from '../oidc.js';
import { splitRoleArn } from '../roleArn.js';
import { checkRoleMaximum, resolveAssumedRole, type ResolvedRole } from '../roles.js';
import type { TrustRequestInput } from '../trust/index.js';
import type { Action } from './types.js';

const NOT_AUTHORIZED = 'Not authorized to perform sts:AssumeRoleWithWebIdentity';

function audiences(identity: VerifiedIdentity): string[] {
  const aud = identity.payload.aud;
  return aud === undefined ? [] : Array.isArray(aud) ? aud : [aud];
}

function wildcard(pattern: string, value: string): boolean {
  const re = new RegExp(
    `^${pattern
      .split('*')
      .map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
  );
  return re.test(value);
}

/** Returns the audience that matched the trust (the first one when anything goes). */
function checkOidcTrust(ctx: MockContext, resolved: ResolvedRole, identity: VerifiedIdentity): string {
  const tokenAudiences = audiences(identity);
  if (!resolved.role) return tokenAudiences[0] ?? '';
  const entries = (resolved.role.trust?.oidc ?? []).filter((t) => t.issuer === identity.issuer || (t.issuer === 'self' && identity.own));
  if (entries.length === 0) throw trustRefusal(ctx, NOT_AUTHORIZED, `the role's trust.oidc does not name ${identity.issuer}`);
  const withAudience = entries.filter((t) => !t.audiences || t.audiences.some((a) => tokenAudiences.includes(a)));
  if (withAudience.length === 0) throw new MockError('InvalidIdentityToken', 'Incorrect token audience');
  const sub = String(identity.payload.sub ?? '');
  const match = withAudience.find((t) => !t.subjects || t.subjects.some((s) => wildcard(s, sub)));
  if (!match) throw new MockError('IDPRejectedClaim', `The subject ${sub} is not allowed to assume ${resolved.arn}.`);
  return match.audiences ? tokenAudiences.find((a) => match.audiences!.includes(a))! : (tokenAudiences[0] ?? '');
}

export const assumeRoleWithWebIdentity: Action = async (ctx, req, params) => {
  const { spec } = ctx;
  const { rules } = spec.limits;
  const v = new Violations();
  const { roleArn, session } = readRoleAndSession(v, spec.limits, params, ctx.now(), 'web');
  const token = required(params, rules.webIdentityToken.member);
  v.length(rules.webIdentityToken, token, true);
  v.length(rules.providerId, params.get(rules.providerId.member));
  const duration = v.integer(rules.durationSeconds, params.get(rules.durationSeconds.member));
  v.throwIfAny();
  const packed = checkSessionPolicies(v, rules, params);

  const now = ctx.now();
  const identity = await verifyWebIdentity(ctx.keys, ctx.providers, token, now);
  const trustInput = (r: ResolvedRole): Omit<TrustRequestInput, 'now'> => ({
    action: 'sts:AssumeRoleWithWebIdentity',
    token: { issuer: identity.issuer, claims: identity.payload },
    roleArn: r.arn,
    roleSessionName: session,
  });
  const resolved = resolveAssumedRole(ctx, roleArn, `web identity ${String(identity.payload.sub)}`, 'sts:AssumeRoleWithWebIdentity', (role) => {
    if (role.policy) return trustPolicyAllows(ctx, role.policy, trustInput(role));
    try {
      checkOidcTrust(ctx, role, identity);
      return true;
    } catch {
      return false;
    }
  });
  checkRoleMaximum(resolved, duration);
  let audience: string;
  if (resolved.policy) {
    checkTrustPolicy(ctx, resolved.policy, trustInput(resolved), resolved.arn);
    audience = audiences(identity)[0] ?? '';
  } else audience = checkOidcTrust(ctx, resolved, identity);

  const user = assumedRoleUser(ctx, resolved.arn, session);
  const sub = String(identity.payload.sub);
  const creds = issueCredentials(
    ctx,
    duration,
    { sessionName: session, tags: packed.tags, sourceBytes: req.body.length + req.rawQuery.length },
    {
      kind: 'web',
      account: splitRoleArn(resolved.arn)?.account ?? ctx.directory.account,
      arn: user.arn || `arn:minio:iam:::user/${sub}`,
      userId: user.assumedRoleId,
      role: resolved.arn,
      src: [resolved.arn, user.arn].filter(Boolean),
      owner: sub,
    },
  );
  const provider = identity.issuer.replace(/^https?:\/\//, '');
  const result = [
    ['SubjectFromWebIdentityToken', sub] as const,
    ['Audience', audience] as const,
    ...roleResultNodes(spec.answer, creds, user, packed),
    ['Provider', provider] as const,
  ];
  return { result };
};
