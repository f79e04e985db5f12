// sts-cli assume: AssumeRole signed with the source credentials, into a profile or stdout.
import { askTokenCode } from '../askTokenCode.js';
import type { CliContext } from '../context.js';
import { checkDestination, deliverCredentials } from '../deliver.js';
import type { AssumeInput, CommandInputs } from '../inputs.js';
import { resolveCall } from '../resolveCall.js';
import { sendRequest } from '../stsSession.js';

/** assume and assume-web-identity: resolve, ask for an MFA code if needed, check where the result goes, send, deliver. */
export async function assumeAndDeliver<K extends 'assume' | 'assume-web-identity'>(command: K, input: CommandInputs[K], ctx: CliContext): Promise<void> {
  const call = await resolveCall(command, input, ctx);
  const request = await askTokenCode(call.request, ctx);
  await checkDestination(call.destination, ctx);
  const result = await sendRequest(call.connection, request, ctx);
  await deliverCredentials(result, call.destination, request.params.roleArn, ctx);
}

export async function run(input: AssumeInput, ctx: CliContext): Promise<void> {
  await assumeAndDeliver('assume', input, ctx);
}
