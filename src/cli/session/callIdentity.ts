// What a cached session is keyed on (SPEC §7): everything that decides whom its credentials belong
// to and what they may do, as resolved. Secrets appear only as sha256 digests.
import { type CacheIdentity, secretDigest } from '../../credentials/cache.js';
import type { Connection } from '../resolveConnection.js';
import type { SessionRequest } from './sessionRequest.js';

function without(values: object, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).filter(([key]) => !keys.includes(key)));
}

/**
 * The identity of `request` sent over `connection`: its parameters (without the one-time MFA code,
 * the token, or a generated session name, which changes every second and says nothing about who
 * the credentials are for), the endpoint and region, and who asks: the auth mode, the access key
 * id and digests of the secret, of a session token and of any ECS or web identity token (or
 * `tokenIdentity`, what the cache knows a token source by).
 */
export function callIdentity(
  request: SessionRequest,
  connection: Pick<Connection, 'auth' | 'transport'>,
  generatedSessionName: boolean,
  tokenIdentity?: Record<string, string>,
): CacheIdentity {
  const { auth, transport } = connection;
  const caller: Record<string, string> = { auth: auth.kind };
  if (auth.kind === 'sigv4') {
    caller.accessKeyId = auth.credentials.accessKeyId;
    caller.secretSha256 = secretDigest(auth.credentials.secretAccessKey);
    if (auth.credentials.sessionToken) caller.sessionTokenSha256 = secretDigest(auth.credentials.sessionToken);
  } else if (auth.kind === 'ecs-token') {
    caller.ecsTokenSha256 = secretDigest(auth.token);
  }
  // A token source that issues a new token at every read is known by its stable claims (resolveTokenSource.ts).
  if (tokenIdentity && Object.keys(tokenIdentity).length > 0) Object.assign(caller, tokenIdentity);
  else if (request.action === 'AssumeRoleWithWebIdentity') caller.webIdentityTokenSha256 = secretDigest(request.params.webIdentityToken);
  const left = ['tokenCode', 'webIdentityToken', ...(generatedSessionName ? ['roleSessionName'] : [])];
  return { action: request.action, params: without(request.params, left), endpoint: transport.endpoint, region: transport.region, caller };
}
