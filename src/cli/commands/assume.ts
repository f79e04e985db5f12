// sts-cli assume [PROFILE]: AssumeRole signed with the source credentials (or the session of the
// chain a role profile describes), through the cache, into a profile or stdout.
import type { CliContext } from '../context.js';
import { checkDestination, deliverCredentials } from '../deliver.js';
import type { AssumeInput, CommandInputs } from '../inputs.js';
import { connectCall, planCall } from '../resolveCall.js';
import type { StsRequest } from '../resolveRequest.js';
import { cachedCall } from '../session/cachedCall.js';
import { mfaSession } from '../session/mfaSession.js';
import { sessionOptionsOf } from '../session/sessionOptions.js';
import { isLongTerm } from '../session/signer.js';

function withoutMfa(request: Extract<StsRequest, { action: 'AssumeRole' }>): StsRequest {
  const { serialNumber: _serial, tokenCode: _code, ...params } = request.params;
  return { action: 'AssumeRole', params };
}

/**
 * assume and assume-web-identity: plan (every parameter checked), check where the result goes,
 * obtain the signer, then the session from the cache or the endpoint, and deliver it. A role
 * profile's mfa_serial over long-term keys is answered with an MFA session (SPEC §7).
 */
export async function assumeAndDeliver<K extends 'assume' | 'assume-web-identity'>(
  command: K,
  input: CommandInputs[K],
  ctx: CliContext,
  profile?: string,
): Promise<void> {
  const options = sessionOptionsOf(input, ctx);
  const call = await planCall(command, input, ctx, profile);
  await checkDestination(call.destination, ctx);
  // The hops below the role stay cached under --refresh: only the session delivered is assumed again.
  const connected = await connectCall(call, ctx, { ...options, cache: options.cache === 'refresh' ? 'use' : options.cache });
  let { connection, request } = connected;
  if (call.fromProfile && request.action === 'AssumeRole' && request.params.serialNumber !== undefined && isLongTerm(connection.auth)) {
    connection = { ...connection, ...(await mfaSession(connection, request.params.serialNumber, connection, ctx, options)) };
    request = withoutMfa(request);
  }
  const session = await cachedCall(request, connection, ctx, {
    cache: options.cache,
    generatedSessionName: call.generatedSessionName,
    label: profile === undefined ? 'the role' : `role profile ${profile}`,
    tokenIdentity: connected.tokenIdentity,
  });
  await deliverCredentials(session.result, call.destination, request.params.roleArn, ctx, session.fromCache);
}

export async function run(input: AssumeInput, ctx: CliContext, args: string[] = []): Promise<void> {
  await assumeAndDeliver('assume', input, ctx, args[0]);
}
