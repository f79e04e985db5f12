// Where the keys that sign come from, decided from the files and the environment alone (nothing is
// run or sent yet): a profile resolved as botocore resolves it (resolveProfile), turned into the
// first signer and the AssumeRole hops on top of it (checked by planHops before the first is sent).
import { readStaticCredentials } from '../../credentials/profileCredentialSource.js';
import { indexProfiles } from '../../credentials/profileIndex.js';
import { checkProfileName, quoteProfileName } from '../../credentials/profileName.js';
import type { ChainSource, ResolvedProfile, RoleHop, SharedConfigFiles, WebIdentitySource } from '../../credentials/profileTypes.js';
import { resolveProfile } from '../../credentials/resolveProfile.js';
import { environmentCredentials } from '../../credentials/sources.js';
import { NoCredentialsError, ProfileConfigError, ProfileNotFoundError } from '../../errors.js';
import type { AwsCredentials } from '../../sts/types.js';

/** What signs the first call: keys at hand, Dell ECS's token, or a command or token to run or read first. */
export type FirstSigner =
  | { kind: 'keys'; credentials: AwsCredentials; origin: string; profile?: string }
  | { kind: 'ecs-token'; profile: string }
  | { kind: 'process'; profile: string; command: string }
  | { kind: 'web-identity'; source: WebIdentitySource; roleSessionName: string; generatedSessionName: boolean };

export interface SourcePlan {
  first: FirstSigner;
  /** The AssumeRole hops on top of it, in the order they are assumed; checked (planHops) before the first is sent. */
  hops: RoleHop[];
}

/** The named profile's own region and STS endpoint, fallbacks of the transport (SPEC §2). */
export interface ProfileSettings {
  region?: string | undefined;
  endpointUrl?: string | undefined;
  /** ignore_configured_endpoint_urls = true: AWS_ENDPOINT_URL(_STS) are ignored too, as botocore ignores them. */
  ignoreConfiguredEndpointUrls?: boolean;
}

export interface PlannedProfile {
  plan: SourcePlan;
  settings: ProfileSettings;
  /** One sentence per setting botocore would ignore (resolveProfile's warnings). */
  warnings: string[];
}

/** `sts-cli-<unix seconds>`, as for a session name the user did not choose. */
export function generatedSessionName(now: Date): string {
  return `sts-cli-${Math.floor(now.getTime() / 1000)}`;
}

/** The region and STS endpoint botocore sends every call of `resolved`'s chain to. */
export function settingsOf(resolved: ResolvedProfile): ProfileSettings {
  return {
    ...(resolved.region ? { region: resolved.region } : {}),
    ...(resolved.endpointUrl ? { endpointUrl: resolved.endpointUrl } : {}),
    ...(resolved.ignoreConfiguredEndpointUrls ? { ignoreConfiguredEndpointUrls: true } : {}),
  };
}

function planFirst(source: ChainSource, signs: string, files: SharedConfigFiles, env: NodeJS.ProcessEnv, now: Date): FirstSigner {
  switch (source.type) {
    case 'static': {
      const credentials = readStaticCredentials(indexProfiles(files), source);
      return { kind: 'keys', credentials, origin: `profile ${source.profile}`, profile: source.profile };
    }
    case 'environment': {
      const credentials = environmentCredentials(env);
      if (!credentials) {
        throw new NoCredentialsError(
          `Profile ${quoteProfileName(signs)} has credential_source = Environment, but AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set.`,
          {
            hint: 'Set them (and AWS_SESSION_TOKEN for temporary keys), or give the profile a source_profile.',
          },
        );
      }
      return { kind: 'keys', credentials, origin: 'environment' };
    }
    case 'ecs-token':
      return { kind: 'ecs-token', profile: signs };
    case 'process':
      return { kind: 'process', profile: source.profile, command: source.command };
    case 'web-identity': {
      const name = source.roleSessionName;
      return { kind: 'web-identity', source, roleSessionName: name ?? generatedSessionName(now), generatedSessionName: name === undefined };
    }
    case 'sso':
    case 'login':
      throw new ProfileConfigError(
        source.profile,
        source.type === 'sso' ? 'sso_session' : 'login_session',
        `Profile ${quoteProfileName(source.profile)} gets its credentials from AWS ${source.type === 'sso' ? 'IAM Identity Center (SSO)' : 'sign-in (login_session)'}, which sts-cli does not speak.`,
        {
          hint: `Run "aws sso login --profile ${source.profile}" and use the AWS CLI for it, or give sts-cli a profile with keys.`,
        },
      );
  }
}

