// sts-cli credential-process: credential_process JSON for ~/.aws/config. Assumes again only when
// the cached credentials expire within 5 minutes, so every SDK call does not cost an STS call.
import { cacheKey, needsRefresh, readCachedCredentials, writeCachedCredentials } from '../../credentials/cache.js';
import { renderCredentials } from '../../credentials/formats.js';
import { cacheDir } from '../../credentials/paths.js';
import { askTokenCode } from '../askTokenCode.js';
import type { CliContext } from '../context.js';
import type { CredentialProcessInput } from '../inputs.js';
import { resolveCall } from '../resolveCall.js';

export async function run(input: CredentialProcessInput, ctx: CliContext): Promise<void> {
  // Every parameter is checked first: bad input is exit 2 whether or not credentials exist.
  const call = await resolveCall('credential-process', input, ctx);
  const key = cacheKey(call.cacheIdentity);
  const dir = cacheDir(ctx.env, ctx.home);
  const cached = await readCachedCredentials(dir, key);
  if (cached && !needsRefresh(cached.credentials.expiration, ctx.now())) {
    ctx.out.debug(`using cached credentials, expiring ${cached.credentials.expiration.toISOString()}`);
    ctx.out.data(renderCredentials('process', cached));
    return;
  }
  const request = await askTokenCode(call.request, ctx);
  // Loaded only now: an answer from the cache never loads the HTTP client.
  const { sendRequest } = await import('../stsSession.js');
  // Nothing else may reach stdout: the SDK reading us parses it as JSON.
  const result = await sendRequest(call.connection, request, ctx);
  // Fresh credentials are printed even when the cache cannot take them: the next call just assumes again.
  await writeCachedCredentials(dir, key, result).catch((error: unknown) => {
    ctx.out.warn(`could not cache the credentials in ${dir} (${error instanceof Error ? error.message : String(error)}); they will not be reused.`);
  });
  ctx.out.data(renderCredentials('process', result));
}
