// What `serve --tls` and `startMockSts({ tls })` serve: the names a certificate made at start holds,
// the certificate itself (judged by OpenSSL), and the checks on a certificate and key of your own.
import { createPrivateKey, generateKeyPairSync, X509Certificate } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import {
  createCertificateAuthority,
  issueServerCertificate,
  MADE_CERTIFICATE_DAYS,
  makeServerTls,
  readServerTls,
  serverCertificateHosts,
  serverCertificateWarnings,
} from '../../../src/mock/tls/index.js';
import { openssl, skipWithout } from '../../helpers/peers.js';
import { opensslVerify, workdir } from './oracles.js';

const NOW = new Date('2030-06-15T12:00:00Z');
const MACHINE = { hostname: 'build-7', addresses: ['10.1.2.3', 'fe80::1', 'not a name!'] };

describe('serverCertificateHosts', () => {
  it('holds the loopback names and the listening host, each once however it is spelt', () => {
    expect(serverCertificateHosts('127.0.0.1')).toEqual({ ok: true, hosts: ['127.0.0.1', '::1', 'localhost'] });
    expect(serverCertificateHosts('[::1]')).toEqual({ ok: true, hosts: ['127.0.0.1', '::1', 'localhost'] });
    expect(serverCertificateHosts('LOCALHOST')).toEqual({ ok: true, hosts: ['127.0.0.1', '::1', 'localhost'] });
    expect(serverCertificateHosts('sts.internal', MACHINE)).toEqual({ ok: true, hosts: ['127.0.0.1', '::1', 'localhost', 'sts.internal'] });
    expect(serverCertificateHosts('192.168.0.10')).toEqual({ ok: true, hosts: ['127.0.0.1', '::1', 'localhost', '192.168.0.10'] });
  });

  it('for a wildcard address, the machine name and its addresses instead (those a certificate can hold)', () => {
    for (const wildcard of ['0.0.0.0', '::', '[::]']) {
      expect(serverCertificateHosts(wildcard, MACHINE)).toEqual({ ok: true, hosts: ['127.0.0.1', '::1', 'localhost', 'build-7', '10.1.2.3', 'fe80::1'] });
    }
    expect(serverCertificateHosts('0.0.0.0')).toEqual({ ok: true, hosts: ['127.0.0.1', '::1', 'localhost'] });
  });

  it('says why a listening host cannot go in a certificate', () => {
    expect(serverCertificateHosts('bad host')).toEqual({ ok: false, problem: '"bad host" is neither an IP address nor a DNS name a certificate can hold.' });
  });
});

describe('makeServerTls', () => {
  const dir = workdir();
  afterAll(() => dir.remove());
  const hosts = ['127.0.0.1', '::1', 'localhost', 'sts.internal'];
  const made = makeServerTls(hosts, NOW);

  it('a server certificate for every host, signed by a CA that signs nothing else (its key is not kept)', () => {
    const leaf = new X509Certificate(made.certPem);
    const ca = new X509Certificate(made.caPem);
    expect(leaf.subjectAltName).toBe('IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1, DNS:localhost, DNS:sts.internal');
    expect(leaf.checkIssued(ca)).toBe(true);
    expect(leaf.verify(ca.publicKey)).toBe(true);
    expect(leaf.checkPrivateKey(createPrivateKey(made.keyPem))).toBe(true);
    expect(ca.ca).toBe(true);
    expect(Object.keys(made).sort()).toEqual(['caPem', 'certPem', 'keyPem']);
    expect(made.caPem).not.toContain('PRIVATE KEY');
    expect(new Date(leaf.validTo).getTime() - NOW.getTime()).toBe(MADE_CERTIFICATE_DAYS * 86_400_000);
    expect(new Date(ca.validTo).getTime()).toBeGreaterThanOrEqual(new Date(leaf.validTo).getTime());
  });

  it('OpenSSL verifies it against the CA for the sslserver purpose, and not against another CA', () => {
    if (skipWithout(openssl())) return;
    const caPath = dir.write('ca.pem', made.caPem);
    const leafPath = dir.write('leaf.pem', made.certPem);
    expect(opensslVerify(caPath, leafPath, { purpose: 'sslserver', at: NOW })).toMatchObject({ ok: true });
    const other = dir.write('other.pem', makeServerTls(hosts, NOW).caPem);
    expect(opensslVerify(other, leafPath, { purpose: 'sslserver', at: NOW }).ok).toBe(false);
  });

  it('two starts make two unrelated CAs', () => {
    const again = makeServerTls(hosts, NOW);
    expect(again.caPem).not.toBe(made.caPem);
    expect(new X509Certificate(made.certPem).verify(new X509Certificate(again.caPem).publicKey)).toBe(false);
  });
});

