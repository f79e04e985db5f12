// AssumeRole: signed by a user (or temporary credentials: role chaining), checked against the
// limits table, the role's maximum, MFA and trust (its trust policy, or the short form); answers
// temporary credentials.
import { authenticate } from '../auth.js';
import { checkSessionPolicies, readRoleAndSession, Violations } from '../checks.js';
import { checkTrustPolicy, sessionTags, trustPolicyAllows } from '../checkTrustPolicy.js';
import { MockError } from '../errors.js';
import { assumedRoleUser, issueCredentials, roleResultNodes } from '../issue.js';
import { splitRoleArn } from '../roleArn.js';
import { checkMfa, checkRoleMaximum, checkUserTrust, mfaContext, type ResolvedRole, resolveAssumedRole, trustsUser } from '../roles.js';
import type { TrustRequestInput } from '../trust/index.js';
import type { Action } from './types.js';

const CHAINED = 'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.';

export const assumeRole: Action = async (ctx, req, params) => {
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
  const presumedMfa = mfaContext(serialNumber !== undefined && tokenCode !== undefined, temporary, ctx.now());
  const resolved = resolveAssumedRole(ctx, roleArn, caller.arn, 'sts:AssumeRole', (role) =>
    role.policy ? trustPolicyAllows(ctx, role.policy, trustInput(role, presumedMfa)) : trustsUser(role, caller.identifiers),
  );
  if (chained && spec.limits.chained === 'cap' && duration > rules.chainedDurationMax) throw new MockError('ValidationError', CHAINED);
  checkRoleMaximum(resolved, duration);
  if (resolved.policy) {
    // The code is checked against the role's device first; the policy then sees the MFA it gave.
    const mfa = checkMfa(resolved, serialNumber, tokenCode, ctx.now(), { arn: caller.arn, temporary });
    checkTrustPolicy(ctx, resolved.policy, trustInput(resolved, mfa), resolved.arn);
  } else {
    checkUserTrust(ctx, resolved, caller.identifiers, caller.arn);
    checkMfa(resolved, serialNumber, tokenCode, ctx.now(), { arn: caller.arn, temporary });
  }

  const user = assumedRoleUser(ctx, resolved.arn, session);
  const account = splitRoleArn(resolved.arn)?.account ?? caller.account;
  const creds = issueCredentials(ctx, duration, {
    kind: 'role',
    account,
    arn: user.arn || `arn:minio:iam:::user/${caller.owner}`,
    userId: user.assumedRoleId,
    role: resolved.arn,
    // Ceph lets temporary credentials act as their user again (chained AssumeRole passes the user's trust).
    src: [resolved.arn, user.arn, ...(spec.limits.chained === 'allow' ? caller.identifiers : [])].filter(Boolean),
    owner: caller.owner,
  });
  const result = roleResultNodes(spec.answer, creds, user, packed);
  if (sourceIdentity !== undefined && spec.answer.echoesSourceIdentity) result.push(['SourceIdentity', sourceIdentity]);
  return { result, accessKeyId: caller.accessKeyId };
};
