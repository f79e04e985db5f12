// GetSessionToken: a user's own temporary credentials (43200 s unless asked, 900..129600 on AWS).
import { authenticate } from '../auth.js';
import { Violations } from '../checks.js';
import { MockError } from '../errors.js';
import { credentialsNode, issueCredentials } from '../issue.js';
import type { Action } from './types.js';

export const getSessionToken: Action = (ctx, req, params) => {
  const { rules } = ctx.spec.limits;
  const caller = authenticate(ctx, req);
  if (caller.session) throw new MockError('AccessDenied', 'Cannot call GetSessionToken with session credentials');
  const v = new Violations();
  const duration = v.integer(rules.sessionTokenDuration, params.get(rules.sessionTokenDuration.member));
  v.length(rules.serialNumber, params.get(rules.serialNumber.member));
  v.length(rules.tokenCode, params.get(rules.tokenCode.member), true);
  v.throwIfAny();
  const creds = issueCredentials(
    ctx,
    duration,
    { sourceBytes: req.body.length + req.rawQuery.length },
    {
      kind: 'session',
      account: caller.account,
      arn: caller.arn,
      userId: caller.userId,
      src: caller.identifiers,
      owner: caller.owner,
    },
  );
  return { result: [credentialsNode(ctx.spec.answer, creds)], accessKeyId: caller.accessKeyId };
};
