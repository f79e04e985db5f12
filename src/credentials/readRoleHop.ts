// One role profile's AssumeRole settings and where its source credentials come from, checked as
// botocore's AssumeRoleProvider._get_role_config checks them.
import { ProfileConfigError } from '../errors.js';
import { profileNotFound } from './profileNotFound.js';
import { profileStsEndpoint } from './profileEndpoint.js';
import { has, type ProfileIndex } from './profileIndex.js';
import type { EcsTokenSource, EnvironmentSource, RoleHop } from './profileTypes.js';

export type HopSource = { type: 'profile'; name: string } | EnvironmentSource | EcsTokenSource;

/** credential_source values botocore knows; sts-cli reads only Environment (SPEC §7). */
const OTHER_BOTOCORE_SOURCES = new Set(['Ec2InstanceMetadata', 'EcsContainer']);

// Python's int() on a string: optional sign, ASCII digits with single underscores between them.
function pythonInt(text: string): number | undefined {
  const trimmed = text.trim();
  return /^[+-]?\d+(?:_\d+)*$/.test(trimmed) ? Number(trimmed.replaceAll('_', '')) : undefined;
}

function optional<K extends string>(key: K, values: Record<string, string>, from: string): { [P in K]?: string } {
  return (has(values, from) ? { [key]: values[from] } : {}) as { [P in K]?: string };
}

function readAuth(name: string, values: Record<string, string>): RoleHop['auth'] {
  const auth = values.sts_cli_auth;
  if (auth === undefined || auth === 'sigv4') return 'sigv4';
  if (auth === 'ecs-token') return 'ecs-token';
  throw new ProfileConfigError(name, 'sts_cli_auth', `Profile "${name}" has sts_cli_auth = ${auth}; sts-cli knows sigv4 and ecs-token.`, {
    hint: 'Use sts_cli_auth = ecs-token for Dell ECS, or remove the line.',
  });
}

function readSource(name: string, values: Record<string, string>, auth: RoleHop['auth'], index: ProfileIndex): HopSource {
  const sourceProfile = values.source_profile;
  const credentialSource = values.credential_source;
  if (auth === 'ecs-token') {
    if (sourceProfile === undefined && credentialSource === undefined) return { type: 'ecs-token' };
    throw new ProfileConfigError(
      name,
      'sts_cli_auth',
      `Profile "${name}" has sts_cli_auth = ecs-token, which needs no source credentials, and also ${sourceProfile === undefined ? 'credential_source' : 'source_profile'}.`,
      {
        hint: 'Remove one of them: the ECS token replaces the signature.',
      },
    );
  }
  if (sourceProfile !== undefined && credentialSource !== undefined) {
    throw new ProfileConfigError(
      name,
      'credential_source',
      `Profile "${name}" has both source_profile and credential_source; botocore and sts-cli refuse that.`,
      {
        hint: 'Keep one of them.',
      },
    );
  }
  if (credentialSource !== undefined) {
    if (credentialSource === 'Environment') return { type: 'environment' };
    const known = OTHER_BOTOCORE_SOURCES.has(credentialSource);
    throw new ProfileConfigError(
      name,
      'credential_source',
      known
        ? `Profile "${name}" has credential_source = ${credentialSource}; sts-cli reads only credential_source = Environment.`
        : `Profile "${name}" has credential_source = ${credentialSource}, which is not valid.`,
      { hint: 'Use credential_source = Environment (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY), or source_profile = a profile with keys.' },
    );
  }
  if (sourceProfile === undefined) {
    throw new ProfileConfigError(name, 'source_profile', `Role profile "${name}" has role_arn but neither source_profile nor credential_source.`, {
      hint: 'Add source_profile = a profile with keys, or credential_source = Environment.',
    });
  }
  if (!index.merged.has(sourceProfile)) throw profileNotFound(sourceProfile, name, index);
  return { type: 'profile', name: sourceProfile };
}

/**
 * Reads role profile `name` (merged values). `strictEndpoint` makes a broken `services` reference an
 * error (the profile asked for, whose endpoint botocore uses); otherwise it becomes a warning.
 * Throws ProfileConfigError or ProfileNotFoundError (exit 2).
 */
export function readRoleHop(name: string, index: ProfileIndex, warnings: string[], strictEndpoint: boolean): { hop: RoleHop; next: HopSource } {
  const values = index.merged.get(name) ?? {};
  const auth = readAuth(name, values);
  const next = readSource(name, values, auth, index);
  let durationSeconds: number | undefined;
  if (values.duration_seconds !== undefined) {
    durationSeconds = pythonInt(values.duration_seconds);
    if (durationSeconds === undefined) {
      warnings.push(
        `Profile "${name}" has duration_seconds = ${values.duration_seconds}, which is not a whole number of seconds: ignored, as botocore ignores it.`,
      );
    }
  }
  let endpointUrl: string | undefined;
  try {
    endpointUrl = profileStsEndpoint(name, index).endpointUrl;
  } catch (error) {
    if (strictEndpoint || !(error instanceof ProfileConfigError)) throw error;
    warnings.push(error.message);
  }
  const hop: RoleHop = {
    profile: name,
    roleArn: values.role_arn ?? '',
    ...optional('roleSessionName', values, 'role_session_name'),
    ...optional('externalId', values, 'external_id'),
    ...optional('mfaSerial', values, 'mfa_serial'),
    ...(durationSeconds !== undefined ? { durationSeconds } : {}),
    ...(values.region ? { region: values.region } : {}),
    ...(endpointUrl ? { endpointUrl } : {}),
    auth,
  };
  return { hop, next };
}
