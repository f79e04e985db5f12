// Reads one profile as botocore does: keys from the credentials file's [NAME] first, else from
// the config file's [profile NAME] ([default] for default); settings (region, endpoint_url)
// from the config profile, overridden by the credentials file's section as botocore merges them.
import { NoCredentialsError } from '../errors.js';
import type { AwsCredentials } from '../sts/types.js';
import { buildProfileMap, parseNested } from './profileMap.js';
// The read side only: env and exec need not load the store's lock and atomic-write code.
import { readProfiles } from './readIniFile.js';

export interface ProfileFiles {
  env?: NodeJS.ProcessEnv;
  credentialsFile: string;
  configFile: string;
}

export interface LoadedProfile {
  name: string;
  /** True when either file has a section for the profile. */
  exists: boolean;
  /** Static keys, when the profile holds them; `expiration` from x_security_token_expires or aws_expiration. */
  credentials?: AwsCredentials;
  /** Which file the keys came from. */
  credentialsFrom?: string;
  region?: string;
  endpointUrl?: string;
  /** The merged settings (config profile, then credentials file section). */
  raw: Record<string, string>;
}

function parseExpiration(values: Record<string, string>): Date | undefined {
  const text = values.x_security_token_expires ?? values.aws_expiration;
  if (!text) return undefined;
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

function staticKeys(values: Record<string, string> | undefined, name: string, file: string): AwsCredentials | undefined {
  if (!values?.aws_access_key_id) return undefined;
  if (!values.aws_secret_access_key) {
    throw new NoCredentialsError(`Profile "${name}" in ${file} has aws_access_key_id but no aws_secret_access_key.`, {
      hint: 'Add its aws_secret_access_key, or remove the partial keys.',
    });
  }
  // botocore reads aws_security_token before aws_session_token.
  const sessionToken = values.aws_security_token || values.aws_session_token;
  const expiration = parseExpiration(values);
  return {
    accessKeyId: values.aws_access_key_id,
    secretAccessKey: values.aws_secret_access_key,
    ...(sessionToken ? { sessionToken } : {}),
    ...(expiration ? { expiration } : {}),
  };
}

// endpoint_url of the sts block of the profile's `services` section wins over the profile's own.
function endpointOf(raw: Record<string, string>, services: Map<string, Record<string, string>>): string | undefined {
  const block = raw.services ? services.get(raw.services) : undefined;
  return parseNested(block?.sts)?.endpoint_url || raw.endpoint_url || undefined;
}

/** Loads profile `name` from both files. Missing files count as empty; unparseable ones throw FileError (exit 5). */
export async function loadProfile(name: string, files: ProfileFiles): Promise<LoadedProfile> {
  const [credSections, configSections] = await Promise.all([readProfiles(files.credentialsFile), readProfiles(files.configFile)]);
  const { profiles, services } = buildProfileMap(configSections);
  const fromCreds = credSections.get(name);
  const fromConfig = profiles.get(name);
  const raw = { ...fromConfig, ...fromCreds };
  let credentials = staticKeys(fromCreds, name, files.credentialsFile);
  let credentialsFrom = credentials ? files.credentialsFile : undefined;
  if (!credentials) {
    credentials = staticKeys(fromConfig, name, files.configFile);
    if (credentials) credentialsFrom = files.configFile;
  }
  const endpointUrl = endpointOf(raw, services);
  return {
    name,
    exists: fromCreds !== undefined || fromConfig !== undefined,
    ...(credentials ? { credentials, credentialsFrom: credentialsFrom! } : {}),
    ...(raw.region ? { region: raw.region } : {}),
    ...(endpointUrl ? { endpointUrl } : {}),
    raw,
  };
}
