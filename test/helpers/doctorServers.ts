// Servers for doctor's end-to-end tests, each on a free loopback port: an https front of the mock
// with a certificate from a throwaway CA, a front whose Date header is shifted, and an https OIDC
// issuer publishing discovery and an RS256 key with an x5c certificate.
import { generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import { createServer as createHttpServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Server } from 'node:net';
import { type CertificateAuthority, createCertificateAuthority, issueServerCertificate, selfSignedCertificate } from '../../src/mock/tls/index.js';

export interface Running {
  url: string;
  close(): Promise<void>;
}

async function listen(server: Server, scheme: 'http' | 'https'): Promise<Running> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `${scheme}://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}

/** Passes a request on to `upstream` as it came (Host included, so signatures still verify), the answer back, with `date` rewritten. */
function forward(upstream: string, shiftMs = 0) {
  return (req: IncomingMessage, res: ServerResponse) => {
    const target = new URL(req.url ?? '/', upstream);
    const up = httpRequest(target, { method: req.method, headers: req.headers }, (answer) => {
      const headers = { ...answer.headers };
      if (shiftMs !== 0) headers.date = new Date(Date.now() + shiftMs).toUTCString();
      res.writeHead(answer.statusCode ?? 502, headers);
      answer.pipe(res);
    });
    up.on('error', () => res.writeHead(502).end());
    req.pipe(up);
  };
}

/** The mock behind TLS: a certificate for `hosts` signed by `ca`. */
export function startTlsFront(upstream: string, ca: CertificateAuthority, hosts: string[] = ['127.0.0.1']): Promise<Running> {
  const cert = issueServerCertificate(ca, { hosts });
  return listen(createHttpsServer({ cert: cert.certPem, key: cert.keyPem }, forward(upstream)), 'https');
}

/** The mock behind a front whose clock is `shiftMs` off. */
export function startShiftedClock(upstream: string, shiftMs: number): Promise<Running> {
  return listen(createHttpServer(forward(upstream, shiftMs)), 'http');
}

export interface Issuer extends Running {
  /** An RS256 token with these claims (iss is the issuer's URL unless given), signed by the published key. */
  token(claims: Record<string, unknown>, header?: Record<string, unknown>): string;
  /** The DER of the TLS certificate the issuer serves. */
  serverCertDer: Buffer;
  /** The DER of the key's x5c certificate. */
  x5cDer: Buffer;
  kid: string;
}

/** An https OIDC issuer: /.well-known/openid-configuration and /keys with one RS256 key carrying x5c. */
export async function startIssuer(ca: CertificateAuthority): Promise<Issuer> {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const x5c = selfSignedCertificate(privateKey, { commonName: 'doctor test issuer key' });
  const kid = 'doctor-key-1';
  const jwk = { ...publicKey.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig', x5c: [x5c.x5c] };
  const serverCert = issueServerCertificate(ca, { hosts: ['127.0.0.1'] });
  let base = '';
  const server = createHttpsServer({ cert: serverCert.certPem, key: serverCert.keyPem }, (req, res) => {
    if (req.url === '/.well-known/openid-configuration') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ issuer: base, jwks_uri: `${base}/keys` }));
    } else if (req.url === '/keys') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] }));
    } else res.writeHead(404).end();
  });
  const running = await listen(server, 'https');
  base = running.url;
  return {
    ...running,
    kid,
    serverCertDer: serverCert.certDer,
    x5cDer: x5c.certDer,
    token: (claims, header) => signRs256({ iss: base, ...claims }, { alg: 'RS256', kid, typ: 'JWT', ...header }, privateKey),
  };
}

function signRs256(claims: Record<string, unknown>, header: Record<string, unknown>, key: KeyObject): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const input = `${part(header)}.${part(claims)}`;
  return `${input}.${sign('sha256', Buffer.from(input), key).toString('base64url')}`;
}

export { createCertificateAuthority };