describe('readServerTls', () => {
  const ca = createCertificateAuthority({ days: 10, now: NOW });
  const leaf = issueServerCertificate(ca, { hosts: ['localhost'], days: 2, now: NOW });
  const other = issueServerCertificate(ca, { hosts: ['localhost'], days: 2, now: NOW });

  it('reads the leaf, its chain (in order) and the key, also from one combined file', () => {
    const chain = leaf.certPem + ca.certPem;
    const read = readServerTls(chain, leaf.keyPem);
    expect(read).toMatchObject({ ok: true, keyPem: leaf.keyPem });
    if (!read.ok) return;
    expect(read.certPem).toBe(chain);
    expect(read.leaf.fingerprint256).toBe(leaf.cert.fingerprint256);
    const combined = `# bundle\n${leaf.keyPem}${chain}`;
    expect(readServerTls(combined, combined)).toMatchObject({ ok: true, certPem: chain, keyPem: leaf.keyPem });
  });

  it('reads PKCS#1 RSA and SEC1 EC keys as well as PKCS#8', () => {
    const rsaCa = createCertificateAuthority({ keyType: 'rsa', days: 10, now: NOW });
    const rsa = issueServerCertificate(rsaCa, { hosts: ['localhost'], keyType: 'rsa', days: 2, now: NOW });
    const pkcs1 = rsa.privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
    expect(pkcs1).toContain('BEGIN RSA PRIVATE KEY');
    expect(readServerTls(rsa.certPem, pkcs1).ok).toBe(true);
    const sec1 = leaf.privateKey.export({ type: 'sec1', format: 'pem' }).toString();
    expect(sec1).toContain('BEGIN EC PRIVATE KEY');
    expect(readServerTls(leaf.certPem, sec1).ok).toBe(true);
  });

  it('says which part is wrong: no certificate, a broken one, no key, an encrypted or unreadable key, a key of another certificate', () => {
    expect(readServerTls('hello', leaf.keyPem)).toEqual({ ok: false, part: 'cert', problem: 'holds no PEM certificate (-----BEGIN CERTIFICATE-----)' });
    expect(readServerTls(leaf.keyPem, leaf.keyPem)).toMatchObject({ ok: false, part: 'cert' });
    const broken = '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n';
    expect(readServerTls(leaf.certPem + broken, leaf.keyPem)).toEqual({
      ok: false,
      part: 'cert',
      problem: 'holds a CERTIFICATE block (number 2) that is not a valid X.509 certificate',
    });
    expect(readServerTls(leaf.certPem, leaf.certPem)).toEqual({ ok: false, part: 'key', problem: 'holds no PEM private key (-----BEGIN PRIVATE KEY-----)' });
    const encrypted = generateKeyPairSync('ec', {
      namedCurve: 'prime256v1',
      privateKeyEncoding: { type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'secret' },
      publicKeyEncoding: { type: 'spki', format: 'pem' },
    }).privateKey;
    expect(readServerTls(leaf.certPem, encrypted)).toMatchObject({
      ok: false,
      part: 'key',
      problem: 'holds an encrypted private key, which the mock cannot unlock',
    });
    expect(readServerTls(leaf.certPem, '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n')).toEqual({
      ok: false,
      part: 'key',
      problem: 'holds a PRIVATE KEY block that is not a private key node:crypto can read',
    });
    expect(readServerTls(leaf.certPem, other.keyPem)).toEqual({
      ok: false,
      part: 'pair',
      problem: 'does not belong to the certificate',
      hint: 'Pass the private key the certificate was issued for.',
    });
  });

  it('never puts the key in what it says', () => {
    const body = leaf.keyPem.split('\n')[1]!;
    for (const r of [readServerTls(leaf.certPem, other.keyPem), readServerTls('x', leaf.keyPem)]) expect(JSON.stringify(r)).not.toContain(body);
  });
});

describe('serverCertificateWarnings', () => {
  const ca = createCertificateAuthority({ days: 10, now: NOW });
  const leaf = issueServerCertificate(ca, { hosts: ['localhost', '127.0.0.1'], days: 2, now: NOW }).cert;

  it('nothing to say of a valid certificate that names the host, or for a wildcard address', () => {
    expect(serverCertificateWarnings(leaf, '127.0.0.1', NOW)).toEqual([]);
    expect(serverCertificateWarnings(leaf, 'LOCALHOST', NOW)).toEqual([]);
    expect(serverCertificateWarnings(leaf, '0.0.0.0', NOW)).toEqual([]);
  });

  it('says when it is not valid yet, has expired, or does not name the host', () => {
    expect(serverCertificateWarnings(leaf, '127.0.0.1', new Date('2030-06-01T00:00:00Z'))).toEqual(['is not valid until 2030-06-15T11:00:00.000Z']);
    expect(serverCertificateWarnings(leaf, '127.0.0.1', new Date('2030-07-01T00:00:00Z'))).toEqual(['expired at 2030-06-17T12:00:00.000Z']);
    expect(serverCertificateWarnings(leaf, '::1', NOW)).toEqual(['does not name ::1, the address it is served on (DNS:localhost, IP Address:127.0.0.1)']);
  });
});
