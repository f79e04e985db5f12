// GetCallerIdentity: who signed — a user, or the session behind temporary credentials.
import { authenticate } from '../auth.js';
import type { Action } from './types.js';

export const getCallerIdentity: Action = (ctx, req) => {
  const caller = authenticate(ctx, req);
  return {
    result: [
      ['Arn', caller.arn],
      ['UserId', caller.userId],
      ['Account', caller.account],
    ],
    accessKeyId: caller.accessKeyId,
  };
};
