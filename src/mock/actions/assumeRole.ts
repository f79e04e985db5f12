// AssumeRole: signed by a user (or temporary credentials: role chaining), checked against the
// limits table, the role's maximum and trust, MFA; answers temporary credentials.
import { limits } from '../../sts/limits.js';
import { authenticate } from '../auth.js';
import { ASSUME_DURATION_DEFAULT, checkSessionPolicies, checkTokenCode, readRoleAndSession, Violations } from '../checks.js';
import { MockError } from '../errors.js';
import { splitRoleArn } from '../flavors.js';
import { assumedRoleUser, issueCredentials, roleResultNodes } from '../issue.js';
import { checkMfa, checkRoleMaximum, checkUserTrust, resolveAssumedRole } from '../roles.js';
import type { Action } from './types.js';

const CHAINED = 'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.';
// Constraint shapes, built once (not per request).
const EXTERNAL_ID = { pattern: limits.externalId.charset, patternText: '[\\w+=,.@:\\/-]*' };
const SERIAL_NUMBER = { pattern: limits.serialNumber.charset, patternText: '[\\w+=/:,.@-]*' };

export const assumeRole: Action = async (ctx, req, params) => {
  const { spec } = ctx;
  const caller = authenticate(ctx, req, ctx.spec.signingService);
  const chained = caller.session !== undefined && caller.session.kind !== 'session';
  if (caller.session && spec.limits.chained === 'refuse') {
    throw new MockError('AccessDenied', 'AssumeRole is not allowed with temporary credentials; sign it with a user’s long-term keys.');
  }

  const v = new Violations(spec);
  const { roleArn, session } = readRoleAndSession(v, params, ctx.now(), 'minio');
  const duration = v.integer('durationSeconds', params.get('DurationSeconds'), limits.durationSeconds.min, spec.limits.durationMax, ASSUME_DURATION_DEFAULT);
  const e = limits.externalId;
  v.length('externalId', params.get('ExternalId'), e.min, e.max, EXTERNAL_ID);
  const serialNumber = params.get('SerialNumber');
  const tokenCode = params.get('TokenCode');
  v.length('serialNumber', serialNumber, limits.serialNumber.min, limits.serialNumber.max, SERIAL_NUMBER);
  checkTokenCode(v, tokenCode);
  v.throwIfAny();
  const packed = checkSessionPolicies(v, params);

  const resolved = resolveAssumedRole(ctx, roleArn, caller.arn, 'sts:AssumeRole');
  if (chained && spec.limits.chained === 'cap' && duration > limits.chainedDurationMax) throw new MockError(spec.validationCode, CHAINED);
  checkRoleMaximum(ctx, resolved, duration);
  checkUserTrust(resolved, caller.identifiers, caller.arn);
  checkMfa(resolved, serialNumber, tokenCode, ctx.now(), caller.arn);

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
  const sourceIdentity = params.get('SourceIdentity');
  const result = roleResultNodes(ctx, creds, user, packed);
  if (sourceIdentity !== undefined && spec.echoesSourceIdentity) result.push(['SourceIdentity', sourceIdentity]);
  return { result, accessKeyId: caller.accessKeyId };
};
