// The way to the endpoint, one layer at a time (SPEC §9): its host name resolves, a TCP connection
// opens, and over https a TLS handshake gives a certificate valid for the host and trusted (by the
// CA bundle when one is given). Through a proxy, the proxy is what is resolved and connected to.
import { lookup } from 'node:dns/promises';
import { connect as connectTcp, isIP } from 'node:net';
import { connect as connectTls, type PeerCertificate } from 'node:tls';
import { type Check, failed, passed, skipped, warning } from './check.js';
import { proxyFor } from './proxyFor.js';

export interface ReachabilityInput {
  url: URL;
  /** PEM text of the CA bundle, when one is given. */
  caPem?: string;
  caBundlePath?: string;
  verify: boolean;
  timeoutMs: number;
  env: NodeJS.ProcessEnv;
  now: Date;
}

export interface Reachability {
  checks: Check[];
  /** The endpoint can be asked over HTTP: no layer below it failed. */
  reachable: boolean;
}

const PLAIN_TEXT_PEER = new Set(['ERR_SSL_WRONG_VERSION_NUMBER', 'ERR_SSL_PACKET_LENGTH_TOO_LONG', 'ERR_SSL_UNKNOWN_PROTOCOL', 'ERR_SSL_HTTP_REQUEST']);
const SOON_MS = 14 * 24 * 3600_000;
const URL_FIX = "Check the host name in --endpoint-url (or AWS_ENDPOINT_URL_STS, AWS_ENDPOINT_URL, the profile's endpoint_url).";

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T | 'timeout'> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), ms);
  });
  return Promise.race([promise, expired]).finally(() => clearTimeout(timer));
}

const bare = (host: string) => host.replace(/^\[|\]$/g, '');
const defaultPort = (url: URL) => Number(url.port || (url.protocol === 'https:' ? 443 : 80));

async function checkDns(host: string, timeoutMs: number, what: string): Promise<Check> {
  if (isIP(host)) return passed('dns', 'DNS', `${host} is an IP address${what}`);
  const result = await withTimeout(
    lookup(host, { all: true }).catch((error: NodeJS.ErrnoException) => error),
    timeoutMs,
  );
  if (result === 'timeout')
    return failed(
      'dns',
      'DNS',
      `${host} did not resolve within ${timeoutMs / 1000} s${what}`,
      'Check the DNS settings of this machine (/etc/resolv.conf) and the host name.',
    );
  if (result instanceof Error) return failed('dns', 'DNS', `${host} does not resolve (${result.code ?? 'error'})${what}`, URL_FIX);
  return passed('dns', 'DNS', `${host} resolves to ${result.map((a) => a.address).join(', ')}${what}`);
}

function checkTcp(host: string, port: number, timeoutMs: number, what: string): Promise<Check> {
  const started = performance.now();
  return new Promise((resolve) => {
    const socket = connectTcp({ host, port });
    const done = (check: Check) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(check);
    };
    const timer = setTimeout(
      () =>
        done(
          failed(
            'tcp',
            'TCP',
            `no connection to ${host}:${port} within ${timeoutMs / 1000} s${what}`,
            'Check the host, the port and any firewall between here and there.',
          ),
        ),
      timeoutMs,
    );
    socket.once('connect', () => done(passed('tcp', 'TCP', `connected to ${host}:${port} in ${Math.round(performance.now() - started)} ms${what}`)));
    socket.once('error', (error: NodeJS.ErrnoException) => {
      const refused = error.code === 'ECONNREFUSED';
      done(
        failed(
          'tcp',
          'TCP',
          refused
            ? `nothing accepts connections on ${host}:${port} (connection refused)${what}`
            : `cannot connect to ${host}:${port} (${error.code ?? 'error'})${what}`,
          refused ? 'Start the server, or correct the port in the endpoint URL.' : 'Check the host, the port and any firewall between here and there.',
        ),
      );
    });
  });
}

function names(cert: PeerCertificate): string {
  const cn = cert.subject?.CN;
  return cn ? (Array.isArray(cn) ? cn.join(', ') : cn) : '(no common name)';
}

function certificateFix(code: string, host: string, input: ReachabilityInput): string {
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') return `Use a host name the certificate names in the endpoint URL, or have it reissued for ${host}.`;
  if (code === 'CERT_HAS_EXPIRED' || code === 'CERT_NOT_YET_VALID') return "Have the server's certificate renewed (or check this machine's clock).";
  if (input.caBundlePath)
    return `The CA bundle ${input.caBundlePath} does not hold the CA that signed it: pass the right one with --ca-bundle (or AWS_CA_BUNDLE).`;
  return 'Pass --ca-bundle FILE (or set AWS_CA_BUNDLE) with the CA that signed it.';
}

