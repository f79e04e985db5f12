import { X509Certificate } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { skipWithout } from '../../helpers/peers.js';
import { createCertificateAuthority } from '../../../src/mock/tls/index.js';
import { opensslText, opensslVerify, pythonView, workdir } from './oracles.js';
import { openssl, pythonCryptography } from '../../helpers/peers.js';

const NOW = new Date('2030-06-15T12:00:00Z');

describe('createCertificateAuthority', () => {
  const ca = createCertificateAuthority({ commonName: 'Test CA', days: 10, now: NOW });
  const dir = workdir();
  afterAll(() => dir.remove());

  it('is a self-signed CA that node reads back as one', () => {
    const cert = new X509Certificate(ca.certPem);
    expect(cert.subject).toBe('CN=Test CA');
    expect(cert.issuer).toBe('CN=Test CA');
    expect(cert.ca).toBe(true);
    expect(cert.verify(cert.publicKey)).toBe(true);
    expect(cert.checkIssued(cert)).toBe(true);
    expect(cert.raw.equals(ca.certDer)).toBe(true);
    expect(ca.cert.fingerprint256).toBe(cert.fingerprint256);
    expect(cert.publicKey.asymmetricKeyDetails?.namedCurve).toBe('prime256v1');
    expect(cert.checkPrivateKey(ca.privateKey)).toBe(true);
    expect(ca.keyPem).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
  });

  it('is valid from an hour before `now` for `days` days, with a positive 16-octet serial', () => {
    expect(new Date(ca.cert.validFrom).toISOString()).toBe('2030-06-15T11:00:00.000Z');
    expect(new Date(ca.cert.validTo).toISOString()).toBe('2030-06-25T12:00:00.000Z');
    expect(ca.cert.serialNumber).toMatch(/^[4-7][0-9A-F]{31}$/);
    expect(createCertificateAuthority({ now: NOW }).cert.serialNumber).not.toBe(ca.cert.serialNumber);
  });

  it('defaults: a P-256 key, CN "sts-cli mock CA", a year; RSA 2048 on request', () => {
    const byDefault = createCertificateAuthority();
    expect(byDefault.cert.subject).toBe('CN=sts-cli mock CA');
    const days = (Date.parse(byDefault.cert.validTo) - Date.parse(byDefault.cert.validFrom)) / 86_400_000;
    expect(days).toBeCloseTo(365 + 1 / 24, 3);
    const rsa = createCertificateAuthority({ keyType: 'rsa', now: NOW });
    expect(rsa.cert.publicKey.asymmetricKeyType).toBe('rsa');
    expect(rsa.cert.publicKey.asymmetricKeyDetails?.modulusLength).toBe(2048);
    expect(rsa.cert.verify(rsa.cert.publicKey)).toBe(true);
  });

  it('refuses a bad common name or lifetime with a sentence', () => {
    expect(() => createCertificateAuthority({ commonName: '' })).toThrow(/common name must be 1 to 64 characters/);
    expect(() => createCertificateAuthority({ commonName: 'x'.repeat(65) })).toThrow(RangeError);
    for (const days of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => createCertificateAuthority({ days })).toThrow(/valid for a positive number of days/);
    }
  });

  it('OpenSSL reads the extensions a CA needs and accepts it as its own trust anchor (-x509_strict)', () => {
    if (skipWithout(openssl())) return;
    const path = dir.write('ca.pem', ca.certPem);
    const text = opensslText(path);
    expect(text).toMatch(/Version: 3 \(0x2\)/);
    expect(text).toMatch(/X509v3 Basic Constraints: critical\s+CA:TRUE, pathlen:0/);
    expect(text).toMatch(/X509v3 Key Usage: critical\s+Certificate Sign, CRL Sign/);
    expect(text).toMatch(/X509v3 Subject Key Identifier:\s+([0-9A-F]{2}:){19}[0-9A-F]{2}/);
    expect(text).toMatch(/Signature Algorithm: ecdsa-with-SHA256/);
    // Its dates are read: valid at NOW, not yet before notBefore, no longer after notAfter.
    expect(opensslVerify(path, path, { at: NOW })).toMatchObject({ ok: true });
    expect(opensslVerify(path, path, { at: new Date('2030-06-15T10:59:00Z') }).output).toMatch(/not yet valid/);
    expect(opensslVerify(path, path, { at: new Date('2030-06-25T12:01:00Z') }).output).toMatch(/has expired/);
  });

  it('pyca/cryptography parses it as strict DER, v3, with the extensions critical as they should be', () => {
    if (skipWithout(pythonCryptography())) return;
    const view = pythonView(ca.certPem);
    expect(view).toMatchObject({ version: 'v3', subject: 'CN=Test CA', issuer: 'CN=Test CA', notBefore: '2030-06-15T11:00:00+00:00' });
    expect(view.extensions.map((e) => [e.oid, e.critical])).toEqual([
      ['2.5.29.19', true],
      ['2.5.29.15', true],
      ['2.5.29.14', false],
    ]);
    expect(view.extensions[0]!.value).toContain('ca=True, path_length=0');
    expect(view.extensions[1]!.value).toMatch(/key_cert_sign=True, crl_sign=True/);
    expect(view.extensions[1]!.value).toMatch(/digital_signature=False/);
  });
});
