// Source credentials for `assume` (SPEC §2), first found wins: --source-profile NAME, the
// AWS_* key variables, the profile named by AWS_PROFILE, then [default].
import { NoCredentialsError } from '../errors.js';
import type { AwsCredentials } from '../sts/types.js';
import { loadProfile, type LoadedProfile, type ProfileFiles } from './loadProfile.js';

export { loadProfile, type LoadedProfile, type ProfileFiles } from './loadProfile.js';

export interface SourceCredentials {
  credentials: AwsCredentials;
  /** Where they came from, for humans: `profile dev`, `environment`. Never a secret. */
  origin: string;
  /** The profile they came from (absent for the environment). */
  profile?: string;
  region?: string;
  endpointUrl?: string;
}

export interface SourceInput {
  sourceProfile?: string;
  /** How the user named sourceProfile, for messages (default `--source-profile`). */
  sourceProfileFlag?: string;
  env: NodeJS.ProcessEnv;
  credentialsFile: string;
  configFile: string;
}

function fromProfile(profile: LoadedProfile): SourceCredentials {
  return {
    credentials: profile.credentials!,
    origin: `profile ${profile.name}`,
    profile: profile.name,
    ...(profile.region ? { region: profile.region } : {}),
    ...(profile.endpointUrl ? { endpointUrl: profile.endpointUrl } : {}),
  };
}

function noKeysIn(profile: LoadedProfile, files: ProfileFiles, how: string): NoCredentialsError {
  const where = `${files.credentialsFile} or ${files.configFile}`;
  if (!profile.exists) {
    return new NoCredentialsError(`Profile "${profile.name}" (${how}) does not exist in ${where}.`, {
      hint: `Check the name, or add [${profile.name}] with aws_access_key_id and aws_secret_access_key to ${files.credentialsFile}.`,
    });
  }
  return new NoCredentialsError(`Profile "${profile.name}" (${how}) has no aws_access_key_id and aws_secret_access_key in ${where}.`, {
    hint: 'sts-cli signs with static keys only: add them to that profile, or choose another one.',
  });
}

/** AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN (AWS_CREDENTIAL_EXPIRATION); undefined when neither key is set, NoCredentialsError (exit 3) when one is. */
export function environmentCredentials(env: NodeJS.ProcessEnv): AwsCredentials | undefined {
  const accessKeyId = env.AWS_ACCESS_KEY_ID;
  const secretAccessKey = env.AWS_SECRET_ACCESS_KEY;
  if (!accessKeyId && !secretAccessKey) return undefined;
  if (!accessKeyId || !secretAccessKey) {
    const missing = accessKeyId ? 'AWS_SECRET_ACCESS_KEY' : 'AWS_ACCESS_KEY_ID';
    const present = accessKeyId ? 'AWS_ACCESS_KEY_ID' : 'AWS_SECRET_ACCESS_KEY';
    throw new NoCredentialsError(`${present} is set but ${missing} is not.`, {
      hint: `Set ${missing} too, or unset both to use a profile.`,
    });
  }
  const sessionToken = env.AWS_SESSION_TOKEN || env.AWS_SECURITY_TOKEN;
  const expiration = env.AWS_CREDENTIAL_EXPIRATION ? new Date(env.AWS_CREDENTIAL_EXPIRATION) : undefined;
  return {
    accessKeyId,
    secretAccessKey,
    ...(sessionToken ? { sessionToken } : {}),
    ...(expiration && !Number.isNaN(expiration.getTime()) ? { expiration } : {}),
  };
}

/**
 * Finds the credentials that sign `assume` (SPEC §2). Throws NoCredentialsError (exit 3) saying
 * what was looked at when nothing is found, FileError (exit 5) for an unparseable file.
 */
export async function resolveSourceCredentials(input: SourceInput): Promise<SourceCredentials> {
  const files: ProfileFiles = { env: input.env, credentialsFile: input.credentialsFile, configFile: input.configFile };
  if (input.sourceProfile !== undefined) {
    const profile = await loadProfile(input.sourceProfile, files);
    if (!profile.credentials) throw noKeysIn(profile, files, `from ${input.sourceProfileFlag ?? '--source-profile'}`);
    return fromProfile(profile);
  }
  const envProfileName = input.env.AWS_PROFILE || undefined;
  const envKeys = environmentCredentials(input.env);
  if (envKeys) {
    // Region and endpoint still come from the active profile's settings, as the AWS CLI does.
    const active = await loadProfile(envProfileName ?? 'default', files);
    return {
      credentials: envKeys,
      origin: 'environment',
      ...(active.region ? { region: active.region } : {}),
      ...(active.endpointUrl ? { endpointUrl: active.endpointUrl } : {}),
    };
  }
  if (envProfileName) {
    const profile = await loadProfile(envProfileName, files);
    if (!profile.credentials) throw noKeysIn(profile, files, 'from AWS_PROFILE');
    return fromProfile(profile);
  }
  const fallback = await loadProfile('default', files);
  if (fallback.credentials) return fromProfile(fallback);
  throw new NoCredentialsError(
    `No credentials to sign with: no --source-profile, AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set, AWS_PROFILE is not set, and ${fallback.exists ? 'profile [default] has no keys' : 'there is no [default] profile'} in ${files.credentialsFile} or ${files.configFile}.`,
    { hint: 'Pass --source-profile NAME, set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or add keys to [default].' },
  );
}
