// Who signs a call and how it travels (SPEC §2): the source credentials or ECS token, then the
// endpoint, region, TLS and timeout, with the source profile's region and endpoint_url as
// fallbacks. Reads the credentials and config files and nothing else.
import { configFilePath, credentialsFilePath } from '../credentials/paths.js';
import { resolveSourceCredentials } from '../credentials/sources.js';
import { UsageError } from '../errors.js';
import type { StsAuth } from '../sts/auth.js';
import type { DialectName } from '../sts/dialects.js';
import { resolveEndpoint, resolveRegion } from '../sts/endpoint.js';
import type { CliContext } from './context.js';
import { defined } from './defined.js';
import type { EndpointInput } from './inputs.js';

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

export interface Connection {
  transport: Transport;
  auth: StsAuth;
  /** The endpoint's dialect, chosen once for every call of the command (ECS: every call goes to /sts). */
  dialect: DialectName;
  /** Where the signing keys came from, for humans: "profile dev", "environment". Never a secret. */
  origin: string;
  /** The signing keys' own expiry, when they are temporary and it is known. */
  sourceExpiration?: Date;
  sourceProfile?: string;
}

/** The source profile's own settings, fallbacks of the transport. */
interface ProfileSettings {
  region?: string | undefined;
  endpointUrl?: string | undefined;
}

interface Source {
  signer: Omit<Connection, 'transport' | 'dialect'>;
  settings: ProfileSettings;
}

async function resolveSource(choice: AuthChoice, ctx: CliContext): Promise<Source> {
  if (choice.kind === 'none') return { signer: { auth: { kind: 'none' }, origin: 'no credentials (unsigned)' }, settings: {} };
  if (choice.kind === 'ecs-token') {
    const token = choice.token ?? ctx.env.ECS_AUTH_TOKEN;
    if (!token) throw new UsageError('--auth ecs-token needs a token: pass --auth-token or set ECS_AUTH_TOKEN.');
    ctx.out.addSecret(token);
    return { signer: { auth: { kind: 'ecs-token', token }, origin: 'ECS token' }, settings: {} };
  }
  const source = await resolveSourceCredentials({
    ...(choice.profile !== undefined ? { sourceProfile: choice.profile, sourceProfileFlag: choice.profileFlag } : {}),
    env: ctx.env,
    credentialsFile: credentialsFilePath(ctx.env, ctx.home),
    configFile: configFilePath(ctx.env, ctx.home),
  });
  ctx.out.addSecret(source.credentials.secretAccessKey);
  ctx.out.addSecret(source.credentials.sessionToken);
  return {
    signer: {
      auth: { kind: 'sigv4', credentials: source.credentials },
      origin: source.origin,
      ...(source.credentials.expiration ? { sourceExpiration: source.credentials.expiration } : {}),
      ...(source.profile !== undefined ? { sourceProfile: source.profile } : {}),
    },
    settings: { region: source.region, endpointUrl: source.endpointUrl },
  };
}

/** Endpoint, region and TLS settings (SPEC §2 order: flag, environment, the profile's value, default). */
export function resolveTransport(input: EndpointInput, ctx: CliContext, profile: ProfileSettings): Transport {
  const region = resolveRegion({ ...defined({ flag: input.region, profileRegion: profile.region }), env: ctx.env });
  const endpoint = resolveEndpoint({ ...defined({ flag: input.endpointUrl, profileEndpointUrl: profile.endpointUrl }), env: ctx.env, region });
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

/**
 * The connection of a call. A bad endpoint flag is bad usage (exit 2) even when there are no
 * source credentials (exit 3); yet the transport falls back on the source profile's settings. So
 * the source is looked up first, the transport resolved once, and the source's failure thrown after.
 */
export async function resolveConnection(choice: AuthChoice, input: EndpointInput, ctx: CliContext, dialect: DialectName = 'aws'): Promise<Connection> {
  const source = await resolveSource(choice, ctx).catch((error: unknown) => ({ failure: error }));
  const transport = resolveTransport(input, ctx, 'failure' in source ? {} : source.settings);
  if ('failure' in source) throw source.failure;
  return { transport, dialect, ...source.signer };
}
