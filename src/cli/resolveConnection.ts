// Who signs a call and how it travels (SPEC §2, §7): first the plan of the source (the ECS token,
// the AWS_* keys, or a profile resolved as botocore resolves it: keys, a role chain, a
// credential_process, a web identity), read from the files alone; then the endpoint, region, TLS
// and timeout, with the profile's region and endpoint_url as fallbacks; then the signer, which for
// a chain means assuming each hop (through the cache).
import { configFilePath, credentialsFilePath } from '../credentials/paths.js';
import { profileStsEndpoint } from '../credentials/profileEndpoint.js';
import { indexProfiles } from '../credentials/profileIndex.js';
import type { SharedConfigFiles } from '../credentials/profileTypes.js';
import { readSharedConfigFiles } from '../credentials/readSharedConfigFiles.js';
import { environmentCredentials } from '../credentials/sources.js';
import { NoCredentialsError, UsageError } from '../errors.js';
import type { DialectName } from '../sts/dialects.js';
import { resolveEndpoint, resolveRegion } from '../sts/endpoint.js';
import type { CliContext } from './context.js';
import { defined } from './defined.js';
import type { EndpointInput } from './inputs.js';
import { obtainSigner } from './session/obtainSigner.js';
import { DEFAULT_MFA_SESSION_SECONDS, type SessionOptions } from './session/sessionOptions.js';
import { keysSigner, type Signer } from './session/signer.js';
import { type PlannedProfile, type ProfileSettings, planProfile, type SourcePlan } from './session/sourcePlan.js';

export type { Signer } from './session/signer.js';

export interface Transport {
  endpoint: string;
  region: string;
  caBundle?: string;
  verifySsl: boolean;
  timeoutMs: number;
}

/** How the command authenticates, as its input chose. */
export type AuthChoice =
  | { kind: 'none' }
  | { kind: 'ecs-token'; token: string | undefined }
  /** Source credentials: the named profile, else the AWS_* variables, AWS_PROFILE, [default]. */
  | { kind: 'source'; profile: string | undefined; profileFlag: '--profile' | '--source-profile' };

export interface Connection extends Signer {
  transport: Transport;
  /** The endpoint's dialect, chosen once for every call of the command (ECS: every call goes to /sts). */
  dialect: DialectName;
}

/** The authentication a command will use, decided from the files and environment (nothing run or sent). */
export type PlannedAuth = { kind: 'none' } | { kind: 'ecs-token'; token: string } | { kind: 'source'; plan: SourcePlan };

export interface PlannedConnection {
  auth: PlannedAuth;
  settings: ProfileSettings;
}

export const DEFAULT_SESSION_OPTIONS: SessionOptions = { cache: 'use', mfaSessionSeconds: DEFAULT_MFA_SESSION_SECONDS };

async function sharedFiles(ctx: CliContext): Promise<SharedConfigFiles> {
  return readSharedConfigFiles({ credentialsFile: credentialsFilePath(ctx.env, ctx.home), configFile: configFilePath(ctx.env, ctx.home) });
}

// The AWS CLI takes region and endpoint from the active profile even when the AWS_* keys sign.
function activeSettings(name: string, files: SharedConfigFiles): ProfileSettings {
  const index = indexProfiles(files);
  const region = index.merged.get(name)?.region;
  let endpoint: ReturnType<typeof profileStsEndpoint> | undefined;
  try {
    endpoint = profileStsEndpoint(name, index);
  } catch {
    endpoint = undefined;
  }
  return {
    ...(region ? { region } : {}),
    ...(endpoint?.endpointUrl ? { endpointUrl: endpoint.endpointUrl } : {}),
    ...(endpoint?.ignoreConfiguredEndpointUrls ? { ignoreConfiguredEndpointUrls: true } : {}),
  };
}

function printWarnings(planned: PlannedProfile, ctx: CliContext): PlannedConnection {
  for (const warning of planned.warnings) ctx.out.warn(warning);
  return { auth: { kind: 'source', plan: planned.plan }, settings: planned.settings };
}

/** The source of profile `name` (how: `from --profile`), its warnings printed. */
export async function planNamedProfile(name: string, how: string, ctx: CliContext): Promise<PlannedConnection> {
  return printWarnings(planProfile(name, await sharedFiles(ctx), how, ctx.env, ctx.now()), ctx);
}

