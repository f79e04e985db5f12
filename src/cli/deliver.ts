// Puts fresh credentials where they were asked for: a profile of the credentials file, or
// stdout in --format; then one human line on stderr saying what happened.
import type { OutputFormat } from '../credentials/formatNames.js';
import { renderCredentials } from '../credentials/formats.js';
import { isoSeconds } from '../credentials/isoSeconds.js';
import { credentialsFilePath } from '../credentials/paths.js';
import type { StsCredentialsResult } from '../sts/types.js';
import type { CliContext } from './context.js';
import { timeLeft } from './output.js';
import { checkProfileDestination, type ProfileDestination, writeToProfile } from './profileDestination.js';

/** Where the credentials go: `--profile NAME` (with `--force`, and the config file's settings), else stdout in `--format`. */
export type Destination = ProfileDestination | { kind: 'stdout'; format: OutputFormat };

/**
 * Refuses early, before anything is sent, what writing the profile would refuse (profileDestination.ts);
 * the stores check again under their locks when they write.
 */
export async function checkDestination(destination: Destination, ctx: CliContext): Promise<void> {
  if (destination.kind !== 'profile') return;
  await checkProfileDestination(destination, ctx);
}

/**
 * `roleArn` names the role for humans when the answer has no AssumedRoleUser (MinIO may omit it);
 * `fromCache` says the session came from sts-cli's cache (nothing was sent).
 */
export async function deliverCredentials(
  result: StsCredentialsResult,
  destination: Destination,
  roleArn: string | undefined,
  ctx: CliContext,
  fromCache = false,
): Promise<void> {
  const { credentials } = result;
  ctx.out.addSecret(credentials.secretAccessKey);
  ctx.out.addSecret(credentials.sessionToken);
  const who = `${result.assumedRoleUser?.arn || roleArn || 'the role'}${fromCache ? ' (cached session; --refresh assumes again)' : ''}`;
  const expires = `expire ${isoSeconds(credentials.expiration)} (${timeLeft(credentials.expiration, ctx.now())})`;
  if (destination.kind === 'profile') {
    const file = credentialsFilePath(ctx.env, ctx.home);
    const note = await writeToProfile(destination, credentials, ctx);
    if (destination.print !== undefined) ctx.out.data(renderCredentials(destination.print, result));
    ctx.out.success(`Assumed ${who}; wrote profile [${destination.name}] to ${file}; credentials ${expires}.`);
    if (note) (note.warn ? ctx.out.warn : ctx.out.info)(note.text);
    return;
  }
  ctx.out.data(renderCredentials(destination.format, result));
  ctx.out.info(`Assumed ${who}; credentials ${expires}.`);
}
