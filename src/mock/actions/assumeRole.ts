// AssumeRole: signed by a user (or temporary credentials: role chaining), checked against the
// limits table, the role's maximum and trust, MFA; answers temporary credentials.
import { authenticate } from '../auth.js';
import { checkSessionPolicies, readRoleAndSession, Violations } from '../checks.js';
import { MockError } from '../errors.js';
import { assumedRoleUser, issueCredentials, roleResultNodes } from '../issue.js';
import { splitRoleArn } from '../roleArn.js';
import { checkMfa, checkRoleMaximum, checkUserTrust, resolveAssumedRole } from '../roles.js';
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
  v.length(rules.externalId, params.get(rules.externalId.member));
  const serialNumber = params.get(rules.serialNumber.member);
  const tokenCode = params.get(rules.tokenCode.member);
  v.length(rules.serialNumber, serialNumber);
  v.length(rules.tokenCode, tokenCode, true);
  v.throwIfAny();
  const packed = checkSessionPolicies(v, rules, params);

  const resolved = resolveAssumedRole(ctx, roleArn, caller.arn, 'sts:AssumeRole');
  if (chained && spec.limits.chained === 'cap' && duration > rules.chainedDurationMax) throw new MockError('ValidationError', CHAINED);
  checkRoleMaximum(resolved, duration);
  checkUserTrust(resolved, caller.identifiers, caller.arn);
  // A TOTP code is read off a real clock, like a signature's time: the mock's clock does not move it.
  checkMfa(resolved, serialNumber, tokenCode, ctx.realNow(), caller.arn);

  const user = assumedRoleUser(ctx, resolved.arn, session);
  const account = splitRoleArn(resolved.arn)?.account ?? caller.account;
  const sourceIdentity = params.get(rules.sourceIdentity.member);
  const shown = { sessionName: session, sourceIdentity, tags: packed.tags, sourceBytes: req.body.length + req.rawQuery.length };
  const creds = issueCredentials(ctx, duration, shown, {
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
