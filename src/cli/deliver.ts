// Puts fresh credentials where they were asked for: a profile of the credentials file, or
// stdout in --format; then one human line on stderr saying what happened.
import { credentialsFilePath } from '../credentials/paths.js';
import { checkProfileWritable, writeProfile } from '../credentials/store.js';
import { renderCredentials, type OutputFormat } from '../credentials/formats.js';
import type { StsCredentialsResult } from '../sts/types.js';
import type { CliContext } from './context.js';
import { timeLeft } from './output.js';
import { stringFlag, type Flags } from './flags.js';
import { isoSeconds } from '../credentials/isoSeconds.js';

/**
 * Refuses early, before anything is sent, when --profile names a section with long-term keys
 * and --force is absent; the store checks again under its lock when it writes.
 */
export async function checkDestination(flags: Flags, ctx: CliContext): Promise<void> {
  const profile = stringFlag(flags.profile);
  if (profile === undefined) return;
  await checkProfileWritable(credentialsFilePath(ctx.env, ctx.home), profile, { force: flags.force === true });
}

export async function deliverCredentials(result: StsCredentialsResult, flags: Flags, ctx: CliContext): Promise<void> {
  const { credentials } = result;
  ctx.out.addSecret(credentials.secretAccessKey);
  ctx.out.addSecret(credentials.sessionToken);
  const who = result.assumedRoleUser?.arn || stringFlag(flags.roleArn) || 'the role';
  const expires = `expire ${isoSeconds(credentials.expiration)} (${timeLeft(credentials.expiration, ctx.now())})`;
  const profile = stringFlag(flags.profile);
  if (profile !== undefined) {
    const file = credentialsFilePath(ctx.env, ctx.home);
    await writeProfile(file, profile, credentials, { force: flags.force === true });
    ctx.out.success(`Assumed ${who}; wrote profile [${profile}] to ${file}; credentials ${expires}.`);
    return;
  }
  ctx.out.data(renderCredentials((stringFlag(flags.format) ?? 'env') as OutputFormat, result));
  ctx.out.info(`Assumed ${who}; credentials ${expires}.`);
}
