// sts-cli assume: AssumeRole signed with the source credentials, into a profile or stdout.
import type { CliContext } from '../context.js';
import { checkDestination, deliverCredentials } from '../deliver.js';
import { assumeRoleParams } from '../requestOptions.js';
import type { Flags } from '../flags.js';
import { openStsSession } from '../stsSession.js';

export async function run(flags: Flags, ctx: CliContext): Promise<void> {
  const params = await assumeRoleParams(flags, ctx);
  await checkDestination(flags, ctx);
  const { client } = await openStsSession(flags, ctx, { signed: true });
  try {
    const result = await client.assumeRole(params);
    await deliverCredentials(result, flags, ctx);
  } finally {
    await client.close();
  }
}
