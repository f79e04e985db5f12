// The MFA step, after resolving and before sending: asks for the code on a terminal when
// --serial-number came without --token-code. Only credentials that are really needed cost a
// prompt, so credential-process asks only when its cache cannot answer.
import { InvalidParameterError } from '../errors.js';
import { checkAssumeRoleParams } from '../sts/params.js';
import type { CliContext } from './context.js';
import type { StsRequest } from './resolveRequest.js';

/** `request` with its MFA code, typed now when it is still missing (the code is checked, exit 2). */
export async function askTokenCode(request: StsRequest, ctx: CliContext): Promise<StsRequest> {
  if (request.action !== 'AssumeRole' || request.tokenCodeFor === undefined) return request;
  if (!ctx.interactive) {
    throw new InvalidParameterError('TokenCode', '--serial-number needs --token-code when standard input is not a terminal.', {
      hint: 'Pass the current 6-digit code with --token-code.',
    });
  }
  const params = { ...request.params, tokenCode: await ctx.prompt(`MFA code for ${request.tokenCodeFor}: `) };
  checkAssumeRoleParams(params);
  return { action: request.action, params };
}
