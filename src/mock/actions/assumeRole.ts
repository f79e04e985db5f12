// AssumeRole: signed by a user (or temporary credentials: role chaining), checked against the
// limits table, the role's maximum, MFA and trust (its trust policy, or the short form); answers
// temporary credentials. GetSessionToken credentials are a user's own: signing with them is not
// role chaining (no 1-hour cap), and when they were obtained with MFA they satisfy a role that
// requires it, as on AWS.
import { authenticate } from '../auth.js';
import { checkSessionPolicies, readRoleAndSession, Violations } from '../checks.js';
import { checkTrustPolicy, sessionTags, trustPolicyAllows } from '../checkTrustPolicy.js';
import { MockError } from '../errors.js';
import { assumedRoleUser, type IssuedClaims, issueCredentials, roleResultNodes } from '../issue.js';
import { splitRoleArn } from '../roleArn.js';
import { checkMfa, checkRoleMaximum, checkUserTrust, mfaContext, type ResolvedRole, resolveAssumedRole, sessionMfa, trustsUser } from '../roles.js';
import type { TrustRequestInput } from '../trust/index.js';
import type { Action } from './types.js';

const CHAINED = 'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.';

export const assumeRole: Action = (ctx, req, params) => {
  const { spec } = ctx;
  const { rules } = spec.limits;
  const caller = authenticate(ctx, req);
  const chained = caller.session !== undefined && caller.session.kind !== 'session';
  if (caller.session && spec.limits.chained === 'refuse') {
    throw new MockError('AccessDenied', 'AssumeRole is not allowed with temporary credentials; sign it with a user’s long-term keys.');
  }

  const v = new Violations();
  const { roleArn, session } = readRoleAndSession(v, spec.limits, params, ctx.now(), 'minio');
  const duration = v.integer(rules.durationSeconds, params.get(rules.durationSeconds.member));
  const externalId = params.get(rules.externalId.member);
  v.length(rules.externalId, externalId);
  const serialNumber = params.get(rules.serialNumber.member);
  const tokenCode = params.get(rules.tokenCode.member);
  v.length(rules.serialNumber, serialNumber);
  v.length(rules.tokenCode, tokenCode, true);
  v.throwIfAny();
  const packed = checkSessionPolicies(v, rules, params);

  const sourceIdentity = params.get(rules.sourceIdentity.member);
  const sessionRole = caller.session?.kind === 'session' ? undefined : caller.session?.role;
  const trustInput = (r: ResolvedRole, mfa: TrustRequestInput['mfa']): Omit<TrustRequestInput, 'now'> => ({
    action: 'sts:AssumeRole',
    caller: { arn: caller.arn, account: caller.account, ...(sessionRole ? { roleArn: sessionRole } : {}) },
    roleArn: r.arn,
    roleSessionName: session,
    ...(externalId !== undefined ? { externalId } : {}),
    ...(sourceIdentity !== undefined ? { sourceIdentity } : {}),
    ...(mfa ? { mfa } : {}),
    ...sessionTags(params),
  });
  const temporary = caller.session !== undefined;
  const presumedMfa = mfaContext(serialNumber !== undefined && tokenCode !== undefined, temporary, ctx.now(), sessionMfa(caller.session));
  const resolved = resolveAssumedRole(ctx, roleArn, caller.arn, 'sts:AssumeRole', (role) =>
    role.policy ? trustPolicyAllows(ctx, role.policy, trustInput(role, presumedMfa)) : trustsUser(role, caller.identifiers),
  );
  if (chained && spec.limits.chained === 'cap' && duration > rules.chainedDurationMax) throw new MockError('ValidationError', CHAINED);
  checkRoleMaximum(resolved, duration);
  let mfa: TrustRequestInput['mfa'];
  if (resolved.policy) {
    // The code is checked against the role's device first; the policy then sees the MFA it gave.
    mfa = checkMfa(resolved, serialNumber, tokenCode, ctx.realNow(), { arn: caller.arn, temporary, session: caller.session });
    checkTrustPolicy(ctx, resolved.policy, trustInput(resolved, mfa), resolved.arn);
  } else {
    checkUserTrust(ctx, resolved, caller.identifiers, caller.arn);
    mfa = checkMfa(resolved, serialNumber, tokenCode, ctx.realNow(), { arn: caller.arn, temporary, session: caller.session });
  }

  const user = assumedRoleUser(ctx, resolved.arn, session);
  const account = splitRoleArn(resolved.arn)?.account ?? caller.account;
  const shown = { sessionName: session, sourceIdentity, tags: packed.tags, sourceBytes: req.body.length + req.rawQuery.length };
  const src = resolved.arn ? [resolved.arn] : [];
  if (user.arn) src.push(user.arn);
  // Ceph lets temporary credentials act as their user again (chained AssumeRole passes the user's trust).
  if (spec.limits.chained === 'allow') for (const id of caller.identifiers) if (id) src.push(id);
  const claims: IssuedClaims = {
    kind: 'role',
    account,
    arn: user.arn || `arn:minio:iam:::user/${caller.owner}`,
    userId: user.assumedRoleId,
    role: resolved.arn,
    src,
    owner: caller.owner,
  };
  // The time of the MFA check, sealed in the token (aws:MultiFactorAuthAge counts from it).
  if (mfa?.present) claims.mfa = Math.floor(mfa.authenticatedAt.getTime() / 1000);
  const creds = issueCredentials(ctx, duration, shown, claims);
  const result = roleResultNodes(spec.answer, creds, user, packed);
  if (sourceIdentity !== undefined && spec.answer.echoesSourceIdentity) result.push(['SourceIdentity', sourceIdentity]);
  return { result, accessKeyId: caller.accessKeyId };
};
