// The issuer's published keys: kid (RFC 7638), alg, use and an x5c certificate of that very key,
// fixed for a signing key (pinned values: a change would void every thumbprint a server registered).
import { createHash, X509Certificate } from 'node:crypto';
import { calculateJwkThumbprint } from 'jose';
import { describe, expect, it } from 'vitest';
import { issuerKey } from '../../../src/mock/issuer/issuerKeys.js';
import { deriveKeys } from '../../../src/mock/keys.js';

const SIGNING_KEY = 'golden signing key for sts-cli tests, 32+';

describe('issuerKey', () => {
  it.each([
    ['RS256', 'RSA', 'C1NI4o6XW_MscEuIZSA8N0MG_1qfaW7MQtxCOg-T25M', 'a239d6a044510761203380fa17f0977dee082627'],
    ['EdDSA', 'OKP', '16P9R7rGPorOXoFzQML6fHyUGTH7HOD5R_Tw5njmf6c', 'df01b7d5ed79fb782563b8ff1a7615f69bf41f1b'],
  ] as const)('%s: the JWK real IdPs publish, its x5c certifying the same key, pinned for the signing key', async (alg, kty, kid, thumbprint) => {
    const key = issuerKey(deriveKeys(SIGNING_KEY), alg);
    expect(key.jwk).toMatchObject({ kty, kid, alg, use: 'sig' });
    expect(key.thumbprint).toBe(thumbprint);
    expect(await calculateJwkThumbprint(key.jwk, 'sha256')).toBe(kid);
    expect(key.jwk.x5c).toHaveLength(1);
    const der = Buffer.from(key.jwk.x5c[0]!, 'base64');
    expect(createHash('sha1').update(der).digest('hex')).toBe(thumbprint);
    const cert = new X509Certificate(der);
    expect(cert.publicKey.export({ format: 'jwk' })).toMatchObject(kty === 'RSA' ? { n: key.jwk.n, e: 'AQAB' } : { x: key.jwk.x });
    expect(cert.verify(cert.publicKey)).toBe(true);
    expect([cert.subject, cert.validFrom, cert.validTo]).toEqual(['CN=sts-cli mock OIDC issuer', 'Jan  1 00:00:00 2025 GMT', 'Dec 31 23:59:59 2049 GMT']);
    // No private member leaks into what is published.
    for (const member of ['d', 'p', 'q', 'dp', 'dq', 'qi']) expect(key.jwk).not.toHaveProperty(member);
  });

  it('another signing key gives other keys; one key set gives the same object each time', () => {
    const keys = deriveKeys(SIGNING_KEY);
    expect(issuerKey(keys, 'RS256')).toBe(issuerKey(keys, 'RS256'));
    expect(issuerKey(deriveKeys('x'.repeat(40)), 'RS256').kid).not.toBe(issuerKey(keys, 'RS256').kid);
  });
});
