// startMockSts({ tls }) as a test uses it: an https URL and the CA to trust, made at start, or a
// certificate of your own. Driven by @aws-sdk/client-sts (a client nobody here wrote) with an https
// agent that trusts only that CA, and refused by the same client without it.
import { Agent, get } from 'node:https';
import { connect } from 'node:tls';
import { AssumeRoleCommand, AssumeRoleWithWebIdentityCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/errors.js';
import { type MockSts, startMockSts } from '../../../src/mock/index.js';
import { createCertificateAuthority, issueServerCertificate } from '../../../src/mock/tls/index.js';

const ROLE = 'arn:aws:iam::123456789012:role/demo';

function client(
  sts: MockSts,
  ca: string | undefined,
  credentials = { accessKeyId: sts.accessKeyId, secretAccessKey: sts.secretAccessKey } as Record<string, string>,
) {
  return new STSClient({
    endpoint: sts.url,
    region: 'us-east-1',
    maxAttempts: 1,
    credentials: credentials as { accessKeyId: string; secretAccessKey: string },
    requestHandler: { httpsAgent: new Agent(ca === undefined ? {} : { ca }) },
  });
}

/** The certificate the server presents, as seen by a TLS client that does not check it. */
function peerCertificate(url: string): Promise<{ fingerprint256: string; subjectaltname?: string }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect({ host: hostname.replace(/^\[|\]$/g, ''), port: Number(port), rejectUnauthorized: false, servername: 'localhost' }, () => {
      const cert = socket.getPeerCertificate();
      socket.end();
      resolve(cert);
    });
    socket.once('error', reject);
  });
}

describe('startMockSts({ tls: true })', () => {
  let sts: MockSts;
  beforeAll(async () => {
    sts = await startMockSts({ tls: true });
  });
  afterAll(() => sts?.close());

  it('listens on an https URL and hands back the CA that signed its certificate', async () => {
    expect(sts.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(sts.caCertificate).toMatch(/^-----BEGIN CERTIFICATE-----\n[\s\S]+-----END CERTIFICATE-----\n$/);
    expect(sts.caCertificate).not.toContain('PRIVATE');
    expect((await peerCertificate(sts.url)).subjectaltname).toBe('IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1, DNS:localhost');
  });

  it('AssumeRole, GetCallerIdentity with the issued keys and AssumeRoleWithWebIdentity succeed through a client trusting the CA', async () => {
    const assumed = await client(sts, sts.caCertificate).send(new AssumeRoleCommand({ RoleArn: ROLE, RoleSessionName: 'tls' }));
    const c = assumed.Credentials!;
    const who = await client(sts, sts.caCertificate, { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! }).send(
      new GetCallerIdentityCommand({}),
    );
    expect(who.Arn).toBe('arn:aws:sts::123456789012:assumed-role/demo/tls');
    const token = await sts.mintWebIdentityToken({ sub: 'ci' });
    const web = await client(sts, sts.caCertificate).send(
      new AssumeRoleWithWebIdentityCommand({ RoleArn: ROLE, RoleSessionName: 'tls-web', WebIdentityToken: token }),
    );
    expect(web.SubjectFromWebIdentityToken).toBe('ci');
  });

  it('its OIDC issuer is the https URL, and the discovery document says so', async () => {
    const token = await sts.mintWebIdentityToken({ sub: 'ci' });
    expect(JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()).iss).toBe(sts.url);
    const discovery = await new Promise<string>((resolve, reject) => {
      get(`${sts.url}/.well-known/openid-configuration`, { ca: sts.caCertificate! }, (res) => {
        let body = '';
        res.setEncoding('utf8').on('data', (d: string) => (body += d));
        res.on('end', () => resolve(body));
      }).once('error', reject);
    });
    expect(JSON.parse(discovery)).toMatchObject({ issuer: sts.url, jwks_uri: `${sts.url}/jwks.json` });
  });

  it('a client that does not trust the CA is refused with a certificate error', async () => {
    const error = await client(sts, undefined)
      .send(new GetCallerIdentityCommand({}))
      .catch((e: unknown) => e as { code?: string });
    expect((error as { code?: string }).code).toBe('UNABLE_TO_VERIFY_LEAF_SIGNATURE');
    const otherCa = createCertificateAuthority({ days: 1 }).certPem;
    const other = await client(sts, otherCa)
      .send(new GetCallerIdentityCommand({}))
      .catch((e: unknown) => e as { code?: string });
    expect((other as { code?: string }).code).toBe('UNABLE_TO_VERIFY_LEAF_SIGNATURE');
  });

  it('a plain-http mock has no CA', async () => {
    const plain = await startMockSts();
    try {
      expect(plain.url).toMatch(/^http:\/\//);
      expect(plain.caCertificate).toBeUndefined();
    } finally {
      await plain.close();
    }
  });
});

describe('startMockSts({ tls: { cert, key } })', () => {
  const ca = createCertificateAuthority({ days: 1 });
  const leaf = issueServerCertificate(ca, { hosts: ['127.0.0.1', 'localhost'], days: 1 });

  it('serves your certificate; caCertificate is the ca you passed, if any', async () => {
    const own = await startMockSts({ tls: { cert: leaf.certPem, key: leaf.keyPem } });
    const withCa = await startMockSts({ tls: { cert: leaf.certPem, key: leaf.keyPem, ca: ca.certPem } });
    try {
      expect(own.url).toMatch(/^https:/);
      expect(own.caCertificate).toBeUndefined();
      expect(withCa.caCertificate).toBe(ca.certPem);
      expect((await peerCertificate(own.url)).fingerprint256).toBe(leaf.cert.fingerprint256);
      const who = await client(own, ca.certPem).send(new GetCallerIdentityCommand({}));
      expect(who.Arn).toBe('arn:aws:iam::123456789012:user/test');
    } finally {
      await Promise.all([own.close(), withCa.close()]);
    }
  });

  it('refuses a key of another certificate, or text that is no certificate, with a UsageError that shows no key', async () => {
    const stranger = issueServerCertificate(ca, { hosts: ['localhost'], days: 1 });
    const mismatch = await startMockSts({ tls: { cert: leaf.certPem, key: stranger.keyPem } }).catch((e: unknown) => e);
    expect(mismatch).toBeInstanceOf(UsageError);
    expect((mismatch as UsageError).message).toBe('The tls.key given to the mock STS does not belong to the certificate.');
    expect((mismatch as UsageError).exitCode).toBe(2);
    const garbage = await startMockSts({ tls: { cert: 'not a certificate', key: leaf.keyPem } }).catch((e: unknown) => e);
    expect((garbage as UsageError).message).toBe('The tls.cert given to the mock STS holds no PEM certificate (-----BEGIN CERTIFICATE-----).');
    for (const e of [mismatch, garbage])
      expect(JSON.stringify({ m: (e as Error).message, h: (e as UsageError).hint })).not.toContain(leaf.keyPem.split('\n')[1]);
  });
});
