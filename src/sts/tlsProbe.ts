// Tells a scheme mix-up apart from a dead endpoint (issue 8): an https:// URL to a plain HTTP
// server fails the handshake with "wrong version number"; an http:// URL to a TLS port mostly
// sees the connection closed, so one TLS handshake with the same host and port settles it.
import { isIP } from 'node:net';
import { connect } from 'node:tls';
import type { NetworkError } from '../errors.js';
import { codeOf, httpAtTlsPort, tlsAtHttpPort } from './networkError.js';

// What OpenSSL reports when the peer answers a ClientHello in plain text.
const PLAIN_TEXT_PEER = new Set(['ERR_SSL_WRONG_VERSION_NUMBER', 'ERR_SSL_PACKET_LENGTH_TOO_LONG', 'ERR_SSL_UNKNOWN_PROTOCOL', 'ERR_SSL_HTTP_REQUEST']);
// How an http:// request to a TLS port fails: the server drops it, or answers with TLS bytes.
const DROPPED = new Set(['UND_ERR_SOCKET', 'UND_ERR_CLOSED', 'ECONNRESET', 'EPIPE']);
const PROBE_LIMIT_MS = 2000;

/** True when `host:port` completes a TLS handshake (any certificate) within `timeoutMs`. */
export function speaksTls(host: string, port: number, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port, rejectUnauthorized: false, ...(isIP(host) ? {} : { servername: host }) });
    const done = (result: boolean) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(result);
    };
    const timer = setTimeout(() => done(false), timeoutMs);
    socket.once('secureConnect', () => done(true));
    socket.once('error', () => done(false));
    socket.once('close', () => done(false));
  });
}

/**
 * The scheme mix-up behind `error`, if that is what it is, as a NetworkError that says which
 * scheme to use; else null. Probes only for an http:// endpoint reached without a proxy.
 */
export async function schemeMismatch(error: unknown, endpoint: string, options: { timeoutMs: number; viaProxy: boolean }): Promise<NetworkError | null> {
  const code = codeOf(error);
  const url = new URL(endpoint);
  if (url.protocol === 'https:') return code && PLAIN_TEXT_PEER.has(code) ? tlsAtHttpPort(endpoint) : null;
  if (options.viaProxy || !code || !(DROPPED.has(code) || code.startsWith('HPE_'))) return null;
  const port = Number(url.port || 80);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  return (await speaksTls(host, port, Math.min(options.timeoutMs, PROBE_LIMIT_MS))) ? httpAtTlsPort(endpoint) : null;
}