function checkNames(resolved: ResolvedProfile, files: SharedConfigFiles): void {
  const index = indexProfiles(files);
  const names = resolved.kind === 'role' ? [...resolved.hops.map((h) => h.profile), ...resolved.via] : [];
  for (const name of names) checkProfileName(name, { scope: index.configSection.has(name) ? 'config' : 'credentials' });
}

/** Checks the name (SPEC §11, exit 2) and resolves profile `name` as botocore does. */
function resolveNamed(name: string, files: SharedConfigFiles, flag: string): ResolvedProfile {
  checkProfileName(name, { scope: indexProfiles(files).configSection.has(name) ? 'config' : 'credentials', flag });
  const resolved = resolveProfile(name, files);
  checkNames(resolved, files);
  return resolved;
}

/**
 * The source of profile `name`, named `how` (`from --profile`, `from AWS_PROFILE`): its keys, or
 * its role chain, credential_process or web identity. A profile that is in neither file, or has no
 * credentials, is exit 3 (no credentials to use, SPEC §4); a profile that cannot be used as
 * written (a loop, an unsupported credential_source) is exit 2.
 */
export function planProfile(name: string, files: SharedConfigFiles, how: string, env: NodeJS.ProcessEnv, now: Date): PlannedProfile {
  let resolved: ResolvedProfile;
  try {
    resolved = resolveNamed(name, files, how.replace(/^from /, ''));
  } catch (error) {
    if (!(error instanceof ProfileNotFoundError) || error.referencedBy !== undefined) throw error;
    throw new NoCredentialsError(`Profile ${quoteProfileName(name)} (${how}) does not exist in ${files.credentialsPath} or ${files.configPath}.`, {
      ...(error.hint ? { hint: error.hint } : {}),
    });
  }
  const settings = settingsOf(resolved);
  const { warnings } = resolved;
  if (resolved.kind === 'role') {
    return { plan: { first: planFirst(resolved.source, resolved.hops[0]!.profile, files, env, now), hops: resolved.hops }, settings, warnings };
  }
  if (resolved.source.type === 'none') {
    throw new NoCredentialsError(`Profile ${quoteProfileName(name)} (${how}) has no credentials in ${files.credentialsPath} or ${files.configPath}.`, {
      hint: `Give it keys, a role_arn with a source_profile or a credential_process, or run "sts-cli assume --role-arn ROLE_ARN --profile ${name}".`,
    });
  }
  return { plan: { first: planFirst(resolved.source, name, files, env, now), hops: [] }, settings, warnings };
}

/** Role profile `name` for `assume PROFILE`, resolved: an unknown or non-role profile is exit 2. */
export function resolveRoleProfile(name: string, files: SharedConfigFiles): Extract<ResolvedProfile, { kind: 'role' }> {
  const resolved = resolveNamed(name, files, 'the profile argument');
  if (resolved.kind !== 'role') {
    throw new ProfileConfigError(
      name,
      'role_arn',
      `Profile ${quoteProfileName(name)} has no role_arn, so there is no role to assume (it is a ${resolved.kind} profile).`,
      {
        hint: `Name a profile with role_arn, or pass --role-arn ROLE_ARN --source-profile ${name}.`,
      },
    );
  }
  return resolved;
}

/** What signs the last hop of role profile `resolved` (its own role, which `assume PROFILE` sends): the chain below it. */
export function planBelowRole(
  resolved: Extract<ResolvedProfile, { kind: 'role' }>,
  files: SharedConfigFiles,
  env: NodeJS.ProcessEnv,
  now: Date,
): PlannedProfile {
  const below = resolved.hops.slice(0, -1);
  const signs = below[0]?.profile ?? resolved.name;
  return {
    plan: { first: planFirst(resolved.source, signs, files, env, now), hops: below },
    settings: settingsOf(resolved),
    warnings: resolved.warnings,
  };
}
