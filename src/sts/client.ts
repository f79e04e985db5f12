// The STS client: checks, builds, signs and sends one call, retries what is worth retrying and
// reads the answer. Only it (through undiciTransport.ts) loads undici (STYLE principle 10).
import { readFileSync } from 'node:fs';
import { setTimeout as delay } from 'node:timers/promises';
import { EnvHttpProxyAgent } from './undiciTransport.js';
import { FileError, NetworkError, NoCredentialsError } from '../errors.js';
import { authSecrets, type StsAuth } from './auth.js';
import { dialectFor, type DialectName } from './dialects.js';
import { assumeRoleForm, getCallerIdentityForm, getSessionTokenForm, webIdentityForm, type FormPairs } from './form.js';
import { afterAttempts } from './networkError.js';
import { checkAssumeRoleParams, checkWebIdentityParams } from './params.js';
import type { RefusalContext } from './refusalHint.js';
import { buildStsRequest } from './request.js';
import { sendRequest } from './sendRequest.js';
import { DEFAULT_MAX_ATTEMPTS, describeRetry, type RetryEvent, withRetries } from './retry.js';
import { knownSecrets, traceRequest } from './trace.js';
import type { AssumeRoleParams, AssumeRoleWithWebIdentityParams, CallerIdentity, StsCredentialsResult } from './types.js';
import { readCallerIdentityResponse, readCredentialsResponse, type StsAnswer } from './xml.js';

export { describeRetry, type RetryEvent } from './retry.js';

export interface StsClientOptions {
  endpoint: string;
  region: string;
  /** How signed calls prove who sends them; AssumeRoleWithWebIdentity is always sent unsigned. */
  auth: StsAuth;
  /** Chosen once for every call of the client; default: `ecs` with an ECS token, else `aws`. */
  dialect?: DialectName;
  /** Path of a PEM file of CA certificates (the caller resolves AWS_CA_BUNDLE). */
  caBundle?: string;
  verifySsl?: boolean;
  /** Per attempt; default 30000. */
  timeoutMs?: number;
  /** Default 3. */
  maxAttempts?: number;
  /** Receives redacted trace lines. */
  debug?: (line: string) => void;
  now?: () => Date;
  userAgent?: string;
  /**
   * Told of each failed attempt that will be tried again, as it happens, so that a person is not
   * left waiting in silence; `describeRetry(event)` words it. The final error states the total.
   */
  onRetry?: (event: RetryEvent) => void;
  /** Waits between attempts; injectable so tests need not wait. */
  sleep?: (ms: number) => Promise<void>;
  /** For the backoff jitter; default Math.random. */
  random?: () => number;
}

export interface GetSessionTokenParams {
  durationSeconds?: number;
  serialNumber?: string;
  tokenCode?: string;
}

export interface StsClient {
  assumeRole(p: AssumeRoleParams): Promise<StsCredentialsResult>;
  assumeRoleWithWebIdentity(p: AssumeRoleWithWebIdentityParams): Promise<StsCredentialsResult>;
  getCallerIdentity(): Promise<CallerIdentity>;
  getSessionToken(p?: GetSessionTokenParams): Promise<StsCredentialsResult>;
  close(): Promise<void>;
}

const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_USER_AGENT = 'sts-cli';
const UNSIGNED: StsAuth = { kind: 'none' };

function readCaBundle(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (cause) {
    throw new FileError(path, `Could not read the CA bundle ${path}.`, { cause, hint: 'Check --ca-bundle or AWS_CA_BUNDLE.' });
  }
}

