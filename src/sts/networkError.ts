// Turns a transport failure (from undici or the socket) into one NetworkError sentence naming the
// endpoint, without echoing anything the error carried (it may quote headers).
import { NetworkError } from '../errors.js';

const TLS_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'CERT_UNTRUSTED',
]);

const PHRASES: Record<string, string> = {
  ECONNREFUSED: 'the connection was refused',
  ECONNRESET: 'the connection was reset',
  EPIPE: 'the connection was closed',
  UND_ERR_SOCKET: 'the connection was closed before an answer came',
  UND_ERR_CLOSED: 'the connection was closed before an answer came',
  ENOTFOUND: 'the host name could not be resolved',
  EAI_AGAIN: 'the host name could not be resolved',
  EHOSTUNREACH: 'the host is unreachable',
  ENETUNREACH: 'the network is unreachable',
  ETIMEDOUT: 'the connection timed out',
  UND_ERR_CONNECT_TIMEOUT: 'the connection timed out',
  UND_ERR_HEADERS_TIMEOUT: 'no answer came in time',
  UND_ERR_BODY_TIMEOUT: 'the answer stopped arriving',
  EPROTO: 'the TLS handshake failed',
};

/** The most telling error code in `error` or its causes. */
export function codeOf(error: unknown): string | undefined {
  for (let e = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && (PHRASES[code] || TLS_CODES.has(code))) return code;
  }
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** True for the codes of a TLS certificate the client did not accept. */
export function isCertificateCode(code: string | undefined): boolean {
  return code !== undefined && TLS_CODES.has(code);
}

/** What went wrong in `error`, as a short phrase for any endpoint: `the connection was refused`. */
export function failurePhrase(error: unknown): string {
  const code = codeOf(error);
  if (code && TLS_CODES.has(code)) return `its TLS certificate was not accepted (${code})`;
  return (code && PHRASES[code]) ?? `the request failed${code ? ` (${code})` : ''}`;
}

/** The endpoint as shown to a user: no user name or password, no query. */
export function displayEndpoint(endpoint: string): string {
  try {
    const url = new URL(endpoint);
    return `${url.origin}${url.pathname}`;
  } catch {
    return '(invalid URL)';
  }
}

const TIMEOUT_CODES = new Set(['ETIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);
const DOWN_HINT = 'Check that the endpoint is up, or raise --timeout.';

/** A duration as people read it: `75 ms`, `0.2 s`, `6.5 s`, `90 s`. */
export function formatDuration(ms: number): string {
  if (ms < 100) return `${Math.round(ms)} ms`;
  const seconds = ms / 1000;
  return `${seconds < 10 ? Number(seconds.toFixed(seconds < 1 ? 2 : 1)) : Math.round(seconds)} s`;
}

/** One attempt got no answer within the timeout. */
export function timeoutError(endpoint: string, timeoutMs: number): NetworkError {
  return new NetworkError(`No answer from the STS endpoint ${displayEndpoint(endpoint)} within ${timeoutMs / 1000} seconds.`, {
    hint: DOWN_HINT,
    reason: `no answer within ${timeoutMs / 1000} s`,
    timedOut: true,
  });
}

export function toNetworkError(error: unknown, endpoint: string): NetworkError {
  const code = codeOf(error);
  const where = displayEndpoint(endpoint);
  if (code && TLS_CODES.has(code)) {
    return new NetworkError(`The TLS certificate of the STS endpoint ${where} was not accepted (${code}).`, {
      retryable: false,
      reason: `its TLS certificate was not accepted (${code})`,
      hint: 'Pass --ca-bundle FILE (or set AWS_CA_BUNDLE) with the CA that signed it, or --no-verify-ssl to skip the check.',
    });
  }
  const phrase = (code && PHRASES[code]) ?? `the request failed${code ? ` (${code})` : ''}`;
  return new NetworkError(`Could not reach the STS endpoint ${where}: ${phrase}.`, {
    hint: 'Check --endpoint-url, the network and any HTTPS_PROXY setting.',
    reason: phrase,
    timedOut: code !== undefined && TIMEOUT_CODES.has(code),
  });
}

/** The same URL with the other scheme, for a hint. */
function withScheme(endpoint: string, protocol: 'http:' | 'https:'): string {
  const url = new URL(displayEndpoint(endpoint));
  url.protocol = protocol;
  return url.pathname === '/' ? url.origin : `${url.origin}${url.pathname}`;
}

/** An https:// URL to a server that answered the TLS handshake in plain text. Not retried. */
export function tlsAtHttpPort(endpoint: string): NetworkError {
  return new NetworkError(`The STS endpoint ${displayEndpoint(endpoint)} does not speak TLS: it answered the https:// handshake in plain text.`, {
    retryable: false,
    reason: 'the endpoint does not speak TLS',
    hint: `Use ${withScheme(endpoint, 'http:')} (http://) instead, or check the port and any HTTPS_PROXY setting.`,
  });
}

/** An http:// URL to a port that speaks TLS. Not retried. */
export function httpAtTlsPort(endpoint: string): NetworkError {
  return new NetworkError(`The STS endpoint ${displayEndpoint(endpoint)} speaks TLS, so it closed the plain http:// request.`, {
    retryable: false,
    reason: 'the endpoint speaks TLS',
    hint: `Use ${withScheme(endpoint, 'https:')} (https://) instead.`,
  });
}

/**
 * The last of several failed attempts, told with the real total (issue 8: "within 2 seconds"
 * after 6.5 s): `No answer from … after 3 attempts in 6.5 s (timeout 2 s each).`
 */
export function afterAttempts(last: NetworkError, at: { endpoint: string; attempts: number; elapsedMs: number; timeoutMs: number }): NetworkError {
  if (at.attempts < 2) return last;
  const where = displayEndpoint(at.endpoint);
  const tried = `after ${at.attempts} attempts in ${formatDuration(at.elapsedMs)}`;
  const message = last.timedOut
    ? `No answer from the STS endpoint ${where} ${tried} (timeout ${at.timeoutMs / 1000} s each).`
    : `Could not reach the STS endpoint ${where} ${tried}: ${last.reason}.`;
  return new NetworkError(message, {
    cause: last,
    retryable: last.retryable,
    reason: last.reason,
    timedOut: last.timedOut,
    ...(last.hint ? { hint: last.timedOut ? DOWN_HINT : last.hint } : {}),
  });
}