function checkTls(host: string, port: number, input: ReachabilityInput): Promise<Check> {
  return new Promise((resolve) => {
    const socket = connectTls({
      host,
      port,
      ...(isIP(host) ? {} : { servername: host }),
      ...(input.caPem !== undefined ? { ca: input.caPem } : {}),
      rejectUnauthorized: false,
    });
    const done = (check: Check) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(check);
    };
    const timer = setTimeout(
      () => done(failed('tls', 'TLS', `no TLS handshake with ${host}:${port} within ${input.timeoutMs / 1000} s`, 'Check that the port speaks TLS.')),
      input.timeoutMs,
    );
    socket.once('secureConnect', () => {
      const cert = socket.getPeerCertificate();
      const issuer = cert.issuer?.CN ? ` issued by ${Array.isArray(cert.issuer.CN) ? cert.issuer.CN.join(', ') : cert.issuer.CN}` : '';
      const until = new Date(cert.valid_to);
      const about = `certificate for ${names(cert)}${issuer}, valid until ${Number.isNaN(until.getTime()) ? cert.valid_to : until.toISOString().slice(0, 10)}`;
      const code = socket.authorizationError ? String(socket.authorizationError) : undefined;
      if (code === undefined) {
        if (until.getTime() - input.now.getTime() < SOON_MS)
          return done(warning('tls', 'TLS', `${about}: it expires within two weeks`, "Have the server's certificate renewed soon."));
        return done(passed('tls', 'TLS', `${about}, trusted${input.caBundlePath ? ` through ${input.caBundlePath}` : ''} and valid for ${host}`));
      }
      if (!input.verify) {
        return done(warning('tls', 'TLS', `${about}: not accepted (${code}), and --no-verify-ssl skips the check`, certificateFix(code, host, input)));
      }
      done(failed('tls', 'TLS', `${about}: not accepted (${code})`, certificateFix(code, host, input)));
    });
    socket.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code && PLAIN_TEXT_PEER.has(error.code)) {
        done(
          failed(
            'tls',
            'TLS',
            `${host}:${port} does not speak TLS: it answered the handshake in plain text`,
            'Use http:// in the endpoint URL instead of https://.',
          ),
        );
      } else
        done(
          failed(
            'tls',
            'TLS',
            `the TLS handshake with ${host}:${port} failed (${error.code ?? 'error'})`,
            'Check that the port speaks TLS, and the TLS versions both sides allow.',
          ),
        );
    });
  });
}

/** DNS, TCP and TLS towards `input.url` (or its proxy); later layers are skipped once one fails. */
export async function checkReachability(input: ReachabilityInput): Promise<Reachability> {
  const { url } = input;
  const proxy = proxyFor(url, input.env);
  let target: URL = url;
  let what = '';
  if (proxy !== undefined) {
    try {
      target = new URL(proxy.includes('://') ? proxy : `http://${proxy}`);
      what = ` (the proxy ${target.protocol}//${target.host} of ${url.protocol === 'https:' ? 'HTTPS_PROXY' : 'HTTP_PROXY'})`;
    } catch {
      return { checks: [failed('dns', 'DNS', 'the proxy variable is not a URL', 'Fix HTTPS_PROXY / HTTP_PROXY, or unset it.')], reachable: false };
    }
  }
  const host = bare(target.hostname);
  const port = defaultPort(target);
  const checks: Check[] = [await checkDns(host, input.timeoutMs, what)];
  if (checks[0]!.status === 'failed')
    return { checks: [...checks, skipped('tcp', 'TCP', 'the host name does not resolve'), skipped('tls', 'TLS', 'no connection')], reachable: false };
  checks.push(await checkTcp(host, port, input.timeoutMs, what));
  if (checks[1]!.status === 'failed') return { checks: [...checks, skipped('tls', 'TLS', 'no connection')], reachable: false };
  if (url.protocol !== 'https:') checks.push(skipped('tls', 'TLS', 'plain http:// (no TLS)'));
  else if (proxy !== undefined) checks.push(skipped('tls', 'TLS', 'through the proxy (the HTTP check below goes through it to the endpoint)'));
  else checks.push(await checkTls(host, port, input));
  return { checks, reachable: checks[2]!.status !== 'failed' };
}
