// The token-source step of the call family (SPEC §2, §9): which flag names where the web
// identity token comes from (one at most), and reading it once everything else is checked, with
// what the credential cache knows it by.
import { cacheKey, secretDigest } from '../credentials/cache.js';
import { UsageError } from '../errors.js';
import { checkWebIdentityParams } from '../sts/params.js';
import type { AssumeRoleWithWebIdentityParams } from '../sts/types.js';
import { readJwt } from '../webIdentity/readJwt.js';
import { stableClaims } from '../webIdentity/stableClaims.js';
import { DEFAULT_GITHUB_AUDIENCE, issuesNewTokens, type TokenSource } from '../webIdentity/tokenSource.js';
import type { CliContext } from './context.js';
import type { WebIdentityInput } from './inputs.js';
import type { Transport } from './resolveConnection.js';
import type { PendingWebIdentity, StsRequest } from './resolveRequest.js';
import { version } from './version.js';

/** The source the token flags name (one at most); UsageError (exit 2) for two, or a malformed one. */
export function tokenSourceFlag(input: WebIdentityInput): TokenSource | undefined {
  const given: Array<[string, TokenSource]> = [];
  if (input.webIdentityToken !== undefined) given.push(['--web-identity-token', { kind: 'inline', token: input.webIdentityToken }]);
  if (input.webIdentityTokenFile !== undefined) given.push(['--web-identity-token-file', { kind: 'file', path: input.webIdentityTokenFile }]);
  if (input.webIdentityTokenEnv !== undefined) given.push(['--web-identity-token-env', { kind: 'env', name: checkVariableName(input.webIdentityTokenEnv) }]);
  if (input.webIdentityTokenProcess !== undefined) given.push(['--web-identity-token-process', tokenProcess(input.webIdentityTokenProcess)]);
  if (input.oidc === 'github') given.push(['--oidc github', { kind: 'github', audience: audienceFlag(input.audience) }]);
  if (input.oidc === 'circleci') given.push(['--oidc circleci', { kind: 'circleci' }]);
  if (input.audience !== undefined && input.oidc !== 'github') {
    throw new UsageError(`--audience applies to --oidc github only${input.oidc === 'circleci' ? ": CircleCI's token always names the organization id" : ''}.`);
  }
  if (given.length > 1) throw new UsageError(`Give one source of the web identity token, not ${given.map(([flag]) => flag).join(' and ')}.`);
  return given[0]?.[1];
}

function checkVariableName(name: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
    throw new UsageError('--web-identity-token-env takes the name of a variable (letters, digits and _), not its value.', {
      hint: 'Write --web-identity-token-env CI_JOB_JWT, without a $.',
    });
  }
  return name;
}

function tokenProcess(command: string): TokenSource {
  if (command.trim() === '') throw new UsageError('--web-identity-token-process needs a command.');
  return { kind: 'process', command, origin: '--web-identity-token-process' };
}

function audienceFlag(audience: string | undefined): string {
  if (audience === undefined) return DEFAULT_GITHUB_AUDIENCE;
  if (audience.trim() === '') throw new UsageError("--audience needs a value (GitHub's default is sts.amazonaws.com).");
  return audience;
}

/** Where a web identity token would come from (the flags, then AWS_WEB_IDENTITY_TOKEN_FILE), for doctor. */
export function webIdentityTokenSource(input: WebIdentityInput, env: NodeJS.ProcessEnv): TokenSource | undefined {
  return tokenSourceFlag(input) ?? (env.AWS_WEB_IDENTITY_TOKEN_FILE ? { kind: 'file', path: env.AWS_WEB_IDENTITY_TOKEN_FILE } : undefined);
}

/** A web identity request with its token, and what the credential cache knows the token by. */
export interface RequestWithToken {
  request: StsRequest;
  /** Digests only: the token's, or for a source that issues a new token at every read, its stable claims'. */
  tokenIdentity: Record<string, string>;
}

/**
 * Reads the token of a pending web identity request now (a fresh one at every call: GitHub's
 * service and token processes are asked again each time), checks it, and registers it as a
 * secret. Throws TokenSourceError (exit 3), FileError (exit 5) or InvalidParameterError (exit 2).
 */
export async function obtainRequestToken(pending: PendingWebIdentity, transport: Transport, ctx: CliContext): Promise<RequestWithToken> {
  const { obtainToken } = await import('../webIdentity/obtainToken.js');
  const { describeRetry } = await import('../sts/retry.js');
  const webIdentityToken = await obtainToken(pending.tokenSource, {
    env: ctx.env,
    timeoutMs: transport.timeoutMs,
    ...(transport.caBundle !== undefined ? { caBundle: transport.caBundle } : {}),
    userAgent: `sts-cli/${version}`,
    accessTokenAllowed: pending.params.providerId !== undefined,
    onRetry: (event) => ctx.out.warn(`the token service: ${describeRetry(event)}`),
    debug: (line) => ctx.out.debug(line),
  });
  ctx.out.addSecret(webIdentityToken);
  const params: AssumeRoleWithWebIdentityParams = { ...pending.params, webIdentityToken };
  checkWebIdentityParams(params);
  return { request: { action: pending.action, params }, tokenIdentity: tokenIdentityOf(pending.tokenSource, webIdentityToken) };
}

// SPEC §7 keys a web identity on a digest of its token. A source that issues a new token at every
// read (GitHub: a five-minute token per request) would then never meet its cache again: such
// tokens are keyed on the source and the claims that name the caller (iss, sub, aud and every
// other claim a trust policy may test), all but those that change with each issue (iat, exp, jti).
export function tokenIdentityOf(source: TokenSource, token: string): Record<string, string> {
  const reading = issuesNewTokens(source) ? readJwt(token) : undefined;
  if (!reading?.ok) return { webIdentityTokenSha256: secretDigest(token) };
  return { tokenSource: source.kind, tokenClaimsSha256: cacheKey(stableClaims(reading.jwt.payload)) };
}
