import { createPublicKey, generateKeyPairSync, X509Certificate } from 'node:crypto';
import { importX509, jwtVerify, SignJWT } from 'jose';
import { afterAll, describe, expect, it } from 'vitest';
import { skipWithout } from '../../helpers/peers.js';
import { selfSignedCertificate, thumbprintSha1 } from '../../../src/mock/tls/index.js';
import { opensslSha1, opensslText, opensslVerify, pythonView, workdir } from './oracles.js';
import { openssl, pythonCryptography } from '../../helpers/peers.js';

// The mock's OIDC signing key is RSA 2048 (RS256) by default.
const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
const FIXED = { notBefore: new Date('2000-01-01T00:00:00Z'), notAfter: new Date('9999-12-31T23:59:59Z') };

describe('selfSignedCertificate (the JWKS x5c)', () => {
  const dir = workdir();
  afterAll(() => dir.remove());

  it("certifies the RSA key itself: the certificate's public key has the key's JWK n and e", () => {
    const made = selfSignedCertificate(rsa, { commonName: 'sts-cli mock OIDC', days: 365 });
    const fromCert = made.cert.publicKey.export({ format: 'jwk' });
    const fromKey = createPublicKey(rsa).export({ format: 'jwk' });
    expect(fromCert.kty).toBe('RSA');
    expect(fromCert.n).toBe(fromKey.n);
    expect(fromCert.e).toBe(fromKey.e);
    expect(made.cert.subject).toBe('CN=sts-cli mock OIDC');
    expect(made.cert.issuer).toBe('CN=sts-cli mock OIDC');
    expect(made.cert.ca).toBe(false);
    expect(made.cert.verify(createPublicKey(rsa))).toBe(true);
  });

  it('x5c is the base64 DER (no PEM armour), and a JWKS consumer gets the same key from it', async () => {
    const made = selfSignedCertificate(rsa, { commonName: 'sts-cli mock OIDC' });
    expect(made.x5c).toMatch(/^[A-Za-z0-9+/]+=*$/);
    expect(Buffer.from(made.x5c, 'base64').equals(made.certDer)).toBe(true);
    expect(new X509Certificate(Buffer.from(made.x5c, 'base64')).raw.equals(made.certDer)).toBe(true);
    // jose (a JOSE library nobody here wrote) reads the key out of the certificate and verifies an RS256 token with it.
    const fromCert = await importX509(made.certPem, 'RS256');
    const jwt = await new SignJWT({ sub: 'ci' }).setProtectedHeader({ alg: 'RS256' }).setIssuedAt().sign(rsa);
    await expect(jwtVerify(jwt, fromCert)).resolves.toMatchObject({ payload: { sub: 'ci' } });
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    const forged = await new SignJWT({ sub: 'ci' }).setProtectedHeader({ alg: 'RS256' }).sign(other);
    await expect(jwtVerify(forged, fromCert)).rejects.toThrow(/signature verification failed/);
  });

  it('with fixed dates, the same RSA or Ed25519 key gives the same certificate byte for byte (a stable thumbprint)', () => {
    const ed = generateKeyPairSync('ed25519').privateKey;
    for (const key of [rsa, ed]) {
      const a = selfSignedCertificate(key, { commonName: 'issuer', validity: FIXED });
      const b = selfSignedCertificate(key.export({ type: 'pkcs8', format: 'pem' }).toString(), { commonName: 'issuer', validity: FIXED });
      expect(b.certDer.equals(a.certDer)).toBe(true);
      expect(thumbprintSha1(b.certDer)).toBe(thumbprintSha1(a.certDer));
    }
    const a = selfSignedCertificate(rsa, { commonName: 'issuer', validity: FIXED });
    expect(new Date(a.cert.validTo).toISOString()).toBe('9999-12-31T23:59:59.000Z');
    // Other dates or another name: another certificate, with another serial.
    const later = selfSignedCertificate(rsa, { commonName: 'issuer', validity: { ...FIXED, notBefore: new Date('2001-01-01T00:00:00Z') } });
    expect(later.cert.serialNumber).not.toBe(a.cert.serialNumber);
    expect(selfSignedCertificate(rsa, { commonName: 'other', validity: FIXED }).cert.serialNumber).not.toBe(a.cert.serialNumber);
  });

  it('Ed25519, Ed448 and EC keys work too', () => {
    for (const [type, options] of [
      ['ed25519', {}],
      ['ed448', {}],
      ['ec', { namedCurve: 'P-256' }],
      ['ec', { namedCurve: 'P-384' }],
      ['ec', { namedCurve: 'P-521' }],
    ] as const) {
      const key = generateKeyPairSync(type as 'ec', options as { namedCurve: string }).privateKey;
      const made = selfSignedCertificate(key, { commonName: `${type} key` });
      expect(made.cert.verify(createPublicKey(key)), type).toBe(true);
      expect(made.cert.checkPrivateKey(key)).toBe(true);
    }
  });

  it('thumbprintSha1: 40 lower-case hex digits, the SHA-1 of the DER (node’s fingerprint without colons)', () => {
    const made = selfSignedCertificate(rsa, { commonName: 'issuer' });
    const thumbprint = thumbprintSha1(made.certDer);
    expect(thumbprint).toMatch(/^[0-9a-f]{40}$/);
    expect(thumbprint).toBe(made.cert.fingerprint.replaceAll(':', '').toLowerCase());
    expect(thumbprintSha1(Buffer.from('abc'))).toBe('a9993e364706816aba3e25717850c26c9cd0d89d'); // FIPS 180 test vector
  });

  it('OpenSSL reads it, verifies it as its own anchor, and computes the same thumbprint', () => {
    if (skipWithout(openssl())) return;
    for (const [name, key] of [
      ['rsa', rsa],
      ['ed25519', generateKeyPairSync('ed25519').privateKey],
    ] as const) {
      const made = selfSignedCertificate(key, { commonName: 'sts-cli mock OIDC', validity: FIXED });
      const path = dir.write(`${name}.pem`, made.certPem);
      const text = opensslText(path);
      expect(text).toMatch(name === 'rsa' ? /Signature Algorithm: sha256WithRSAEncryption/ : /Signature Algorithm: ED25519/);
      expect(text).toMatch(name === 'rsa' ? /Public-Key: \(2048 bit\)/ : /ED25519 Public-Key/);
      expect(text).toMatch(/Not After : Dec 31 23:59:59 9999 GMT/);
      expect(text).toMatch(/X509v3 Key Usage: critical\s+Digital Signature/);
      expect(opensslVerify(path, path)).toMatchObject({ ok: true });
      expect(opensslSha1(path)).toBe(thumbprintSha1(made.certDer));
    }
  });

  it('pyca/cryptography parses it as strict DER (GeneralizedTime past 2049 included)', () => {
    if (skipWithout(pythonCryptography())) return;
    const view = pythonView(selfSignedCertificate(rsa, { commonName: 'sts-cli mock OIDC', validity: FIXED }).certPem);
    expect(view).toMatchObject({ version: 'v3', notBefore: '2000-01-01T00:00:00+00:00', notAfter: '9999-12-31T23:59:59+00:00' });
    expect(view.extensions.map((e) => e.oid)).toEqual(['2.5.29.19', '2.5.29.15', '2.5.29.14']);
  });
});