/** What `choice` will authenticate with, and the profile settings the transport falls back on. Runs and sends nothing. */
export async function planConnection(choice: AuthChoice, ctx: CliContext): Promise<PlannedConnection> {
  if (choice.kind === 'none') return { auth: { kind: 'none' }, settings: {} };
  if (choice.kind === 'ecs-token') {
    const token = choice.token ?? ctx.env.ECS_AUTH_TOKEN;
    if (!token) throw new UsageError('--auth ecs-token needs a token: pass --auth-token or set ECS_AUTH_TOKEN.');
    ctx.out.addSecret(token);
    return { auth: { kind: 'ecs-token', token }, settings: {} };
  }
  if (choice.profile !== undefined) return planNamedProfile(choice.profile, `from ${choice.profileFlag}`, ctx);
  const files = await sharedFiles(ctx);
  const fromEnv = ctx.env.AWS_PROFILE || undefined;
  const keys = environmentCredentials(ctx.env);
  if (keys) {
    return {
      auth: { kind: 'source', plan: { first: { kind: 'keys', credentials: keys, origin: 'environment' }, hops: [] } },
      settings: activeSettings(fromEnv ?? 'default', files),
    };
  }
  if (fromEnv) return printWarnings(planProfile(fromEnv, files, 'from AWS_PROFILE', ctx.env, ctx.now()), ctx);
  if (indexProfiles(files).merged.has('default')) {
    try {
      return printWarnings(planProfile('default', files, 'the default', ctx.env, ctx.now()), ctx);
    } catch (error) {
      if (!(error instanceof NoCredentialsError)) throw error;
    }
  }
  const exists = indexProfiles(files).merged.has('default');
  throw new NoCredentialsError(
    `No credentials to sign with: no --source-profile, AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set, AWS_PROFILE is not set, and ${exists ? 'profile [default] has no keys' : 'there is no [default] profile'} in ${files.credentialsPath} or ${files.configPath}.`,
    { hint: 'Pass --source-profile NAME, set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or add keys to [default].' },
  );
}

/** Endpoint, region and TLS settings (SPEC §2 order: flag, environment, the profile's value, default). */
export function resolveTransport(input: EndpointInput, ctx: CliContext, profile: ProfileSettings): Transport {
  const region = resolveRegion({ ...defined({ flag: input.region, profileRegion: profile.region }), env: ctx.env });
  // botocore's ignore_configured_endpoint_urls turns off the endpoint variables along with the profile's.
  const env = profile.ignoreConfiguredEndpointUrls ? { ...ctx.env, AWS_ENDPOINT_URL_STS: undefined, AWS_ENDPOINT_URL: undefined } : ctx.env;
  const endpoint = resolveEndpoint({ ...defined({ flag: input.endpointUrl, profileEndpointUrl: profile.endpointUrl }), env, region });
  const timeout = Number(input.timeout);
  if (!Number.isFinite(timeout) || timeout <= 0) throw new UsageError(`--timeout must be a positive number of seconds, not "${input.timeout}".`);
  const caBundle = input.caBundle ?? (ctx.env.AWS_CA_BUNDLE || undefined);
  return {
    endpoint,
    region,
    ...(caBundle !== undefined ? { caBundle } : {}),
    verifySsl: input.verifySsl,
    timeoutMs: Math.round(timeout * 1000),
  };
}

/** Every call of a chain with an ecs-token hop goes to the ECS endpoint: its dialect is ECS's. */
export function dialectOf(auth: PlannedAuth, base: DialectName): DialectName {
  if (auth.kind === 'ecs-token') return 'ecs';
  if (auth.kind === 'source' && (auth.plan.first.kind === 'ecs-token' || auth.plan.hops.some((hop) => hop.auth === 'ecs-token'))) return 'ecs';
  return base;
}

/** The connection of a planned authentication: the signer obtained (a chain assumed, a process run) over `transport`. */
export async function connect(auth: PlannedAuth, transport: Transport, dialect: DialectName, ctx: CliContext, options: SessionOptions): Promise<Connection> {
  const route = { transport, dialect: dialectOf(auth, dialect) };
  if (auth.kind === 'none') return { ...route, auth: { kind: 'none' }, origin: 'no credentials (unsigned)' };
  if (auth.kind === 'ecs-token') return { ...route, auth: { kind: 'ecs-token', token: auth.token }, origin: 'ECS token' };
  const { first, hops } = auth.plan;
  if (first.kind === 'keys' && hops.length === 0) return { ...route, ...keysSigner(first.credentials, first.origin, ctx, first.profile) };
  return { ...route, ...(await obtainSigner(auth.plan, route, ctx, options)) };
}

/**
 * The connection of a call. A bad endpoint flag is bad usage (exit 2) even when there are no
 * source credentials (exit 3); yet the transport falls back on the source profile's settings. So
 * the source is planned first, the transport resolved once, and the plan's failure thrown after.
 */
export async function resolveConnection(
  choice: AuthChoice,
  input: EndpointInput,
  ctx: CliContext,
  dialect: DialectName = 'aws',
  options: SessionOptions = DEFAULT_SESSION_OPTIONS,
): Promise<Connection> {
  const planned = await planConnection(choice, ctx).catch((error: unknown) => ({ failure: error }));
  const transport = resolveTransport(input, ctx, 'failure' in planned ? {} : planned.settings);
  if ('failure' in planned) throw planned.failure;
  return connect(planned.auth, transport, dialect, ctx, options);
}
