// Who may use the control plane (SPEC §10): anyone when the mock listens on a loopback address,
// only holders of the control token otherwise (or whenever a token is set), nobody when it is off.
// Two browser guards on top, since a loopback port is reachable from any web page the user
// opens: a request that names another origin, or (open mode) a Host that is not a loopback name
// (DNS rebinding), is refused.
import { createHash, timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';
import { UsageError } from '../../errors.js';

export type ControlAccess =
  | { readonly mode: 'open' }
  | { readonly mode: 'token'; readonly tokenDigest: Buffer }
  /** Not loopback and no token: every control request is refused. */
  | { readonly mode: 'locked' }
  | { readonly mode: 'off' };

export interface ControlAccessOptions {
  /** The address the server is bound to (server.address().address), or the host it was asked for. */
  listenAddress: string;
  /** `serve --control-token` */
  token?: string | undefined;
  /** false: `serve --no-control`. */
  enabled?: boolean | undefined;
}

/** The headers access depends on (lower-cased names, as node and the mock's request carry them). */
export interface AccessHeaders {
  readonly authorization?: string | undefined;
  readonly host?: string | undefined;
  readonly origin?: string | undefined;
}

export type AccessVerdict = { ok: true } | { ok: false; status: 403 | 404; message: string };

const digest = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();

/** Loopback: 127.0.0.0/8, ::1 (also IPv4-mapped), `localhost` and its subdomains. */
export function isLoopback(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[(.*)\]$/, '$1');
  if (h === 'localhost' || h.endsWith('.localhost')) return true;
  if (h === '::1' || h === '0:0:0:0:0:0:0:1') return true;
  const v4 = h.startsWith('::ffff:') ? h.slice(7) : h;
  return isIP(v4) === 4 && v4.startsWith('127.');
}

export function controlAccess(options: ControlAccessOptions): ControlAccess {
  if (options.enabled === false) return { mode: 'off' };
  const { token } = options;
  if (token !== undefined) {
    if (token.length === 0 || token.length > 1024 || !/^[\x21-\x7e]+$/.test(token)) {
      throw new UsageError('The control token must be 1 to 1024 printable characters without spaces.', {
        hint: 'Pass another --control-token, or none on a loopback address.',
      });
    }
    return { mode: 'token', tokenDigest: digest(token) };
  }
  return isLoopback(options.listenAddress) ? { mode: 'open' } : { mode: 'locked' };
}

/** The host part of a Host header (`[::1]:8900` → `::1`, `localhost:80` → `localhost`). */
function hostName(hostHeader: string): string {
  if (hostHeader.startsWith('[')) {
    const end = hostHeader.indexOf(']');
    return end === -1 ? hostHeader : hostHeader.slice(1, end);
  }
  const colon = hostHeader.lastIndexOf(':');
  return colon === -1 ? hostHeader : hostHeader.slice(0, colon);
}

function sameOrigin(origin: string, host: string | undefined): boolean {
  try {
    return host !== undefined && new URL(origin).host === new URL(`http://${host}`).host;
  } catch {
    return false;
  }
}

function bearer(authorization: string | undefined): string | undefined {
  const match = authorization === undefined ? null : /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(authorization);
  return match ? match[1] : undefined;
}

/**
 * May this request use the control plane? `isPublic`: the health check and the dashboard's
 * static page, which carry no data, answer without a token (readiness probes cannot send one).
 */
export function checkAccess(access: ControlAccess, headers: AccessHeaders, isPublic: boolean): AccessVerdict {
  if (access.mode === 'off') return { ok: false, status: 404, message: 'The control plane is switched off (--no-control).' };
  if (headers.origin !== undefined && !sameOrigin(headers.origin, headers.host)) {
    return { ok: false, status: 403, message: 'The control plane refuses requests from another origin.' };
  }
  if (isPublic) return { ok: true };
  if (access.mode === 'locked') {
    return { ok: false, status: 403, message: 'The control plane is open only on a loopback address; start the mock with --control-token to use it here.' };
  }
  if (access.mode === 'open') {
    if (headers.host !== undefined && !isLoopback(hostName(headers.host))) {
      return {
        ok: false,
        status: 403,
        message: 'On a loopback address the control plane answers only Host names that are loopback (localhost, 127.0.0.1, [::1]).',
      };
    }
    return { ok: true };
  }
  const presented = bearer(headers.authorization);
  if (presented === undefined || !timingSafeEqual(digest(presented), access.tokenDigest)) {
    return { ok: false, status: 403, message: 'The control plane needs the control token: send Authorization: Bearer <token>.' };
  }
  return { ok: true };
}
