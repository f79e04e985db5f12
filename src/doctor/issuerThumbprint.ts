// The thumbprints servers register for an OpenID Connect provider (SPEC §9). AWS IAM: the SHA-1 of
// the top intermediate CA certificate of the chain the JWKS host serves (the last one
// `openssl s_client -showcerts` prints, the root excluded); a self-signed server certificate is its
// own top. Ceph radosgw: the SHA-1 of the JWKS key's x5c certificate.
import { isIP } from 'node:net';
import { connect, type DetailedPeerCertificate } from 'node:tls';
import { thumbprintSha1 } from '../mock/tls/thumbprint.js';

export interface ServerThumbprint {
  sha1: string;
  /** The certificate's common name, for people. */
  subject: string;
}

function commonName(cert: DetailedPeerCertificate): string {
  const cn = cert.subject?.CN;
  return (Array.isArray(cn) ? cn.join(', ') : cn) ?? '(no common name)';
}

/** A root: its own issuer (Node links it to itself), or, at the end of a served chain, self-issued. */
function isRoot(cert: DetailedPeerCertificate): boolean {
  const up = cert.issuerCertificate;
  if (up) return up === cert || up.fingerprint256 === cert.fingerprint256;
  return JSON.stringify(cert.subject) === JSON.stringify(cert.issuer);
}

/** The top certificate below the root in `leaf`'s chain (the leaf itself when it stands alone). */
export function topIntermediate(leaf: DetailedPeerCertificate): DetailedPeerCertificate {
  let top = leaf;
  for (let depth = 0; depth < 10 && !isRoot(top); depth++) {
    const up = top.issuerCertificate;
    if (!up || isRoot(up)) break;
    top = up;
  }
  return top;
}

/** AWS's thumbprint of `url`'s host, or what went wrong as a phrase. */
export function serverThumbprint(url: URL, options: { caPem?: string; timeoutMs: number }): Promise<ServerThumbprint | string> {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const port = Number(url.port || 443);
  return new Promise((resolve) => {
    const socket = connect({
      host,
      port,
      ...(isIP(host) ? {} : { servername: host }),
      ...(options.caPem !== undefined ? { ca: options.caPem } : {}),
      rejectUnauthorized: false,
    });
    const done = (result: ServerThumbprint | string) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(result);
    };
    const timer = setTimeout(() => done(`no TLS handshake with ${host}:${port} within ${options.timeoutMs / 1000} s`), options.timeoutMs);
    socket.once('secureConnect', () => {
      const top = topIntermediate(socket.getPeerCertificate(true));
      done({ sha1: thumbprintSha1(top.raw), subject: commonName(top) });
    });
    socket.once('error', (error: NodeJS.ErrnoException) => done(`the TLS handshake with ${host}:${port} failed (${error.code ?? 'error'})`));
  });
}

/** Ceph's thumbprint of a JWKS key: the SHA-1 of its first x5c certificate, or undefined without one. */
export function x5cThumbprint(jwk: { x5c?: unknown }): string | undefined {
  const first = Array.isArray(jwk.x5c) ? jwk.x5c[0] : undefined;
  if (typeof first !== 'string' || first === '') return undefined;
  const der = Buffer.from(first, 'base64');
  return der.length > 0 ? thumbprintSha1(der) : undefined;
}
