// The one resolver of the STS call family: assume, assume-web-identity and credential-process
// turn their typed input, the environment and the credentials and config files into the checked
// request, where the credentials go, the connection (who signs; endpoint, region, TLS) and the
// identity the credential cache keys on. planCall reads files and nothing else, never prompts and
// sends nothing; connectCall then obtains the signer, which for a role chain means assuming its
// hops (through the cache), and reads a web identity token last, once every flag has been checked.
// `assume PROFILE` takes the role from a config profile, flags winning.
import type { CacheIdentity } from '../credentials/cache.js';
import { configFilePath, credentialsFilePath } from '../credentials/paths.js';
import { checkForServer, knownServer } from '../sts/knownServer.js';
import { readSharedConfigFiles } from '../credentials/readSharedConfigFiles.js';
import type { CliContext } from './context.js';
import type { Destination } from './deliver.js';
import type { CommandInputs, DestinationInput, EndpointInput } from './inputs.js';
import { settingsToRecord } from './profileDestination.js';
import {
  type AuthChoice,
  type Connection,
  connect,
  DEFAULT_SESSION_OPTIONS,
  type PlannedAuth,
  type PlannedConnection,
  planConnection,
  resolveTransport,
  type Transport,
} from './resolveConnection.js';
import { type ProfileRequestSettings, type RequestInput, type ResolvedRequest, resolveRequest, type StsAction, type StsRequest } from './resolveRequest.js';
import { obtainRequestToken } from './resolveTokenSource.js';
import { callIdentity } from './session/callIdentity.js';
import { refuseExpired } from './session/signer.js';
import type { SessionOptions } from './session/sessionOptions.js';
import { planBelowRole, resolveRoleProfile, settingsOf } from './session/sourcePlan.js';

export type CallCommand = 'assume' | 'assume-web-identity' | 'credential-process';

export interface PlannedCall {
  /** Checked; a web identity's token is still to be read (connectCall reads it). */
  request: ResolvedRequest['request'];
  destination: Destination;
  auth: PlannedAuth;
  transport: Transport;
  dialect: 'aws' | 'ecs';
  generatedSessionName: boolean;
  /** The role comes from a config profile (`assume PROFILE`): its mfa_serial asks for an MFA session, not a code per AssumeRole. */
  fromProfile: boolean;
}

export interface ResolvedCall {
  request: StsRequest;
  destination: Destination;
  connection: Connection;
  cacheIdentity: CacheIdentity;
}

type CallInput = RequestInput & EndpointInput & Partial<DestinationInput>;

function actionOf(command: CallCommand, input: CallInput): StsAction {
  if (command === 'assume') return 'AssumeRole';
  if (command === 'assume-web-identity') return 'AssumeRoleWithWebIdentity';
  // credential-process takes the flags of both: a token flag makes it a web identity.
  const tokenFlags = [input.webIdentityToken, input.webIdentityTokenFile, input.oidc, input.webIdentityTokenEnv, input.webIdentityTokenProcess];
  return tokenFlags.some((flag) => flag !== undefined) ? 'AssumeRoleWithWebIdentity' : 'AssumeRole';
}

function destinationOf(command: CallCommand, input: CallInput, transport: Transport): Destination {
  if (command === 'credential-process') return { kind: 'stdout', format: 'process' };
  if (input.profile !== undefined) {
    const settings = input.writeConfig === false ? undefined : settingsToRecord(transport, input.region !== undefined);
    return {
      kind: 'profile',
      name: input.profile,
      force: input.force ?? false,
      ...(settings ? { settings } : {}),
      ...(input.format !== undefined ? { print: input.format } : {}),
    };
  }
  return { kind: 'stdout', format: input.format ?? 'env' };
}

function authOf(action: StsAction, input: CallInput): AuthChoice {
  if (action === 'AssumeRoleWithWebIdentity') return { kind: 'none' };
  if (input.auth === 'ecs-token') return { kind: 'ecs-token', token: input.authToken };
  return { kind: 'source', profile: input.sourceProfile, profileFlag: '--source-profile' };
}

interface RoleSource {
  settings: ProfileRequestSettings;
  planned: Promise<PlannedConnection>;
  ecs: boolean;
}

