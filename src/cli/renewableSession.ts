// The session `exec --server` serves (SPEC §8): profile NAME assumed as botocore resolves it, each
// hop of a chain through sts-cli's cache, the last hop assumed again when the endpoint renews. Only
// a profile sts-cli can renew qualifies: a role profile (signed by stored keys or the environment),
// or a web identity profile with a token file; stored keys are refused (exit 2).
//
// A small adapter over the pure role-profile resolver, until the CLI's own role-profile sessions
// land (readProfileCredentials, branch d3a-profiles): to be replaced by a call to it.
import { readFile } from 'node:fs/promises';
import type { ServedCredentials } from '../containerEndpoint/index.js';
import { type CacheIdentity, cacheKey, needsRefresh, readCachedCredentials, secretDigest, writeCachedCredentials } from '../credentials/cache.js';
import { cacheDir, configFilePath, credentialsFilePath } from '../credentials/paths.js';
import { readStaticCredentials } from '../credentials/profileCredentialSource.js';
import { indexProfiles } from '../credentials/profileIndex.js';
import { quoteProfileName } from '../credentials/profileName.js';
import type { ChainSource, SharedConfigFiles } from '../credentials/profileTypes.js';
import { readSharedConfigFiles } from '../credentials/readSharedConfigFiles.js';
import { resolveProfile } from '../credentials/resolveProfile.js';
import { FileError, NoCredentialsError, UsageError } from '../errors.js';
import { checkAssumeRoleParams, checkWebIdentityParams } from '../sts/params.js';
import type { AwsCredentials, StsCredentialsResult } from '../sts/types.js';
import type { CliContext } from './context.js';
import { type Connection, resolveTransport, type Transport } from './resolveConnection.js';
import type { StsRequest } from './resolveRequest.js';
import { sendRequest } from './stsSession.js';

const DEFAULT_TRANSPORT = { timeout: '30', verifySsl: true } as const;

function notRenewable(name: string, what: string): UsageError {
  return new UsageError(`exec --server needs a profile it can renew, and ${quoteProfileName(name)} ${what}.`, {
    hint: 'Use a role profile (role_arn with source_profile or credential_source) or a web identity profile, or run exec without --server.',
  });
}

function firstKeys(name: string, source: ChainSource, files: SharedConfigFiles, ctx: CliContext): AwsCredentials {
  if (source.type === 'static') return readStaticCredentials(indexProfiles(files), source);
  if (source.type === 'environment') {
    const { AWS_ACCESS_KEY_ID: accessKeyId, AWS_SECRET_ACCESS_KEY: secretAccessKey, AWS_SESSION_TOKEN: sessionToken } = ctx.env;
    if (!accessKeyId || !secretAccessKey) {
      throw new NoCredentialsError(
        `Profile ${quoteProfileName(name)} has credential_source = Environment, but AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set.`,
      );
    }
    return { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) };
  }
  throw notRenewable(name, `is signed by a ${source.type} source, which exec --server does not follow yet`);
}

interface Call {
  request: StsRequest;
  connection: Connection;
  /** Who asks, as the cache keys it: digests of secrets only. */
  caller: Record<string, string>;
  generatedName: boolean;
}

async function cachedCall(call: Call, refresh: boolean, ctx: CliContext): Promise<StsCredentialsResult> {
  const { request, connection } = call;
  // Not in the key: the one-time MFA code, the token (its digest is the caller's), a generated session name.
  const left = ['tokenCode', 'webIdentityToken', ...(call.generatedName ? ['roleSessionName'] : [])];
  const params = Object.fromEntries(Object.entries(request.params).filter(([key]) => !left.includes(key)));
  const identity: CacheIdentity = {
    action: request.action,
    params,
    endpoint: connection.transport.endpoint,
    region: connection.transport.region,
    caller: call.caller,
  };
  const dir = cacheDir(ctx.env, ctx.home);
  const key = cacheKey(identity);
  if (!refresh) {
    const cached = await readCachedCredentials(dir, key);
    if (cached && !needsRefresh(cached.credentials.expiration, ctx.now())) return cached;
  }
  const result = await sendRequest(connection, request, ctx);
  await writeCachedCredentials(dir, key, result).catch((error: unknown) => {
    ctx.out.warn(`could not cache the session in ${dir} (${error instanceof Error ? error.message : String(error)}).`);
  });
  return result;
}

