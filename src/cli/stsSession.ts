// Opens an STS client for a command: finds who signs (source credentials or an ECS token),
// resolves endpoint and region, and wires --debug tracing. The only CLI module that loads undici.
import { setFlagsFromString } from 'node:v8';
import { configFilePath, credentialsFilePath } from '../credentials/paths.js';
import { resolveSourceCredentials } from '../credentials/sources.js';
import { UsageError } from '../errors.js';
import { createStsClient, type StsClient, type StsClientOptions } from '../sts/client.js';
import type { CliContext } from './context.js';
import { transport } from './requestOptions.js';
import { version } from './version.js';
import { stringFlag, type Flags } from './flags.js';

// undici parses HTTP with a WebAssembly module, and V8 optimises it on a background thread that
// the process then waits for at exit (~70 ms per `sts-cli assume`). A CLI process sends one or two
// requests, so the baseline compiler alone is the faster choice.
setFlagsFromString('--liftoff-only');

export interface StsSession {
  client: StsClient;
  endpoint: string;
  /** Where the signing keys came from, e.g. "profile dev" or "environment". */
  origin: string;
  /** The signing keys' own expiry, when they are temporary and it is known. */
  sourceExpiration?: Date;
  sourceProfile?: string;
}

/** `signed: false` for AssumeRoleWithWebIdentity: no source credentials are looked for. */
export async function openStsSession(flags: Flags, ctx: CliContext, options: { signed: boolean; profileFlag?: string }): Promise<StsSession> {
  let auth: StsClientOptions['auth'] = { kind: 'none' };
  let profile: { region?: string; endpointUrl?: string } = {};
  // Bad flags (--timeout, --endpoint-url) are usage errors (exit 2) whether or not keys exist.
  transport(flags, ctx);
  let origin = 'no credentials (unsigned)';
  let sourceDetails: Pick<StsSession, 'sourceExpiration' | 'sourceProfile'> = {};
  // The dialect is chosen once, for every call of the session, signed or not.
  const ecsToken = stringFlag(flags.auth) === 'ecs-token';
  if (options.signed && ecsToken) {
    const token = stringFlag(flags.authToken) ?? ctx.env.ECS_AUTH_TOKEN;
    if (!token) throw new UsageError('--auth ecs-token needs a token: pass --auth-token or set ECS_AUTH_TOKEN.');
    ctx.out.addSecret(token);
    auth = { kind: 'ecs-token', token };
    origin = 'ECS token';
  } else if (options.signed) {
    const sourceProfile = options.profileFlag ?? stringFlag(flags.sourceProfile);
    const source = await resolveSourceCredentials({
      ...(sourceProfile !== undefined ? { sourceProfile, sourceProfileFlag: options.profileFlag !== undefined ? '--profile' : '--source-profile' } : {}),
      env: ctx.env,
      credentialsFile: credentialsFilePath(ctx.env, ctx.home),
      configFile: configFilePath(ctx.env, ctx.home),
    });
    ctx.out.addSecret(source.credentials.secretAccessKey);
    ctx.out.addSecret(source.credentials.sessionToken);
    auth = { kind: 'sigv4', credentials: source.credentials };
    profile = { ...(source.region ? { region: source.region } : {}), ...(source.endpointUrl ? { endpointUrl: source.endpointUrl } : {}) };
    origin = source.origin;
    sourceDetails = {
      ...(source.credentials.expiration ? { sourceExpiration: source.credentials.expiration } : {}),
      ...(source.profile !== undefined ? { sourceProfile: source.profile } : {}),
    };
  }
  const t = transport(flags, ctx, profile);
  ctx.out.debug(`endpoint ${t.endpoint}, region ${t.region}, credentials from ${origin}`);
  const client = createStsClient({
    endpoint: t.endpoint,
    region: t.region,
    auth,
    dialect: ecsToken ? 'ecs' : 'aws',
    ...(t.caBundle !== undefined ? { caBundle: t.caBundle } : {}),
    verifySsl: t.verifySsl,
    timeoutMs: t.timeoutMs,
    userAgent: `sts-cli/${version}`,
    ...(ctx.out.debugEnabled ? { debug: (line: string) => ctx.out.debug(line) } : {}),
  });
  return { client, endpoint: t.endpoint, origin, ...sourceDetails };
}
