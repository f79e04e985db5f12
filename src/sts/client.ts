// The STS client: checks, builds, signs and sends one call, retries what is worth retrying and
// reads the answer. Only it (through undiciTransport.ts) loads undici (STYLE principle 10).
import { readFileSync } from 'node:fs';
import { setTimeout as delay } from 'node:timers/promises';
import { EnvHttpProxyAgent } from './undiciTransport.js';
import { FileError, NoCredentialsError } from '../errors.js';
import { dialectForAuth, type DialectName } from './dialects.js';
import { assumeRoleForm, getCallerIdentityForm, getSessionTokenForm, webIdentityForm, type FormPairs } from './form.js';
import { timeoutError, toNetworkError } from './networkError.js';
import { checkAssumeRoleParams, checkWebIdentityParams } from './params.js';
import { buildStsRequest } from './request.js';
import { DEFAULT_MAX_ATTEMPTS, withRetries } from './retry.js';
import { knownSecrets, traceRequest, traceResponse } from './trace.js';
import type { AssumeRoleParams, AssumeRoleWithWebIdentityParams, AwsCredentials, CallerIdentity, StsCredentialsResult } from './types.js';
import { readCallerIdentityResponse, readCredentialsResponse, type StsAnswer } from './xml.js';

export type StsAuth = { kind: 'sigv4'; credentials: AwsCredentials } | { kind: 'ecs-token'; token: string } | { kind: 'none' };

export interface StsClientOptions {
  endpoint: string;
  region: string;
  auth: StsAuth;
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
  const auth = options.auth;
  const authSecrets = auth.kind === 'sigv4' ? [auth.credentials.secretAccessKey, auth.credentials.sessionToken] : auth.kind === 'ecs-token' ? [auth.token] : [];

  async function sendOnce(dialect: DialectName, form: FormPairs, attempt: number, known: string[]): Promise<StsAnswer> {
    const request = buildStsRequest({
      dialect,
      endpoint: options.endpoint,
      form,
      region: options.region,
      now: now(),
      ...(auth.kind === 'sigv4' ? { credentials: auth.credentials } : {}),
      ...(auth.kind === 'ecs-token' ? { token: auth.token } : {}),
      userAgent: options.userAgent ?? DEFAULT_USER_AGENT,
    });
    const signature = /Signature=([0-9a-f]+)/.exec(request.headers.authorization ?? '')?.[1];
    const secrets = signature ? knownSecrets([...known, signature]) : known;
    if (options.debug) traceRequest(options.debug, request, attempt, secrets);

    const url = new URL(request.url);
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    try {
      const response = await agent.request({
        origin: url.origin,
        path: `${url.pathname}${url.search}`,
        method: request.method,
        headers: request.headers,
        body: request.body,
        signal: controller.signal,
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
      });
      const body = await response.body.text();
      if (options.debug) traceResponse(options.debug, response.statusCode, response.headers, body, secrets);
      const requestIdHeader = response.headers['x-amz-request-id'];
      return {
        status: response.statusCode,
        body,
        ...(typeof requestIdHeader === 'string' ? { requestIdHeader } : {}),
      };
    } catch (error) {
      const failure = controller.signal.aborted ? timeoutError(options.endpoint, timeoutMs) : toNetworkError(error, options.endpoint);
      options.debug?.(`! ${failure.message}`);
      throw failure;
    } finally {
      clearTimeout(timer);
    }
  }

  async function call<T>(dialect: DialectName, form: FormPairs, read: (answer: StsAnswer) => T, extraSecrets: string[] = []): Promise<T> {
    const known = knownSecrets([...authSecrets, ...extraSecrets]);
    return withRetries(async (attempt) => read(await sendOnce(dialect, form, attempt, known)), {
      maxAttempts: options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
      sleep,
      ...(options.random ? { random: options.random } : {}),
      onRetry: (attempt, error, ms) => options.debug?.(`! attempt ${attempt} failed (${(error as Error).message}); retrying in ${ms} ms`),
    });
  }

  function signedDialect(action: string): DialectName {
    if (auth.kind === 'none') {
      throw new NoCredentialsError(`${action} must be signed, and no credentials were given to sign it with.`, {
        hint: 'Pass --source-profile, set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or use --auth ecs-token.',
      });
    }
    return dialectForAuth[auth.kind];
  }

  return {
    async assumeRole(p) {
      checkAssumeRoleParams(p);
      const dialect = signedDialect('AssumeRole');
      return call(dialect, assumeRoleForm(p), (a) => readCredentialsResponse('AssumeRole', a), p.tokenCode ? [p.tokenCode] : []);
    },
    async assumeRoleWithWebIdentity(p) {
      checkWebIdentityParams(p);
      // Unsigned whatever credentials exist: the token proves identity (SPEC §2).
      return call('none', webIdentityForm(p), (a) => readCredentialsResponse('AssumeRoleWithWebIdentity', a), [p.webIdentityToken]);
    },
    async getCallerIdentity() {
      return call(signedDialect('GetCallerIdentity'), getCallerIdentityForm(), readCallerIdentityResponse);
    },
    async getSessionToken(p = {}) {
      return call(
        signedDialect('GetSessionToken'),
        getSessionTokenForm(p),
        (a) => readCredentialsResponse('GetSessionToken', a),
        p.tokenCode ? [p.tokenCode] : [],
      );
    },
    // destroy, not close: every call has finished by now, and a graceful close of the kept-alive
    // socket held `sts-cli assume` open ~60 ms longer.
    async close() {
      await agent.destroy();
    },
  };
}
