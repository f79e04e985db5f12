// GetSessionToken: a user's own temporary credentials (43200 s unless asked, 900..129600 on AWS);
// with SerialNumber and TokenCode of a configured device, MFA-authenticated.
import { authenticate } from '../auth.js';
import { Violations } from '../checks.js';
import { MockError } from '../errors.js';
import { credentialsNode, issueCredentials } from '../issue.js';
import { checkMfaDevice } from '../roles.js';
import type { Action } from './types.js';

export const getSessionToken: Action = (ctx, req, params) => {
  const { rules } = ctx.spec.limits;
  const caller = authenticate(ctx, req);
  if (caller.session) throw new MockError('AccessDenied', 'Cannot call GetSessionToken with session credentials');
  const v = new Violations();
  const duration = v.integer(rules.sessionTokenDuration, params.get(rules.sessionTokenDuration.member));
  const serialNumber = params.get(rules.serialNumber.member);
  const tokenCode = params.get(rules.tokenCode.member);
  v.length(rules.serialNumber, serialNumber);
  v.length(rules.tokenCode, tokenCode, true);
  v.throwIfAny();
  // With a device and its code, the session is MFA-authenticated: the time of the check is sealed in its token.
  const mfa = serialNumber !== undefined || tokenCode !== undefined ? checkMfaDevice(ctx, serialNumber, tokenCode, ctx.realNow()) : undefined;
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
      ...(mfa !== undefined ? { mfa } : {}),
    },
  );
  return { result: [credentialsNode(ctx.spec.answer, creds)], accessKeyId: caller.accessKeyId };
};
