// One session-giving STS call through sts-cli's cache (SPEC §7): answered from the cache until 5
// minutes before the session expires, else sent (after asking for an MFA code if one is needed:
// the cache is asked first, so a cached session costs no prompt) and stored. --refresh sends and
// replaces; --no-cache neither reads nor writes. An entry that cannot be read is a miss; one that
// cannot be written is a warning, never a failure.
import { cacheKey, needsRefresh, readCachedCredentials, writeCachedCredentials } from '../../credentials/cache.js';
import { cacheDir } from '../../credentials/paths.js';
import type { StsCredentialsResult } from '../../sts/types.js';
import type { CliContext } from '../context.js';
import type { Connection } from '../resolveConnection.js';
import { callIdentity } from './callIdentity.js';
import type { SessionRequest } from './sessionRequest.js';
import type { SessionOptions } from './sessionOptions.js';

export interface CachedSession {
  result: StsCredentialsResult;
  /** The session came from the cache: nothing was sent. */
  fromCache: boolean;
  /** The request as sent (with its MFA code), or as looked up. */
  request: SessionRequest;
}

export interface CallOptions extends Pick<SessionOptions, 'cache' | 'tokenCode' | 'cachedEntries'> {
  /** The session name is sts-cli's generated one: not part of the key. */
  generatedSessionName: boolean;
  /** For --debug: what this call is (`hop dev`, `MFA session`). */
  label: string;
  /** What the cache knows a web identity token by, when its source says (resolveTokenSource.ts). */
  tokenIdentity?: Record<string, string>;
}

/** Thrown under the `peek` policy when the cache cannot answer: nothing is asked, run or sent. */
export class CacheMiss extends Error {}

function remember(result: StsCredentialsResult, ctx: CliContext): StsCredentialsResult {
  ctx.out.addSecret(result.credentials.secretAccessKey);
  ctx.out.addSecret(result.credentials.sessionToken);
  return result;
}

/** The session `request` gives over `connection`, from the cache or the endpoint. */
export async function cachedCall(request: SessionRequest, connection: Connection, ctx: CliContext, options: CallOptions): Promise<CachedSession> {
  const dir = cacheDir(ctx.env, ctx.home);
  const key = cacheKey(callIdentity(request, connection, options.generatedSessionName, options.tokenIdentity));
  if (options.cache === 'use' || options.cache === 'peek') {
    const listed = options.cachedEntries === undefined || options.cachedEntries.has(`${key}.json`);
    const cached = listed ? await readCachedCredentials(dir, key) : undefined;
    if (cached && !needsRefresh(cached.credentials.expiration, ctx.now())) {
      ctx.out.debug(`${options.label}: cached session ${key.slice(0, 12)}…, expiring ${cached.credentials.expiration.toISOString()}`);
      return { result: remember(cached, ctx), fromCache: true, request };
    }
    ctx.out.debug(`${options.label}: ${cached ? 'cached session expires within 5 minutes' : 'no cached session'}`);
    if (options.cache === 'peek') throw new CacheMiss(options.label);
  }
  // Loaded only now: an answer from the cache loads neither the parameter checks nor the HTTP client.
  const [{ askTokenCode }, { sendRequest }] = await Promise.all([import('../askTokenCode.js'), import('../stsSession.js')]);
  const sent = await askTokenCode(request, ctx, options.tokenCode);
  const result = remember(await sendRequest(connection, sent, ctx), ctx);
  if (options.cache !== 'bypass') {
    await writeCachedCredentials(dir, key, result).catch((error: unknown) => {
      ctx.out.warn(`could not cache the credentials in ${dir} (${error instanceof Error ? error.message : String(error)}); they will not be reused.`);
    });
  }
  return { result, fromCache: false, request: sent };
}
