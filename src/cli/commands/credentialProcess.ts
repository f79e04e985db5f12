// sts-cli credential-process: credential_process JSON for ~/.aws/config. Answers from sts-cli's
// cache until 5 minutes before the session expires, so every SDK call does not cost an STS call.
import { renderCredentials } from '../../credentials/formats.js';
import type { CliContext } from '../context.js';
import type { CredentialProcessInput } from '../inputs.js';
import { connectCall, planCall } from '../resolveCall.js';
import { cachedCall } from '../session/cachedCall.js';
import { sessionOptionsOf } from '../session/sessionOptions.js';

export async function run(input: CredentialProcessInput, ctx: CliContext): Promise<void> {
  // Every parameter is checked first: bad input is exit 2 whether or not credentials exist.
  const options = sessionOptionsOf(input, ctx);
  const call = await planCall('credential-process', input, ctx);
  const { connection, request, tokenIdentity } = await connectCall(call, ctx, { ...options, cache: options.cache === 'refresh' ? 'use' : options.cache });
  // Nothing else may reach stdout: the SDK reading us parses it as JSON.
  const { result } = await cachedCall(request, connection, ctx, {
    cache: options.cache,
    generatedSessionName: call.generatedSessionName,
    label: 'credential-process',
    tokenIdentity,
  });
  ctx.out.data(renderCredentials('process', result));
}
