// sts-cli env: a stored profile as shell exports, for eval "$(sts-cli env --profile x)".
import { renderExports, renderUnset } from '../../credentials/formats.js';
import type { CliContext } from '../context.js';
import { timeLeft } from '../output.js';
import type { EnvInput } from '../inputs.js';
import { profileName, readStoredProfile } from '../storedProfile.js';

export async function run(input: EnvInput, ctx: CliContext): Promise<void> {
  if (input.unset) {
    ctx.out.data(renderUnset(input.format));
    return;
  }
  const profile = await readStoredProfile(profileName(input.profile, ctx), ctx);
  ctx.out.data(renderExports(input.format, profile.credentials));
  const { expiration } = profile.credentials;
  if (expiration) ctx.out.info(`Profile [${profile.name}]: credentials expire ${timeLeft(expiration, ctx.now())}.`);
}
