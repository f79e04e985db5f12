// sts-cli env: a stored profile as shell exports, for eval "$(sts-cli env --profile x)".
import { renderExports, renderUnset, type ExportFormat } from '../../credentials/formats.js';
import type { CliContext } from '../context.js';
import { timeLeft } from '../output.js';
import { profileName, readStoredProfile } from '../storedProfile.js';
import { stringFlag, type Flags } from '../flags.js';

export async function run(flags: Flags, ctx: CliContext): Promise<void> {
  const format = (stringFlag(flags.format) ?? 'env') as ExportFormat;
  if (flags.unset === true) {
    ctx.out.data(renderUnset(format));
    return;
  }
  const profile = await readStoredProfile(profileName(flags.profile, ctx), ctx);
  ctx.out.data(renderExports(format, profile.credentials));
  const { expiration } = profile.credentials;
  if (expiration) ctx.out.info(`Profile [${profile.name}]: credentials expire ${timeLeft(expiration, ctx.now())}.`);
}
