// The one resolver of the STS call family: assume, assume-web-identity and credential-process
// turn their typed input, the environment and the credentials and config files into the checked
// request, where the credentials go, the connection (who signs; endpoint, region, TLS) and the
// identity the credential cache keys on. Reads files and the web identity token's source (last,
// once every flag has been checked); never prompts (askTokenCode asks for a missing MFA code
// afterwards); sends no STS call.
import { type CacheIdentity, secretDigest } from '../credentials/cache.js';
import type { CliContext } from './context.js';
import type { Destination } from './deliver.js';
import type { CommandInputs, DestinationInput, EndpointInput } from './inputs.js';
import { settingsToRecord } from './profileDestination.js';
import { type AuthChoice, type Connection, resolveConnection } from './resolveConnection.js';
import { type RequestInput, resolveRequest, type StsAction, type StsRequest } from './resolveRequest.js';
import { obtainRequestToken } from './resolveTokenSource.js';

export type CallCommand = 'assume' | 'assume-web-identity' | 'credential-process';

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

function destinationOf(command: CallCommand, input: CallInput, connection: Connection): Destination {
  if (command === 'credential-process') return { kind: 'stdout', format: 'process' };
  if (input.profile !== undefined) {
    const settings = input.writeConfig === false ? undefined : settingsToRecord(connection.transport, input.region !== undefined);
    return { kind: 'profile', name: input.profile, force: input.force ?? false, ...(settings ? { settings } : {}) };
  }
  return { kind: 'stdout', format: input.format ?? 'env' };
}

function authOf(action: StsAction, input: CallInput): AuthChoice {
  if (action === 'AssumeRoleWithWebIdentity') return { kind: 'none' };
  if (input.auth === 'ecs-token') return { kind: 'ecs-token', token: input.authToken };
  return { kind: 'source', profile: input.sourceProfile, profileFlag: '--source-profile' };
}

function without(values: object, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).filter(([key]) => !keys.includes(key)));
}

function cacheIdentityOf(request: StsRequest, defaultSessionName: boolean, tokenIdentity: Record<string, string>, connection: Connection): CacheIdentity {
  const { auth, transport } = connection;
  const caller: Record<string, string> = { auth: auth.kind };
  if (auth.kind === 'sigv4') {
    caller.accessKeyId = auth.credentials.accessKeyId;
    caller.secretSha256 = secretDigest(auth.credentials.secretAccessKey);
  } else if (auth.kind === 'ecs-token') {
    caller.ecsTokenSha256 = secretDigest(auth.token);
  }
  Object.assign(caller, tokenIdentity);
  // A generated session name changes every second: it says nothing about who the credentials are for.
  const left = ['tokenCode', 'webIdentityToken', ...(defaultSessionName ? ['roleSessionName'] : [])];
  return { action: request.action, params: without(request.params, left), endpoint: transport.endpoint, region: transport.region, caller };
}

/** Resolves a call of `command`; throws the first problem found (exit 2, 3 or 5) before anything is sent. */
export async function resolveCall<K extends CallCommand>(command: K, commandInput: CommandInputs[K], ctx: CliContext): Promise<ResolvedCall> {
  const input: CallInput = commandInput;
  const action = actionOf(command, input);
  const resolved = resolveRequest(action, input, ctx);
  const connection = await resolveConnection(authOf(action, input), input, ctx, input.auth === 'ecs-token' ? 'ecs' : 'aws');
  const pending = resolved.request;
  const { request, tokenIdentity } =
    pending.action === 'AssumeRoleWithWebIdentity' ? await obtainRequestToken(pending, connection.transport, ctx) : { request: pending, tokenIdentity: {} };
  return {
    request,
    destination: destinationOf(command, input, connection),
    connection,
    cacheIdentity: cacheIdentityOf(request, resolved.defaultSessionName, tokenIdentity, connection),
  };
}
