// sts-cli assume-web-identity: AssumeRoleWithWebIdentity, unsigned; the JWT proves identity.
import type { CliContext } from '../context.js';
import { checkDestination, deliverCredentials } from '../deliver.js';
import { webIdentityParams } from '../requestOptions.js';
import type { Flags } from '../flags.js';
import { openStsSession } from '../stsSession.js';

export async function run(flags: Flags, ctx: CliContext): Promise<void> {
  const params = webIdentityParams(flags, ctx);
  await checkDestination(flags, ctx);
  const { client } = await openStsSession(flags, ctx, { signed: false });
  try {
    const result = await client.assumeRoleWithWebIdentity(params);
    await deliverCredentials(result, { ...flags, roleArn: params.roleArn }, ctx);
  } finally {
    await client.close();
  }
}
