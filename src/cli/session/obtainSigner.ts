// Turns a source plan into the keys that sign the command's own call: the first signer (keys at
// hand, the ECS token, a credential_process run, a web identity assumed), then each AssumeRole hop
// of a chain signed by the previous hop's session, every session through the cache. A hop with
// mfa_serial is signed by an MFA session when the keys below it are long-term, else asks for the
// code in its AssumeRole (as botocore does).
import { readCredentialProcess } from '../../credentials/readCredentialProcess.js';
import { quoteProfileName } from '../../credentials/profileName.js';
import { ExpiredCredentialsError, InvalidParameterError, UsageError } from '../../errors.js';
import { checkWebIdentityParams } from '../../sts/params.js';
import type { AssumeRoleWithWebIdentityParams } from '../../sts/types.js';
import type { CliContext } from '../context.js';
import { version } from '../version.js';
import type { Connection } from '../resolveConnection.js';
import { CacheMiss, cachedCall } from './cachedCall.js';
import { mfaSession } from './mfaSession.js';
import type { SessionOptions } from './sessionOptions.js';
import { hopCall, type PlannedHop, planHops } from './planHops.js';
import type { FirstSigner, SourcePlan } from './sourcePlan.js';
import { keysSigner, type Signer, sessionSigner } from './signer.js';

type Route = Pick<Connection, 'transport' | 'dialect'>;

// The profile's token, read as the token flags read theirs (a web_identity_token_process runs as
// --web-identity-token-process does), a fresh one each time.
async function readWebIdentityToken(
  first: Extract<FirstSigner, { kind: 'web-identity' }>,
  route: Route,
  ctx: CliContext,
): Promise<{ token: string; identity: Record<string, string> }> {
  const [{ obtainToken }, { profileTokenSource }, { tokenIdentityOf }] = await Promise.all([
    import('../../webIdentity/obtainToken.js'),
    import('../../webIdentity/profileTokenSource.js'),
    import('../resolveTokenSource.js'),
  ]);
  const source = profileTokenSource(first.source);
  const token = await obtainToken(source, {
    env: ctx.env,
    timeoutMs: route.transport.timeoutMs,
    ...(route.transport.caBundle !== undefined ? { caBundle: route.transport.caBundle } : {}),
    userAgent: `sts-cli/${version}`,
    accessTokenAllowed: false,
    debug: (line) => ctx.out.debug(line),
  });
  // A token process gives a new token at every read: the cache knows it by its stable claims.
  return { token: token.trim(), identity: tokenIdentityOf(source, token.trim()) };
}

async function webIdentitySigner(
  first: Extract<FirstSigner, { kind: 'web-identity' }>,
  route: Route,
  ctx: CliContext,
  options: SessionOptions,
): Promise<Signer> {
  const { token: webIdentityToken, identity } = await readWebIdentityToken(first, route, ctx);
  ctx.out.addSecret(webIdentityToken);
  const params: AssumeRoleWithWebIdentityParams = { roleArn: first.source.roleArn, roleSessionName: first.roleSessionName, webIdentityToken };
  try {
    checkWebIdentityParams(params);
  } catch (error) {
    if (!(error instanceof InvalidParameterError)) throw error;
    throw new InvalidParameterError(error.parameter, `Profile ${quoteProfileName(first.source.profile)}: ${error.message}`);
  }
  const { result } = await cachedCall(
    { action: 'AssumeRoleWithWebIdentity', params },
    { ...route, auth: { kind: 'none' }, origin: 'a web identity token' },
    ctx,
    {
      cache: options.cache,
      ...(options.cachedEntries ? { cachedEntries: options.cachedEntries } : {}),
      generatedSessionName: first.generatedSessionName,
      label: `web identity profile ${first.source.profile}`,
      tokenIdentity: identity,
    },
  );
  return sessionSigner(result, `web identity profile ${first.source.profile}`, first.source.profile);
}

async function firstSigner(first: FirstSigner, route: Route, ctx: CliContext, options: SessionOptions): Promise<Signer> {
  // Peeking into the cache runs nothing: a process's keys or token (and so what they signed) are unknown.
  if (options.cache === 'peek' && (first.kind === 'process' || (first.kind === 'web-identity' && first.source.tokenProcess !== undefined))) {
    throw new CacheMiss(first.kind);
  }
  switch (first.kind) {
    case 'keys':
      return keysSigner(first.credentials, first.origin, ctx, first.profile);
    case 'ecs-token': {
      if (options.ecsToken === undefined) {
        throw new UsageError(`Profile ${quoteProfileName(first.profile)} has sts_cli_auth = ecs-token, and no ECS token was given.`, {
          hint: 'Set ECS_AUTH_TOKEN (or pass --auth-token to assume).',
        });
      }
      return { auth: { kind: 'ecs-token', token: options.ecsToken }, origin: 'ECS token' };
    }
    case 'process': {
      const credentials = await readCredentialProcess(first, { env: ctx.env, now: ctx.now });
      return keysSigner(credentials, `credential_process of profile ${first.profile}`, ctx, first.profile);
    }
    case 'web-identity':
      return webIdentitySigner(first, route, ctx, options);
  }
}

async function assumeHop(hop: PlannedHop, below: Signer, route: Route, ctx: CliContext, options: SessionOptions): Promise<Signer> {
  const { request, mfaSessionFirst } = hopCall(hop, below);
  const signer = mfaSessionFirst ? await mfaSession(below, hop.mfaSerial!, route, ctx, options) : below;
  const { result } = await cachedCall(request, { ...route, ...signer }, ctx, {
    cache: options.cache,
    ...(options.cachedEntries ? { cachedEntries: options.cachedEntries } : {}),
    ...(options.tokenCode !== undefined ? { tokenCode: options.tokenCode } : {}),
    generatedSessionName: hop.generatedSessionName,
    label: `role profile ${hop.profile}`,
  });
  return sessionSigner(result, `role profile ${hop.profile}`, hop.profile);
}

/**
 * The signer `plan` gives: its first signer, then every hop assumed in order (each through the
 * cache). Stored temporary keys that have expired are exit 3 before a chain is sent on with them.
 */
export async function obtainSigner(plan: SourcePlan, route: Route, ctx: CliContext, options: SessionOptions): Promise<Signer> {
  const { first } = plan;
  if (plan.hops.length > 0 && first.kind === 'keys' && first.credentials.expiration && first.credentials.expiration.getTime() <= ctx.now().getTime()) {
    throw new ExpiredCredentialsError(first.profile, first.credentials.expiration);
  }
  const hops = planHops(plan.hops, ctx.now());
  // --refresh assumes again the session this gives (the last one); the sessions below it stay cached.
  const below: SessionOptions = options.cache === 'refresh' ? { ...options, cache: 'use' } : options;
  let signer = await firstSigner(first, route, ctx, hops.length > 0 ? below : options);
  for (const [i, hop] of hops.entries()) signer = await assumeHop(hop, signer, route, ctx, i === hops.length - 1 ? options : below);
  return signer;
}
