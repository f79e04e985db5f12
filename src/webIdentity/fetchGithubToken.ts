// --oidc github: the job's OIDC token from the runner's token service (SPEC §9), fetched as
// actions/toolkit's getIDToken fetches it: GET ACTIONS_ID_TOKEN_REQUEST_URL&audience=AUD with the
// runner's request token as a bearer token; the JWT is the answer's `value`. Through the project's
// HTTP stack (proxies, CA bundle, --timeout, answers capped at 1 MiB), retried like an STS call.
import { setTimeout as delay } from 'node:timers/promises';
import { TokenSourceError } from '../errors.js';
import { createHttpAgent } from '../http/httpAgent.js';
import { type HttpOutcome, httpRequest } from '../http/httpRequest.js';
import { displayEndpoint } from '../sts/networkError.js';
import { backoffMs, DEFAULT_MAX_ATTEMPTS, type RetryEvent } from '../sts/retry.js';
import { githubTokenUrl } from './githubTokenUrl.js';
import { seconds } from './seconds.js';

export const GITHUB_URL_VARIABLE = 'ACTIONS_ID_TOKEN_REQUEST_URL';
export const GITHUB_TOKEN_VARIABLE = 'ACTIONS_ID_TOKEN_REQUEST_TOKEN';
const SOURCE = '--oidc github';
const PERMISSION_HINT = 'In the workflow, give the job `permissions: id-token: write` (and run sts-cli inside that job).';

export interface GithubFetchOptions {
  env: NodeJS.ProcessEnv;
  audience: string;
  timeoutMs: number;
  /** PEM bundle trusted besides the public CAs. */
  caBundle?: string;
  userAgent: string;
  maxAttempts?: number;
  sleep?: (ms: number) => Promise<void>;
  onRetry?: (event: RetryEvent) => void;
  /** --debug lines (the caller redacts them; no secret is passed here anyway). */
  debug?: (line: string) => void;
}

function missingVariables(env: NodeJS.ProcessEnv): TokenSourceError {
  const missing = [GITHUB_URL_VARIABLE, GITHUB_TOKEN_VARIABLE].filter((name) => !env[name]);
  return new TokenSourceError(
    SOURCE,
    `--oidc github needs ${missing.join(' and ')}, which GitHub Actions sets only for a job allowed to ask for an OIDC token.`,
    {
      hint: PERMISSION_HINT,
    },
  );
}

/** One attempt's failure worth another attempt (no answer, or a 5xx), or a final one. */
class Attempt extends Error {
  constructor(
    readonly failure: TokenSourceError,
    readonly retryable: boolean,
    readonly reason: string,
  ) {
    super(failure.message);
  }
}

function readAnswer(outcome: HttpOutcome, where: string, timeoutMs: number): string {
  if (!outcome.ok) {
    if (outcome.kind === 'too-large') {
      throw new Attempt(
        new TokenSourceError(SOURCE, `GitHub's token service ${where} sent more than an OIDC token can be (${outcome.phrase}); sts-cli stopped reading it.`),
        false,
        outcome.phrase,
      );
    }
    if (outcome.kind === 'tls') {
      const failure = new TokenSourceError(SOURCE, `Could not reach GitHub's token service ${where}: ${outcome.phrase}.`, {
        hint: 'A TLS-inspecting proxy needs its CA in --ca-bundle (or AWS_CA_BUNDLE).',
      });
      throw new Attempt(failure, false, outcome.phrase);
    }
    const message =
      outcome.kind === 'timeout'
        ? `No answer from GitHub's token service ${where} within ${seconds(timeoutMs)}.`
        : `Could not reach GitHub's token service ${where}: ${outcome.phrase}.`;
    throw new Attempt(
      new TokenSourceError(SOURCE, message, { hint: 'Check the network and any HTTPS_PROXY setting, or raise --timeout.' }),
      true,
      outcome.phrase,
    );
  }
  const { status, body } = outcome;
  if (status === 401 || status === 403) {
    throw new Attempt(
      new TokenSourceError(SOURCE, `GitHub's token service ${where} refused to issue a token (HTTP ${status}).`, { hint: PERMISSION_HINT }),
      false,
      `HTTP ${status}`,
    );
  }
  if (status < 200 || status > 299) {
    const failure = new TokenSourceError(SOURCE, `GitHub's token service ${where} answered HTTP ${status} instead of a token.`, {
      hint: `Check ${GITHUB_URL_VARIABLE}: it should be the runner's own.`,
    });
    throw new Attempt(failure, status >= 500, `HTTP ${status}`);
  }
  let value: unknown;
  try {
    value = (JSON.parse(body) as { value?: unknown } | null)?.value;
  } catch {
    value = undefined;
  }
  if (typeof value !== 'string' || value.trim() === '') {
    throw new Attempt(
      new TokenSourceError(SOURCE, `GitHub's token service ${where} answered without a token (no "value" in a JSON answer).`, {
        hint: `Check ${GITHUB_URL_VARIABLE}: it should be the runner's own.`,
      }),
      false,
      'no token in the answer',
    );
  }
  return value.trim();
}

/** The job's OIDC token for `audience`. Throws TokenSourceError (exit 3): variables missing, service unreachable or refusing. */
export async function fetchGithubToken(options: GithubFetchOptions): Promise<string> {
  const requestUrl = options.env[GITHUB_URL_VARIABLE];
  const requestToken = options.env[GITHUB_TOKEN_VARIABLE];
  if (!requestUrl || !requestToken) throw missingVariables(options.env);
  const url = githubTokenUrl(requestUrl, options.audience);
  if (url === undefined) {
    throw new TokenSourceError(SOURCE, `${GITHUB_URL_VARIABLE} is not an http(s) URL.`, {
      hint: 'GitHub Actions sets it; do not set it by hand except to a mock (MOCK_URL/oidc/github).',
    });
  }
  const where = displayEndpoint(url);
  const agent = createHttpAgent({
    ...(options.caBundle !== undefined ? { caBundle: options.caBundle } : {}),
    bundle: 'add',
    verify: true,
    timeoutMs: options.timeoutMs,
  });
  const maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  const sleep = options.sleep ?? ((ms: number) => delay(ms));
  try {
    for (let attempt = 1; ; attempt++) {
      options.debug?.(`> GET ${where}?…audience=${encodeURIComponent(options.audience)} (GitHub token service${attempt > 1 ? `, attempt ${attempt}` : ''})`);
      const outcome = await httpRequest(agent, {
        url,
        timeoutMs: options.timeoutMs,
        headers: { authorization: `Bearer ${requestToken}`, accept: 'application/json; api-version=2.0', 'user-agent': options.userAgent },
      });
      options.debug?.(outcome.ok ? `< HTTP ${outcome.status} (GitHub token service)` : `! ${outcome.phrase}`);
      try {
        return readAnswer(outcome, where, options.timeoutMs);
      } catch (error) {
        if (!(error instanceof Attempt)) throw error;
        if (!error.retryable || attempt >= maxAttempts) throw error.failure;
        const waitMs = backoffMs(attempt);
        options.onRetry?.({ attempt, of: maxAttempts, reason: error.reason, waitMs });
        await sleep(waitMs);
      }
    }
  } finally {
    await agent.destroy();
  }
}
