// The session `exec --server` serves (SPEC §8): profile NAME assumed as `sts-cli exec NAME` assumes
// it (readProfileCredentials: each hop of a chain through sts-cli's cache, MFA once a day, a
// credential_process or a web identity source), the last hop assumed again when the endpoint
// renews. Only a profile sts-cli can renew qualifies: stored keys are refused (exit 2).
import type { ServedCredentials } from '../containerEndpoint/index.js';
import { configFilePath, credentialsFilePath } from '../credentials/paths.js';
import { indexProfiles } from '../credentials/profileIndex.js';
import { quoteProfileName } from '../credentials/profileName.js';
import { readSharedConfigFiles } from '../credentials/readSharedConfigFiles.js';
import { resolveProfile } from '../credentials/resolveProfile.js';
import { UsageError } from '../errors.js';
import type { CliContext } from './context.js';
import { readProfileCredentials } from './session/profileCredentials.js';
import { DEFAULT_MFA_SESSION_SECONDS, type SessionOptions } from './session/sessionOptions.js';

function notRenewable(name: string, what: string): UsageError {
  return new UsageError(`exec --server needs a profile it can renew, and ${quoteProfileName(name)} ${what}.`, {
    hint: 'Use a role profile (role_arn with source_profile or credential_source) or a web identity profile, or run exec without --server.',
  });
}

const readFiles = (ctx: CliContext) =>
  readSharedConfigFiles({ credentialsFile: credentialsFilePath(ctx.env, ctx.home), configFile: configFilePath(ctx.env, ctx.home) });

// Keys that make botocore's and the JS SDK's default chain take profile [default] before the container provider.
const DEFAULT_CREDENTIALS = ['aws_access_key_id', 'credential_process', 'role_arn', 'web_identity_token_file', 'sso_account_id', 'sso_session'];

/**
 * What the child's SDKs see besides the endpoint: the profile's region (botocore sends its calls
 * there), and the setting of [default] that its credential chain would take before the endpoint.
 */
export async function childView(name: string, ctx: CliContext): Promise<{ region?: string; defaultShadows?: string }> {
  const files = await readFiles(ctx);
  const region = resolveProfile(name, files).region;
  const values = indexProfiles(files).merged.get('default') ?? {};
  const key = DEFAULT_CREDENTIALS.find((k) => Object.hasOwn(values, k));
  return { ...(region !== undefined ? { region } : {}), ...(key !== undefined ? { defaultShadows: key } : {}) };
}

const DEFAULT_OPTIONS: SessionOptions = { cache: 'use', mfaSessionSeconds: DEFAULT_MFA_SESSION_SECONDS };

/**
 * A session of profile `name`: from the cache when it may (`refresh` false), else assumed now (the
 * last hop only; the hops below and an MFA session stay cached). Throws UsageError (exit 2) for a
 * profile that cannot be renewed.
 */
export async function renewableSession(
  name: string,
  ctx: CliContext,
  { refresh }: { refresh: boolean },
  options: SessionOptions = DEFAULT_OPTIONS,
): Promise<ServedCredentials> {
  const cache = refresh && options.cache !== 'bypass' ? 'refresh' : options.cache;
  const profile = await readProfileCredentials(name, 'the profile argument', ctx, { ...options, cache });
  if (!profile.renewable) throw notRenewable(name, 'holds stored keys, which sts-cli cannot renew');
  const { credentials } = profile;
  if (!credentials.sessionToken || !credentials.expiration) {
    throw notRenewable(name, 'gets long-term keys from its credential_process, which have no expiry to renew ahead of');
  }
  const accountId = /^arn:[^:]+:sts::(\d{12}):/.exec(profile.assumedRoleArn ?? '')?.[1];
  return {
    ...credentials,
    sessionToken: credentials.sessionToken,
    expiration: credentials.expiration,
    ...(profile.roleArn ? { roleArn: profile.roleArn } : {}),
    ...(accountId ? { accountId } : {}),
  };
}
