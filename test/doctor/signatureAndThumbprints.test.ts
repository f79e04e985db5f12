// A token's signature checked with a published key (RS256, PS256, ES256, EdDSA), and the
// thumbprints AWS and Ceph register: the top intermediate of a served chain, a key's x5c.
import { createHash, generateKeyPairSync, type KeyObject, sign, X509Certificate } from 'node:crypto';
import type { DetailedPeerCertificate } from 'node:tls';
import { describe, expect, it } from 'vitest';
import { topIntermediate, x5cThumbprint } from '../../src/doctor/issuerThumbprint.js';
import { verifyJwtSignature } from '../../src/doctor/verifyJwtSignature.js';
import { selfSignedCertificate } from '../../src/mock/tls/index.js';
import { readJwt } from '../../src/webIdentity/readJwt.js';

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

function signedJwt(alg: string, key: KeyObject): string {
  const input = `${b64({ alg, kid: 'k' })}.${b64({ iss: 'https://issuer.example', sub: 's' })}`;
  const data = Buffer.from(input);
  const signature =
    alg === 'EdDSA'
      ? sign(null, data, key)
      : alg === 'PS256'
        ? sign('sha256', data, { key, padding: 6, saltLength: 32 })
        : alg === 'ES256'
          ? sign('sha256', data, { key, dsaEncoding: 'ieee-p1363' })
          : sign('sha256', data, key);
  return `${input}.${signature.toString('base64url')}`;
}

describe('verifyJwtSignature', () => {
  const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const ed = generateKeyPairSync('ed25519');
  const cases: Array<[string, { privateKey: KeyObject; publicKey: KeyObject }]> = [
    ['RS256', rsa],
    ['PS256', rsa],
    ['ES256', ec],
    ['EdDSA', ed],
  ];
  it.each(cases)('%s: valid with its key, invalid when altered or with another key', (alg, pair) => {
    const token = signedJwt(alg, pair.privateKey);
    const read = (t: string) => {
      const r = readJwt(t);
      if (!r.ok) throw new Error(r.problem);
      return r.jwt;
    };
    const jwk = pair.publicKey.export({ format: 'jwk' });
    expect(verifyJwtSignature(read(token), jwk)).toBe('valid');
    const [h, , s] = token.split('.');
    expect(verifyJwtSignature(read(`${h}.${b64({ iss: 'https://issuer.example', sub: 'admin' })}.${s}`), jwk)).toBe('invalid');
    const other = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ format: 'jwk' });
    expect(
      verifyJwtSignature(
        read(token),
        alg === 'ES256' ? other : rsa === pair ? ed.publicKey.export({ format: 'jwk' }) : rsa.publicKey.export({ format: 'jwk' }),
      ),
    ).not.toBe('valid');
  });

  it('an algorithm it does not know, or a key it cannot read: unsupported', () => {
    const token = readJwt(signedJwt('RS256', rsa.privateKey));
    if (!token.ok) throw new Error('not read');
    expect(verifyJwtSignature({ ...token.jwt, header: { alg: 'XX999' } }, rsa.publicKey.export({ format: 'jwk' }))).toBe('unsupported');
    expect(verifyJwtSignature(token.jwt, { kty: 'nope' })).toBe('unsupported');
  });
});

describe('thumbprints', () => {
  it("Ceph's: the SHA-1 of the key's first x5c certificate, as openssl computes it", () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const cert = selfSignedCertificate(privateKey, { commonName: 'issuer key' });
    const expected = new X509Certificate(cert.certDer).fingerprint.replace(/:/g, '').toLowerCase();
    expect(x5cThumbprint({ x5c: [cert.x5c] })).toBe(expected);
    expect(x5cThumbprint({})).toBeUndefined();
    expect(x5cThumbprint({ x5c: [] })).toBeUndefined();
  });

  it("AWS's: the top certificate below the root; a lone certificate is its own top", () => {
    const cert = (name: string): DetailedPeerCertificate =>
      ({ subject: { CN: name }, fingerprint256: createHash('sha256').update(name).digest('hex') }) as unknown as DetailedPeerCertificate;
    const root = cert('root');
    root.issuerCertificate = root;
    const intermediate = cert('intermediate');
    intermediate.issuerCertificate = root;
    const leaf = cert('leaf');
    leaf.issuerCertificate = intermediate;
    expect(topIntermediate(leaf).subject.CN).toBe('intermediate');
    const upper = cert('upper intermediate');
    upper.issuerCertificate = root;
    intermediate.issuerCertificate = upper;
    expect(topIntermediate(leaf).subject.CN).toBe('upper intermediate');
    // The server sent no root: the chain stops at the last certificate it sent.
    const alone = cert('intermediate sent last');
    const served = cert('served leaf');
    served.issuerCertificate = alone;
    expect(topIntermediate(served).subject.CN).toBe('intermediate sent last');
    const selfSigned = cert('self-signed');
    selfSigned.issuerCertificate = selfSigned;
    expect(topIntermediate(selfSigned).subject.CN).toBe('self-signed');
    const caSigned = cert('leaf of a root');
    caSigned.issuerCertificate = root;
    expect(topIntermediate(caSigned).subject.CN).toBe('leaf of a root');
  });
});
