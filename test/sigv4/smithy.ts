// The independent oracle: a generated case as @smithy/signature-v4 sees it, and a signer for it.
import { Hash } from '@smithy/hash-node';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import type { GeneratedCase } from './generate.js';

/** smithy's request for `c`: repeated query names as arrays, `host` added when the case has none. */
export function smithyRequest(c: GeneratedCase): HttpRequest {
  const query: Record<string, string | string[]> = {};
  for (const [name, value] of c.query) {
    const prior = query[name];
    query[name] = prior === undefined ? value : [...(Array.isArray(prior) ? prior : [prior]), value];
  }
  const headers: Record<string, string> = Object.fromEntries(c.headers);
  if (!c.headers.some(([n]) => n.toLowerCase() === 'host')) headers.host = c.expectedHost;
  return new HttpRequest({
    method: c.method,
    protocol: `${c.scheme}:`,
    hostname: c.hostname,
    ...(c.port !== undefined ? { port: c.port } : {}),
    path: c.rawPath,
    query,
    headers,
    ...(c.body !== undefined ? { body: c.body } : {}),
  });
}

/** smithy's signer for `c`, without the payload-hash header our signer does not add either. */
export function smithySigner(c: GeneratedCase): SignatureV4 {
  return new SignatureV4({ credentials: c.credentials, region: c.region, service: c.service, sha256: Hash.bind(null, 'sha256'), applyChecksum: false });
}
