// botocore's profile providers, in the order its ProfileProviderBuilder tries them for a profile
// (environment variables off, as for a profile asked for by name or reached by source_profile):
// web identity, SSO, the credentials file's keys, login, credential_process, the config file's keys.
// A role profile's AssumeRole comes before all of them only for the profile asked for by name.
import { ProfileConfigError } from '../errors.js';
import type { AwsCredentials } from '../sts/types.js';
import { has, type ProfileIndex } from './profileIndex.js';
import type { ProfileCredentialSource, ProfileFile, StaticSource } from './profileTypes.js';

export type ProviderName = 'assume-role' | 'web-identity' | 'sso' | 'shared-credentials' | 'login' | 'process' | 'config-file';

/** botocore's _has_assume_role_config_vars, with sts-cli's web_identity_token_process read as a web identity profile. */
export function isRoleProfile(values: Record<string, string>): boolean {
  return has(values, 'role_arn') && !isWebIdentityProfile(values);
}

function isWebIdentityProfile(values: Record<string, string>): boolean {
  return has(values, 'web_identity_token_file') || has(values, 'web_identity_token_process');
}

// botocore's web identity provider skips a profile whose token file is empty (`if not token_path`).
function hasWebIdentityToken(values: Record<string, string>): boolean {
  return Boolean(values.web_identity_token_file || values.web_identity_token_process);
}

/** botocore's _has_static_credentials: either key present in the merged profile. */
export function hasStaticKeys(values: Record<string, string>): boolean {
  return has(values, 'aws_access_key_id') || has(values, 'aws_secret_access_key');
}

/** The first provider that takes profile `name`; `assume-role` only when `asked` (the profile asked for by name). */
export function winningProvider(name: string, index: ProfileIndex, asked: boolean): ProviderName | undefined {
  const values = index.merged.get(name) ?? {};
  if (asked && isRoleProfile(values)) return 'assume-role';
  if (hasWebIdentityToken(values)) return 'web-identity';
  if (has(values, 'sso_role_name') || has(values, 'sso_account_id')) return 'sso';
  if (has(index.files.credentials.get(name), 'aws_access_key_id')) return 'shared-credentials';
  if (has(values, 'login_session')) return 'login';
  if (has(values, 'credential_process')) return 'process';
  if (has(index.configProfiles.get(name), 'aws_access_key_id')) return 'config-file';
  return undefined;
}

function parseExpiration(values: Record<string, string>): Date | undefined {
  const text = values.x_security_token_expires ?? values.aws_expiration;
  const date = text ? new Date(text) : undefined;
  return date && !Number.isNaN(date.getTime()) ? date : undefined;
}

// botocore reads aws_security_token before aws_session_token, whichever is present first.
function sessionTokenOf(values: Record<string, string>): string | undefined {
  return has(values, 'aws_security_token') ? values.aws_security_token : values.aws_session_token;
}

function staticSource(name: string, file: ProfileFile, values: Record<string, string>, path: string): StaticSource {
  if (!has(values, 'aws_secret_access_key')) {
    throw new ProfileConfigError(name, 'aws_secret_access_key', `Profile "${name}" in ${path} has aws_access_key_id but no aws_secret_access_key.`, {
      hint: 'Add its aws_secret_access_key, or remove the partial keys.',
    });
  }
  const expiration = parseExpiration(values);
  return { type: 'static', profile: name, file, temporary: Boolean(sessionTokenOf(values)), ...(expiration ? { expiration } : {}) };
}

/**
 * What botocore's profile providers find in profile `name` (never its AssumeRole: see resolveProfile).
 * `{ type: 'none' }` when none of them applies. Throws ProfileConfigError (exit 2) where botocore
 * refuses the profile: partial keys, a web identity token without role_arn, an empty credential_process.
 */
export function profileCredentialSource(name: string, index: ProfileIndex): ProfileCredentialSource {
  const values = index.merged.get(name) ?? {};
  const { credentialsPath, configPath } = index.files;
  switch (winningProvider(name, index, false)) {
    case 'web-identity': {
      if (values.web_identity_token_file && values.web_identity_token_process) {
        throw new ProfileConfigError(name, 'web_identity_token_process', `Profile "${name}" has both web_identity_token_file and web_identity_token_process.`, {
          hint: 'Keep one of them.',
        });
      }
      if (!values.role_arn) {
        throw new ProfileConfigError(name, 'role_arn', `Profile "${name}" has a web identity token but no role_arn.`, {
          hint: 'Add the role_arn to assume with the token.',
        });
      }
      return {
        type: 'web-identity',
        profile: name,
        roleArn: values.role_arn,
        ...(values.web_identity_token_file ? { tokenFile: values.web_identity_token_file } : { tokenProcess: values.web_identity_token_process! }),
        ...(has(values, 'role_session_name') ? { roleSessionName: values.role_session_name! } : {}),
      };
    }
    case 'sso':
      return { type: 'sso', profile: name };
    case 'shared-credentials':
      return staticSource(name, 'credentials', index.files.credentials.get(name)!, credentialsPath);
    case 'login':
      return { type: 'login', profile: name };
    case 'process':
      if (!values.credential_process?.trim()) {
        throw new ProfileConfigError(name, 'credential_process', `Profile "${name}" has an empty credential_process.`, {
          hint: 'Give the command that prints the credentials JSON.',
        });
      }
      return { type: 'process', profile: name, command: values.credential_process };
    case 'config-file':
      return staticSource(name, 'config', index.configProfiles.get(name)!, configPath);
    default:
      return { type: 'none', profile: name };
  }
}

/** The keys a StaticSource points at, read from its section. The only function here that returns a secret. */
export function readStaticCredentials(index: ProfileIndex, source: StaticSource): AwsCredentials {
  const values = (source.file === 'credentials' ? index.files.credentials : index.configProfiles).get(source.profile) ?? {};
  const sessionToken = sessionTokenOf(values);
  return {
    accessKeyId: values.aws_access_key_id ?? '',
    secretAccessKey: values.aws_secret_access_key ?? '',
    ...(sessionToken ? { sessionToken } : {}),
    ...(source.expiration ? { expiration: source.expiration } : {}),
  };
}
