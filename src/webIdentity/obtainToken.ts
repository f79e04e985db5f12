// Reads a web identity token from its source (SPEC §2, §9), at call time: a flag, a file, a
// variable, GitHub's token service or a command. Tokens that sts-cli fetches or takes from a CI
// variable must look like a JWT; a token given as such (flag or file) may be an OAuth 2.0 access
// token (--provider-id) and is left to the server.
import { readFileSync } from 'node:fs';
import { FileError, TokenSourceError } from '../errors.js';
import type { RetryEvent } from '../sts/retry.js';
import { readJwt } from './readJwt.js';
import { CIRCLECI_TOKEN_VARIABLE, describeTokenSource, type TokenSource } from './tokenSource.js';

export interface ObtainOptions {
  env: NodeJS.ProcessEnv;
  /** Per attempt (GitHub) or for the whole run (a token process). */
  timeoutMs: number;
  caBundle?: string;
  userAgent: string;
  /** An OAuth 2.0 provider is named (--provider-id): its access tokens are not JWTs. */
  accessTokenAllowed: boolean;
  onRetry?: (event: RetryEvent) => void;
  debug?: (line: string) => void;
}

function readTokenFile(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new FileError(path, `Cannot read the web identity token file ${path} (${code ?? 'error'}).`, {
      cause: error,
      hint: 'Check the path and its permissions.',
    });
  }
}

function fromVariable(name: string, source: string, hint: string, env: NodeJS.ProcessEnv): string {
  const value = env[name];
  if (value === undefined) throw new TokenSourceError(source, `${name} is not set, so ${source} has no token to read.`, { hint });
  if (value.trim() === '') throw new TokenSourceError(source, `${name} is empty, so ${source} has no token to read.`, { hint });
  return value.trim();
}

async function read(source: TokenSource, options: ObtainOptions): Promise<string> {
  switch (source.kind) {
    case 'inline':
      return source.token.trim();
    case 'file':
      return readTokenFile(source.path).trim();
    case 'env':
      return fromVariable(
        source.name,
        describeTokenSource(source),
        `Set ${source.name} to the job's OIDC token (GitLab: declare it under id_tokens).`,
        options.env,
      );
    case 'circleci':
      return fromVariable(
        CIRCLECI_TOKEN_VARIABLE,
        '--oidc circleci',
        'CircleCI sets it in its jobs; run sts-cli inside one (its audience is the organization id).',
        options.env,
      );
    case 'github': {
      const { fetchGithubToken } = await import('./fetchGithubToken.js');
      return fetchGithubToken({
        env: options.env,
        audience: source.audience,
        timeoutMs: options.timeoutMs,
        userAgent: options.userAgent,
        ...(options.caBundle !== undefined ? { caBundle: options.caBundle } : {}),
        ...(options.onRetry ? { onRetry: options.onRetry } : {}),
        ...(options.debug ? { debug: options.debug } : {}),
      });
    }
    case 'process': {
      const { runTokenProcess } = await import('./runTokenProcess.js');
      return runTokenProcess({ command: source.command, origin: source.origin, env: options.env, timeoutMs: options.timeoutMs });
    }
  }
}

/** Checks every source but a flag or file holds a JWT; says what is wrong without quoting it. */
function checkShape(token: string, source: TokenSource, options: ObtainOptions): void {
  if (source.kind === 'inline' || source.kind === 'file' || options.accessTokenAllowed) return;
  const reading = readJwt(token);
  if (!reading.ok) {
    const what = describeTokenSource(source);
    throw new TokenSourceError(what, `The token from ${what} is not a JWT: ${reading.problem}.`, {
      hint: 'An OIDC ID token is three base64url parts separated by dots (eyJ….eyJ….…).',
    });
  }
}

/** The token of `source`, read now. Throws TokenSourceError (exit 3) or FileError (exit 5); never quotes the token. */
export async function obtainToken(source: TokenSource, options: ObtainOptions): Promise<string> {
  const token = await read(source, options);
  checkShape(token, source, options);
  return token;
}
