// GetSessionToken: a user's own temporary credentials (43200 s unless asked, 900..129600 on AWS).
import { limits } from '../../sts/limits.js';
import { authenticate } from '../auth.js';
import { checkTokenCode, Violations } from '../checks.js';
import { MockError } from '../errors.js';
import { credentialsNode, issueCredentials } from '../issue.js';
import type { Action } from './types.js';

export const getSessionToken: Action = async (ctx, req, params) => {
  const { spec } = ctx;
  const caller = authenticate(ctx, req, ctx.spec.signingService);
  if (caller.session) throw new MockError('AccessDenied', 'Cannot call GetSessionToken with session credentials');
  const v = new Violations(spec);
  const duration = v.integer(
    'durationSeconds',
    params.get('DurationSeconds'),
    limits.sessionTokenDuration.min,
    spec.limits.sessionTokenMax,
    spec.limits.sessionTokenDefault,
  );
  v.length('serialNumber', params.get('SerialNumber'), limits.serialNumber.min, limits.serialNumber.max, {
    pattern: limits.serialNumber.charset,
    patternText: '[\\w+=/:,.@-]*',
  });
  checkTokenCode(v, params.get('TokenCode'));
  v.throwIfAny();
  const creds = issueCredentials(ctx, duration, {
    kind: 'session',
    account: caller.account,
    arn: caller.arn,
    userId: caller.userId,
    src: caller.identifiers,
    owner: caller.owner,
  });
  return { result: [credentialsNode(ctx, creds)], accessKeyId: caller.accessKeyId };
};