/** A client for one endpoint. Call close() when done, so that kept-alive sockets do not hold the process. */
export function createStsClient(options: StsClientOptions): StsClient {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const now = options.now ?? (() => new Date());
  const sleep = options.sleep ?? ((ms: number) => delay(ms));
  const tls = {
    ...(options.caBundle ? { ca: readCaBundle(options.caBundle) } : {}),
    rejectUnauthorized: options.verifySsl !== false,
  };
  // HTTPS_PROXY / HTTP_PROXY / NO_PROXY are read here, from the environment, as the SDKs do.
  const agent = new EnvHttpProxyAgent({ connect: { ...tls, timeout: timeoutMs }, requestTls: tls, proxyTls: tls });
  // A plain http:// endpoint reached through a proxy is not probed for TLS: the proxy answered.
  const viaProxy = Boolean(process.env.HTTP_PROXY || process.env.http_proxy);
  const dialect = options.dialect ?? dialectFor(options.auth.kind);
  const clientSecrets = authSecrets(options.auth);

  async function sendOnce(auth: StsAuth, form: FormPairs, attempt: number, known: string[]): Promise<StsAnswer> {
    const { request, signature } = buildStsRequest({
      dialect,
      endpoint: options.endpoint,
      form,
      auth,
      region: options.region,
      now: now(),
      userAgent: options.userAgent ?? DEFAULT_USER_AGENT,
    });
    const secrets = signature ? knownSecrets([...known, signature]) : known;
    if (options.debug) traceRequest(options.debug, request, attempt, secrets);

    return sendRequest(agent, request, { endpoint: options.endpoint, timeoutMs, viaProxy, secrets, ...(options.debug ? { debug: options.debug } : {}) });
  }

  async function call<T>(auth: StsAuth, form: FormPairs, read: (answer: StsAnswer) => T, extraSecrets: string[] = []): Promise<T> {
    const known = knownSecrets([...clientSecrets, ...extraSecrets]);
    const started = performance.now();
    return withRetries(async (attempt) => read(await sendOnce(auth, form, attempt, known)), {
      maxAttempts: options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
      sleep,
      ...(options.random ? { random: options.random } : {}),
      onRetry: (event) => {
        options.debug?.(`! ${describeRetry(event)}`);
        options.onRetry?.(event);
      },
      finalError: (last, attempts) =>
        last instanceof NetworkError ? afterAttempts(last, { endpoint: options.endpoint, attempts, elapsedMs: performance.now() - started, timeoutMs }) : last,
    });
  }

  /** What a refusal's hint may depend on: the region signed for and how the call proved who sent it. */
  function refusalContext(auth: StsAuth): RefusalContext {
    return { region: options.region, auth: auth.kind };
  }

  /** The client's auth, for a call that must prove who sends it. */
  function signedAuth(action: string): StsAuth {
    if (options.auth.kind === 'none') {
      throw new NoCredentialsError(`${action} must be signed, and no credentials were given to sign it with.`, {
        hint: 'Pass --source-profile, set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or use --auth ecs-token.',
      });
    }
    return options.auth;
  }

  return {
    async assumeRole(p) {
      checkAssumeRoleParams(p);
      const auth = signedAuth('AssumeRole');
      return call(auth, assumeRoleForm(p), (a) => readCredentialsResponse('AssumeRole', a, refusalContext(auth)), p.tokenCode ? [p.tokenCode] : []);
    },
    async assumeRoleWithWebIdentity(p) {
      checkWebIdentityParams(p);
      // Unsigned whatever credentials exist: the token proves identity (SPEC §2).
      return call(UNSIGNED, webIdentityForm(p), (a) => readCredentialsResponse('AssumeRoleWithWebIdentity', a, refusalContext(UNSIGNED)), [p.webIdentityToken]);
    },
    async getCallerIdentity() {
      const auth = signedAuth('GetCallerIdentity');
      return call(auth, getCallerIdentityForm(), (a) => readCallerIdentityResponse(a, refusalContext(auth)));
    },
    async getSessionToken(p = {}) {
      const auth = signedAuth('GetSessionToken');
      return call(auth, getSessionTokenForm(p), (a) => readCredentialsResponse('GetSessionToken', a, refusalContext(auth)), p.tokenCode ? [p.tokenCode] : []);
    },
    // destroy, not close: every call has finished by now, and a graceful close of the kept-alive
    // socket held `sts-cli assume` open ~60 ms longer.
    async close() {
      await agent.destroy();
    },
  };
}
