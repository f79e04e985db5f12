// sts-cli assume-web-identity: AssumeRoleWithWebIdentity, unsigned; the JWT proves identity.
import type { CliContext } from '../context.js';
import type { AssumeWebIdentityInput } from '../inputs.js';
import { assumeAndDeliver } from './assume.js';

export async function run(input: AssumeWebIdentityInput, ctx: CliContext): Promise<void> {
  await assumeAndDeliver('assume-web-identity', input, ctx);
}