function signedBy(credentials: AwsCredentials, transport: Transport, origin: string): Pick<Call, 'connection' | 'caller'> {
  return {
    connection: { transport, auth: { kind: 'sigv4', credentials }, dialect: 'aws', origin },
    caller: {
      auth: 'sigv4',
      accessKeyId: credentials.accessKeyId,
      secretSha256: secretDigest(credentials.secretAccessKey),
      ...(credentials.sessionToken ? { sessionTokenSha256: secretDigest(credentials.sessionToken) } : {}),
    },
  };
}

function served(result: StsCredentialsResult, roleArn: string | undefined, ctx: CliContext): ServedCredentials {
  ctx.out.addSecret(result.credentials.secretAccessKey);
  ctx.out.addSecret(result.credentials.sessionToken);
  const accountId = /^arn:[^:]+:sts::(\d{12}):/.exec(result.assumedRoleUser?.arn ?? '')?.[1];
  return { ...result.credentials, ...(roleArn ? { roleArn } : {}), ...(accountId ? { accountId } : {}) };
}

async function readToken(name: string, path: string): Promise<string> {
  try {
    return (await readFile(path, 'utf8')).trim();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new FileError(path, `Cannot read the web identity token file ${path} of profile ${quoteProfileName(name)} (${code ?? 'error'}).`, { cause: error });
  }
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

/** A session of profile `name`: from the cache when it may (`refresh` false), else assumed now. Throws UsageError (exit 2) for a profile that cannot be renewed. */
export async function renewableSession(name: string, ctx: CliContext, { refresh }: { refresh: boolean }): Promise<ServedCredentials> {
  const files = await readFiles(ctx);
  const profile = resolveProfile(name, files);
  const transport = resolveTransport(DEFAULT_TRANSPORT, ctx, { region: profile.region, endpointUrl: profile.endpointUrl });
  const generated = `sts-cli-${Math.floor(ctx.now().getTime() / 1000)}`;
  if (profile.kind === 'role') {
    let credentials = firstKeys(name, profile.source, files, ctx);
    let origin = profile.source.type === 'static' ? `profile ${profile.source.profile}` : 'environment';
    let result: StsCredentialsResult | undefined;
    for (const [i, hop] of profile.hops.entries()) {
      if (hop.mfaSerial !== undefined) throw notRenewable(hop.profile, 'has mfa_serial, which exec --server does not handle yet');
      if (hop.auth !== 'sigv4') throw notRenewable(hop.profile, 'signs with an ECS token');
      const params = {
        roleArn: hop.roleArn,
        roleSessionName: hop.roleSessionName ?? generated,
        ...(hop.externalId !== undefined ? { externalId: hop.externalId } : {}),
        ...(hop.durationSeconds !== undefined ? { durationSeconds: hop.durationSeconds } : {}),
      };
      checkAssumeRoleParams(params);
      const call: Call = {
        request: { action: 'AssumeRole', params },
        ...signedBy(credentials, transport, origin),
        generatedName: hop.roleSessionName === undefined,
      };
      // Renewing replaces the session being served, the last hop's; the hops below it stay cached.
      result = await cachedCall(call, refresh && i === profile.hops.length - 1, ctx);
      credentials = result.credentials;
      origin = `the session of profile ${hop.profile}`;
    }
    return served(result!, profile.hops.at(-1)?.roleArn, ctx);
  }
  if (profile.kind === 'web-identity' && profile.source.type === 'web-identity' && profile.source.tokenFile) {
    const { source } = profile;
    const token = await readToken(name, source.tokenFile!);
    ctx.out.addSecret(token);
    const params = { roleArn: source.roleArn, roleSessionName: source.roleSessionName ?? generated, webIdentityToken: token };
    checkWebIdentityParams(params);
    const call: Call = {
      request: { action: 'AssumeRoleWithWebIdentity', params },
      connection: { transport, auth: { kind: 'none' }, dialect: 'aws', origin: 'a web identity token' },
      caller: { auth: 'none', webIdentityTokenSha256: secretDigest(token) },
      generatedName: source.roleSessionName === undefined,
    };
    return served(await cachedCall(call, refresh, ctx), source.roleArn, ctx);
  }
  if (profile.kind === 'web-identity') throw notRenewable(name, 'reads its token from web_identity_token_process, which exec --server does not run yet');
  if (profile.kind === 'long-term' || profile.kind === 'temporary') throw notRenewable(name, 'holds stored keys, which sts-cli cannot renew');
  throw notRenewable(name, profile.kind === 'none' ? 'has no credentials' : `is a ${profile.kind} profile`);
}
