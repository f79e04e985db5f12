// GetCallerIdentity: who signed — a user, or the session behind temporary credentials.
import { authenticate } from '../auth.js';
import { signingService, type Action } from './types.js';

export const getCallerIdentity: Action = async (ctx, req) => {
  const caller = authenticate(ctx, req, signingService(ctx));
  return {
    result: [
      ['Arn', caller.arn],
      ['UserId', caller.userId],
      ['Account', caller.account],
    ],
    accessKeyId: caller.accessKeyId,
  };
};
