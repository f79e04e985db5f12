// sts-cli env [PROFILE]: a profile's credentials as shell exports, for eval "$(sts-cli env dev)".
// A role profile is assumed (through the cache); stored keys are printed as they are.
import { renderExports, renderUnset } from '../../credentials/formats.js';
import type { CliContext } from '../context.js';
import type { EnvInput } from '../inputs.js';
import { timeLeft } from '../output.js';
import { profileToUse, readProfileCredentials } from '../session/profileCredentials.js';
import { sessionOptionsOf } from '../session/sessionOptions.js';

export async function run(input: EnvInput, ctx: CliContext, args: string[] = []): Promise<void> {
  if (input.unset) {
    ctx.out.data(renderUnset(input.format));
    return;
  }
  const options = sessionOptionsOf(input, ctx);
  const { name, how } = profileToUse(args[0], input.profile, ctx);
  const profile = await readProfileCredentials(name, how, ctx, options);
  ctx.out.data(renderExports(input.format, profile.credentials));
  const { expiration } = profile.credentials;
  if (expiration) ctx.out.info(`Profile [${profile.name}]: credentials expire ${timeLeft(expiration, ctx.now())}.`);
}
