import { generateKeyPairSync, X509Certificate } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { skipWithout } from '../../helpers/peers.js';
import { createCertificateAuthority, issueServerCertificate, selfSignedCertificate } from '../../../src/mock/tls/index.js';
import { opensslText, opensslVerify, pythonView, workdir } from './oracles.js';
import { openssl, pythonCryptography } from '../../helpers/peers.js';

const NOW = new Date('2030-06-15T12:00:00Z');
const HOSTS = ['127.0.0.1', '::1', 'localhost', 'sts.example.test'];

describe('issueServerCertificate', () => {
  const ca = createCertificateAuthority({ commonName: 'Test CA', days: 10, now: NOW });
  const leaf = issueServerCertificate(ca, { hosts: HOSTS, days: 2, now: NOW });
  const dir = workdir();
  afterAll(() => dir.remove());

  it('is signed by the CA, names it as issuer, and is not a CA itself', () => {
    const cert = new X509Certificate(leaf.certPem);
    expect(cert.issuer).toBe('CN=Test CA');
    expect(cert.subject).toBe('CN=127.0.0.1');
    expect(cert.ca).toBe(false);
    expect(cert.verify(ca.cert.publicKey)).toBe(true);
    expect(cert.verify(cert.publicKey)).toBe(false);
    expect(cert.checkIssued(ca.cert)).toBe(true);
    expect(cert.checkPrivateKey(leaf.privateKey)).toBe(true);
    expect(cert.publicKey.asymmetricKeyDetails?.namedCurve).toBe('prime256v1');
    expect(cert.keyUsage).toEqual(['1.3.6.1.5.5.7.3.1']); // node's name for extendedKeyUsage
  });

  it('names every host: iPAddress for IP literals, dNSName for names; node matches them', () => {
    expect(leaf.cert.subjectAltName).toBe('IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1, DNS:localhost, DNS:sts.example.test');
    expect(leaf.cert.checkIP('127.0.0.1')).toBe('127.0.0.1');
    expect(leaf.cert.checkIP('::1')).toBe('::1');
    expect(leaf.cert.checkHost('localhost')).toBe('localhost');
    expect(leaf.cert.checkHost('STS.example.test')).toBe('sts.example.test'); // the name matched, as written in the certificate
    expect(leaf.cert.checkIP('127.0.0.2')).toBeUndefined();
    expect(leaf.cert.checkHost('other.example.test')).toBeUndefined();
    // An IP literal is never a dNSName, so a host check for "127.0.0.1" must not match.
    expect(leaf.cert.checkHost('127.0.0.1')).toBeUndefined();
  });

  it('drops duplicate hosts (the same address spelt twice) and keeps the order', () => {
    const cert = issueServerCertificate(ca, { hosts: ['localhost', '[::1]', '0:0::1', 'LOCALHOST', '127.0.0.1'] }).cert;
    expect(cert.subjectAltName).toBe('DNS:localhost, IP Address:0:0:0:0:0:0:0:1, IP Address:127.0.0.1');
    expect(cert.subject).toBe('CN=localhost');
  });

  it('is valid from an hour before `now` for `days` days; serials are random and positive', () => {
    expect(new Date(leaf.cert.validFrom).toISOString()).toBe('2030-06-15T11:00:00.000Z');
    expect(new Date(leaf.cert.validTo).toISOString()).toBe('2030-06-17T12:00:00.000Z');
    const serials = new Set(Array.from({ length: 20 }, () => issueServerCertificate(ca, { hosts: ['localhost'] }).cert.serialNumber));
    expect(serials.size).toBe(20);
    for (const serial of serials) expect(serial).toMatch(/^[4-7][0-9A-F]{31}$/);
  });

  it('RSA 2048 on request, with keyEncipherment; or a key of your own; by an RSA CA too', () => {
    const rsa = issueServerCertificate(ca, { hosts: ['localhost'], keyType: 'rsa' });
    expect(rsa.cert.publicKey.asymmetricKeyDetails?.modulusLength).toBe(2048);
    expect(rsa.cert.verify(ca.cert.publicKey)).toBe(true);
    const own = generateKeyPairSync('ec', { namedCurve: 'P-384' }).privateKey;
    const mine = issueServerCertificate(ca, { hosts: ['localhost'], privateKey: own.export({ type: 'pkcs8', format: 'pem' }).toString() });
    expect(mine.cert.checkPrivateKey(own)).toBe(true);
    const rsaCa = createCertificateAuthority({ keyType: 'rsa' });
    const byRsa = issueServerCertificate({ cert: rsaCa.cert, privateKey: rsaCa.keyPem }, { hosts: ['localhost'] });
    expect(byRsa.cert.verify(rsaCa.cert.publicKey)).toBe(true);
  });

  it('a flipped bit in the signed part breaks the signature', () => {
    const der = Buffer.from(leaf.certDer);
    const at = der.indexOf(Buffer.from('sts.example.test'));
    der[at] = 'S'.charCodeAt(0);
    expect(new X509Certificate(der).verify(ca.cert.publicKey)).toBe(false);
  });

  it('refuses what cannot make a server certificate, with a sentence', () => {
    expect(() => issueServerCertificate(ca, { hosts: [] })).toThrow(/at least one host/);
    expect(() => issueServerCertificate(ca, { hosts: ['localhost', 'not a host'] })).toThrow(/"not a host" is neither an IP address nor a DNS name/);
    expect(() => issueServerCertificate(ca, { hosts: ['localhost'], days: 0 })).toThrow(/positive number of days/);
    const other = createCertificateAuthority();
    expect(() => issueServerCertificate({ cert: ca.cert, privateKey: other.privateKey }, { hosts: ['localhost'] })).toThrow(
      /does not belong to its certificate/,
    );
    expect(() => issueServerCertificate({ cert: leaf.cert, privateKey: leaf.privateKey }, { hosts: ['localhost'] })).toThrow(/not a CA certificate/);
    const { publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    expect(() => issueServerCertificate({ cert: ca.cert, privateKey: publicKey }, { hosts: ['localhost'] })).toThrow(/private key, not a public one/);
    const dsa = generateKeyPairSync('dsa', { modulusLength: 2048, divisorLength: 256 }).privateKey;
    expect(() => selfSignedCertificate(dsa, { commonName: 'x' })).toThrow(/Cannot sign a certificate with a dsa key/);
  });

  it('a long first host still gets a short common name; every host stays in the SAN', () => {
    const long = `${'a'.repeat(60)}.example.test`;
    const cert = issueServerCertificate(ca, { hosts: [long, 'localhost'] }).cert;
    expect(cert.subject).toBe('CN=sts-cli mock server');
    expect(cert.checkHost(long)).toBe(long);
  });

  it('OpenSSL reads every extension and verifies the chain for a TLS server (-x509_strict -purpose sslserver)', () => {
    if (skipWithout(openssl())) return;
    const caPath = dir.write('ca.pem', ca.certPem);
    const leafPath = dir.write('leaf.pem', leaf.certPem);
    const text = opensslText(leafPath);
    expect(text).toMatch(/X509v3 Basic Constraints: critical\s+CA:FALSE/);
    expect(text).toMatch(/X509v3 Key Usage: critical\s+Digital Signature\n/);
    expect(text).toMatch(/X509v3 Extended Key Usage:\s*\n\s+TLS Web Server Authentication/);
    expect(text).toMatch(/X509v3 Subject Alternative Name:\s*\n\s+IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1, DNS:localhost, DNS:sts.example.test/);
    const ski = /X509v3 Subject Key Identifier:\s*\n\s+([0-9A-F:]+)/.exec(opensslText(caPath))![1];
    expect(text).toMatch(new RegExp(`X509v3 Authority Key Identifier:\\s*\\n\\s+(keyid:)?${ski}`));
    expect(opensslVerify(caPath, leafPath, { purpose: 'sslserver', at: NOW })).toMatchObject({ ok: true });
    // Not a CA: OpenSSL refuses it as the issuer of anything, and refuses the leaf without its CA.
    const other = createCertificateAuthority({ now: NOW });
    expect(opensslVerify(dir.write('other.pem', other.certPem), leafPath, { at: NOW }).ok).toBe(false);
    const rsa = issueServerCertificate(ca, { hosts: ['localhost'], keyType: 'rsa', now: NOW });
    const rsaText = opensslText(dir.write('rsa.pem', rsa.certPem));
    expect(rsaText).toMatch(/X509v3 Key Usage: critical\s+Digital Signature, Key Encipherment/);
    expect(opensslVerify(caPath, dir.write('rsa.pem', rsa.certPem), { purpose: 'sslserver', at: NOW })).toMatchObject({ ok: true });
  });

  it('pyca/cryptography parses it as strict DER with the same extensions', () => {
    if (skipWithout(pythonCryptography())) return;
    const view = pythonView(leaf.certPem);
    expect(view).toMatchObject({ version: 'v3', subject: 'CN=127.0.0.1', issuer: 'CN=Test CA', notAfter: '2030-06-17T12:00:00+00:00' });
    expect(view.serial).toBeGreaterThan(0);
    expect(view.extensions.map((e) => [e.oid, e.critical])).toEqual([
      ['2.5.29.19', true],
      ['2.5.29.15', true],
      ['2.5.29.37', false],
      ['2.5.29.14', false],
      ['2.5.29.35', false],
      ['2.5.29.17', false],
    ]);
    const san = view.extensions[5]!.value;
    expect(san).toContain("<IPAddress(value=127.0.0.1)>, <IPAddress(value=::1)>, <DNSName(value='localhost')>, <DNSName(value='sts.example.test')>");
  });
});
