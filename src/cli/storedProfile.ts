// Reads the credentials a stored profile holds, for env and exec: absent → exit 3, expired → exit 3.
import { configFilePath, credentialsFilePath } from '../credentials/paths.js';
import { loadProfile } from '../credentials/sources.js';
import { ExpiredCredentialsError, NoCredentialsError } from '../errors.js';
import type { AwsCredentials } from '../sts/types.js';
import type { CliContext } from './context.js';

export interface StoredProfile {
  name: string;
  credentials: AwsCredentials;
  region?: string;
}

/** --profile, else AWS_PROFILE, else default. */
export function profileName(flag: string | undefined, ctx: CliContext): string {
  return flag || ctx.env.AWS_PROFILE || 'default';
}

export async function readStoredProfile(name: string, ctx: CliContext): Promise<StoredProfile> {
  const credentialsFile = credentialsFilePath(ctx.env, ctx.home);
  const profile = await loadProfile(name, { env: ctx.env, credentialsFile, configFile: configFilePath(ctx.env, ctx.home) });
  if (!profile.credentials) {
    throw new NoCredentialsError(`Profile "${name}" has no credentials in ${credentialsFile}.`, {
      hint: `Run "sts-cli assume --role-arn … --profile ${name}" first.`,
    });
  }
  const { expiration } = profile.credentials;
  if (expiration && expiration.getTime() <= ctx.now().getTime()) throw new ExpiredCredentialsError(name, expiration);
  ctx.out.addSecret(profile.credentials.secretAccessKey);
  ctx.out.addSecret(profile.credentials.sessionToken);
  return { name, credentials: profile.credentials, ...(profile.region ? { region: profile.region } : {}) };
}