// `assume PROFILE`: the profile's own AssumeRole settings, and what signs it (the chain below it,
// unless --source-profile or --auth ecs-token say otherwise). A profile written wrong is exit 2 at
// once; missing source credentials (exit 3) wait until every flag is known good.
async function roleProfileSource(name: string, input: CallInput, choice: AuthChoice, ctx: CliContext): Promise<RoleSource> {
  const files = await readSharedConfigFiles({ credentialsFile: credentialsFilePath(ctx.env, ctx.home), configFile: configFilePath(ctx.env, ctx.home) });
  const resolved = resolveRoleProfile(name, files);
  for (const warning of resolved.warnings) ctx.out.warn(warning);
  const hop = resolved.hops.at(-1)!;
  const settings: ProfileRequestSettings = {
    roleArn: hop.roleArn,
    ...(hop.roleSessionName !== undefined ? { roleSessionName: hop.roleSessionName } : {}),
    ...(hop.durationSeconds !== undefined ? { duration: String(hop.durationSeconds) } : {}),
    ...(hop.externalId !== undefined ? { externalId: hop.externalId } : {}),
    ...(hop.mfaSerial !== undefined ? { serialNumber: hop.mfaSerial } : {}),
  };
  const ownSource = input.sourceProfile === undefined && input.auth !== 'ecs-token';
  const planned = ownSource
    ? (async (): Promise<PlannedConnection> => {
        const below = planBelowRole(resolved, files, ctx.env, ctx.now());
        return { auth: { kind: 'source', plan: below.plan }, settings: below.settings };
      })()
    : planConnection(choice, ctx).then((p) => ({ auth: p.auth, settings: { ...p.settings, ...settingsOf(resolved) } }));
  // Not awaited yet: its failure is thrown after the request's own checks.
  planned.catch(() => undefined);
  return { settings, planned, ecs: ownSource && hop.auth === 'ecs-token' };
}

/**
 * Plans a call of `command` (with `profile`, the PROFILE argument of assume): the checked request,
 * the destination, the transport and what will sign. Throws the first problem found (exit 2, 3 or
 * 5) before anything is run or sent.
 */
export async function planCall<K extends CallCommand>(command: K, commandInput: CommandInputs[K], ctx: CliContext, profile?: string): Promise<PlannedCall> {
  const input: CallInput = commandInput;
  const action = actionOf(command, input);
  const choice = authOf(action, input);
  const role = profile !== undefined ? await roleProfileSource(profile, input, choice, ctx) : undefined;
  const resolved = resolveRequest(action, input, ctx, role?.settings);
  const planned = await (role?.planned ?? planConnection(choice, ctx)).catch((error: unknown) => ({ failure: error }));
  // A bad transport flag is reported (exit 2) before missing credentials (exit 3).
  const transport = resolveTransport(input, ctx, 'failure' in planned ? {} : planned.settings);
  const dialect = input.auth === 'ecs-token' || role?.ecs ? 'ecs' : 'aws';
  // What the server is known to refuse, once the endpoint is known (exit 2, before missing credentials' exit 3).
  checkForServer(resolved.request.params, knownServer(transport.endpoint, dialect));
  if ('failure' in planned) throw planned.failure;
  return {
    request: resolved.request,
    destination: destinationOf(command, input, transport),
    auth: planned.auth,
    transport,
    dialect,
    generatedSessionName: resolved.defaultSessionName,
    fromProfile: role !== undefined,
  };
}

/** A planned call made ready to send: its signer, and its request with the web identity token read. */
export interface ConnectedCall {
  connection: Connection;
  request: StsRequest;
  /** What the cache knows a web identity token by (digests only; see resolveTokenSource.ts). */
  tokenIdentity: Record<string, string>;
}

/**
 * The connection of a planned call (its signer obtained: a role chain assumed through the cache, a
 * credential_process run), then the web identity token read (a fresh one each time).
 */
export async function connectCall(call: PlannedCall, ctx: CliContext, options: SessionOptions = DEFAULT_SESSION_OPTIONS): Promise<ConnectedCall> {
  const connection = await connect(call.auth, call.transport, call.dialect, ctx, options);
  // `assume --source-profile old` with expired temporary keys: exit 3, as env, exec and whoami say it.
  refuseExpired(connection, ctx.now());
  const pending = call.request;
  if (pending.action !== 'AssumeRoleWithWebIdentity') return { connection, request: pending, tokenIdentity: {} };
  return { connection, ...(await obtainRequestToken(pending, connection.transport, ctx)) };
}

/** Resolves a call of `command` whole: plan, then connection; throws the first problem found (exit 2, 3 or 5). */
export async function resolveCall<K extends CallCommand>(
  command: K,
  commandInput: CommandInputs[K],
  ctx: CliContext,
  options: SessionOptions = DEFAULT_SESSION_OPTIONS,
): Promise<ResolvedCall> {
  const call = await planCall(command, commandInput, ctx);
  const { connection, request, tokenIdentity } = await connectCall(call, ctx, options);
  return {
    request,
    destination: call.destination,
    connection,
    cacheIdentity: callIdentity(request, connection, call.generatedSessionName, tokenIdentity),
  };
}
