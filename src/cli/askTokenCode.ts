// The MFA step, after resolving and before sending: the code given with --token-code, else asked
// for on a terminal, for an AssumeRole or a GetSessionToken whose device still needs one. Only
// credentials that are really needed cost a prompt: the cache is asked first (cachedCall.ts).
import { InvalidParameterError } from '../errors.js';
import { checkAssumeRoleParams, checkSessionTokenParams } from '../sts/params.js';
import type { CliContext } from './context.js';
import type { SessionRequest } from './session/sessionRequest.js';

/** `request` with its MFA code (`given`, or typed now when still missing); the code is checked (exit 2). */
export async function askTokenCode(request: SessionRequest, ctx: CliContext, given?: string): Promise<SessionRequest> {
  if (request.action === 'AssumeRoleWithWebIdentity' || request.tokenCodeFor === undefined) return request;
  const serial = request.tokenCodeFor;
  let tokenCode = given;
  if (tokenCode === undefined) {
    if (!ctx.interactive) {
      throw new InvalidParameterError('TokenCode', `The MFA device ${serial} needs a code: pass --token-code, as standard input is not a terminal to ask on.`, {
        hint: 'Give the current 6-digit code of the device.',
      });
    }
    tokenCode = await ctx.prompt(`MFA code for ${serial}: `);
  }
  ctx.out.addSecret(tokenCode);
  if (request.action === 'GetSessionToken') {
    const params = { ...request.params, tokenCode };
    checkSessionTokenParams(params);
    return { action: request.action, params };
  }
  const params = { ...request.params, tokenCode };
  checkAssumeRoleParams(params);
  return { action: request.action, params };
}
