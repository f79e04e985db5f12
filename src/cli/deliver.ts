// Puts fresh credentials where they were asked for: a profile of the credentials file, or
// stdout in --format; then one human line on stderr saying what happened.
import type { OutputFormat } from '../credentials/formatNames.js';
import { renderCredentials } from '../credentials/formats.js';
import { isoSeconds } from '../credentials/isoSeconds.js';
import { credentialsFilePath } from '../credentials/paths.js';
import { checkProfileWritable, writeProfile } from '../credentials/store.js';
import type { StsCredentialsResult } from '../sts/types.js';
import type { CliContext } from './context.js';
import { timeLeft } from './output.js';

/** Where the credentials go: `--profile NAME` (with `--force`), else stdout in `--format`. */
export type Destination = { kind: 'profile'; name: string; force: boolean } | { kind: 'stdout'; format: OutputFormat };

/**
 * Refuses early, before anything is sent, when the destination is a section with long-term keys
 * and --force is absent; the store checks again under its lock when it writes.
 */
export async function checkDestination(destination: Destination, ctx: CliContext): Promise<void> {
  if (destination.kind !== 'profile') return;
  await checkProfileWritable(credentialsFilePath(ctx.env, ctx.home), destination.name, { force: destination.force });
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
    await writeProfile(file, destination.name, credentials, { force: destination.force });
    ctx.out.success(`Assumed ${who}; wrote profile [${destination.name}] to ${file}; credentials ${expires}.`);
    return;
  }
  ctx.out.data(renderCredentials(destination.format, result));
  ctx.out.info(`Assumed ${who}; credentials ${expires}.`);
}
