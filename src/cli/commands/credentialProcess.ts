// sts-cli credential-process: credential_process JSON for ~/.aws/config. Assumes again only when
// the cached credentials expire within 5 minutes, so every SDK call does not cost an STS call.
import { cacheKey, needsRefresh, readCachedCredentials, writeCachedCredentials } from '../../credentials/cache.js';
import { renderCredentials } from '../../credentials/formats.js';
import { cacheDir } from '../../credentials/paths.js';
import type { StsCredentialsResult } from '../../sts/types.js';
import type { CliContext } from '../context.js';
import { assumeRoleParams, webIdentityParams } from '../requestOptions.js';
import { openStsSession } from '../stsSession.js';
import { stringFlag, type Flags } from '../flags.js';

// Flags that change which credentials come back; secrets and display flags stay out of the key.
const KEY_FLAGS = [
  'roleArn',
  'roleSessionName',
  'durationSeconds',
  'duration',
  'policy',
  'policyArns',
  'externalId',
  'serialNumber',
  'tags',
  'transitiveTagKeys',
  'sourceIdentity',
  'sourceProfile',
  'auth',
  'webIdentityTokenFile',
  'providerId',
  'endpointUrl',
  'region',
];
const KEY_ENV = [
  'AWS_PROFILE',
  'AWS_ACCESS_KEY_ID',
  'AWS_ENDPOINT_URL_STS',
  'AWS_ENDPOINT_URL',
  'AWS_REGION',
  'AWS_DEFAULT_REGION',
  'AWS_ROLE_ARN',
  'AWS_WEB_IDENTITY_TOKEN_FILE',
  'AWS_SHARED_CREDENTIALS_FILE',
];

function usesWebIdentity(flags: Flags): boolean {
  return stringFlag(flags.webIdentityTokenFile) !== undefined || stringFlag(flags.webIdentityToken) !== undefined;
}

export async function run(flags: Flags, ctx: CliContext): Promise<void> {
  const webIdentity = usesWebIdentity(flags);
  const key = cacheKey({
    webIdentity,
    flags: Object.fromEntries(KEY_FLAGS.map((name) => [name, flags[name] ?? null])),
    env: Object.fromEntries(KEY_ENV.map((name) => [name, ctx.env[name] ?? null])),
  });
  const dir = cacheDir(ctx.env, ctx.home);
  const cached = await readCachedCredentials(dir, key);
  if (cached && !needsRefresh(cached.credentials.expiration, ctx.now())) {
    ctx.out.debug(`using cached credentials, expiring ${cached.credentials.expiration.toISOString()}`);
    ctx.out.data(renderCredentials('process', cached));
    return;
  }
  // Nothing else may reach stdout: the SDK reading us parses it as JSON.
  const { client } = await openStsSession(flags, ctx, { signed: !webIdentity });
  let result: StsCredentialsResult;
  try {
    result = webIdentity ? await client.assumeRoleWithWebIdentity(webIdentityParams(flags, ctx)) : await client.assumeRole(await assumeRoleParams(flags, ctx));
  } finally {
    await client.close();
  }
  // Fresh credentials are printed even when the cache cannot take them: the next call just assumes again.
  await writeCachedCredentials(dir, key, result).catch((error: unknown) => {
    ctx.out.warn(`could not cache the credentials in ${dir} (${error instanceof Error ? error.message : String(error)}); they will not be reused.`);
  });
  ctx.out.data(renderCredentials('process', result));
}
