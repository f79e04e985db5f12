// The project's own STS client and signer against a REAL Ceph radosgw 16.2 (one cluster for this file).
// Locally without Ceph these skip with a reason; under CI=true they must run (test/helpers/peers.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StsServiceError } from '../../src/errors.js';
import { signRequest } from '../../src/sigv4/index.js';
import { createStsClient, type StsClient } from '../../src/sts/client.js';
import type { AwsCredentials, StsCredentialsResult } from '../../src/sts/types.js';
import { radosgw, skipWithout } from '../helpers/peers.js';
import { startCeph, type RunningCeph } from '../peers/ceph.js';

const skip = skipWithout(radosgw());

/** An S3 call on the gateway, signed for service s3; S3 wants the payload hash header. */
async function s3(method: 'GET' | 'PUT', url: string, credentials: AwsCredentials): Promise<{ status: number; body: string }> {
  const signed = signRequest(
    { method, url, headers: { 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' } },
    { credentials, region: 'us-east-1', service: 's3', now: new Date() },
  );
  const { host: _host, ...headers } = signed.headers; // fetch sets Host itself, to the same value
  const response = await fetch(signed.url, { method, headers });
  return { status: response.status, body: await response.text() };
}

/** S3 ListBuckets: GET / (no path to encode, so S3's single encoding and STS's double one agree). */
const listBuckets = (endpoint: string, credentials: AwsCredentials) => s3('GET', `${endpoint}/`, credentials);

async function refusal(promise: Promise<unknown>): Promise<StsServiceError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(StsServiceError);
  return error as StsServiceError;
}

describe.skipIf(skip)('real Ceph radosgw STS', () => {
  let ceph: RunningCeph;
  let client: StsClient;
  const clients: StsClient[] = [];
  const clientFor = (credentials: AwsCredentials) => {
    const c = createStsClient({ endpoint: ceph.endpoint, region: 'us-east-1', auth: { kind: 'sigv4', credentials }, maxAttempts: 1 });
    clients.push(c);
    return c;
  };

  beforeAll(async () => {
    ceph = await startCeph();
    client = clientFor({ accessKeyId: ceph.accessKeyId, secretAccessKey: ceph.secretAccessKey });
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await ceph?.stop();
  });

  function expectTemporary(result: StsCredentialsResult, seconds: number) {
    const { credentials } = result;
    // Ceph's keys are not AWS-shaped: 19 mixed-case characters, secrets of 39.
    expect(credentials.accessKeyId).toMatch(/^[A-Za-z0-9]{19}$/);
    expect(credentials.secretAccessKey).toMatch(/^[A-Za-z0-9]{39}$/);
    expect(credentials.sessionToken.length).toBeGreaterThan(100);
    // Nanoseconds: the text keeps all nine digits, the Date is the same instant to the millisecond.
    expect(result.expirationText).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z$/);
    expect(credentials.expiration.toISOString()).toBe(`${result.expirationText.slice(0, 23)}Z`);
    expect(Math.abs(credentials.expiration.getTime() - (Date.now() + seconds * 1000))).toBeLessThan(60_000);
  }

  it('AssumeRole: credentials, nanosecond Expiration, AssumeRoleId read as assumedRoleId', async () => {
    const result = await client.assumeRole({ roleArn: ceph.roleArn, roleSessionName: 'ceph-ok' });
    expectTemporary(result, 3600);
    expect(result.assumedRoleUser?.arn).toBe('arn:aws:sts:::assumed-role/S3Access/ceph-ok');
    expect(result.assumedRoleUser?.assumedRoleId).toMatch(/^[0-9a-f-]{36}:ceph-ok$/);
    expect(result.packedPolicySize ?? 0).toBe(0);
  });

  it('the role with a path and a 12-hour maximum gives 43200 s, and its assumed-role ARN keeps the path', async () => {
    expect(ceph.pathRoleArn).toBe('arn:aws:iam:::role/app/S3AccessLong');
    const result = await client.assumeRole({ roleArn: ceph.pathRoleArn, roleSessionName: 'ceph-long', durationSeconds: 43200 });
    expectTemporary(result, 43200);
    expect(result.assumedRoleUser?.arn).toBe('arn:aws:sts:::assumed-role/app/S3AccessLong/ceph-long');
  });

  it("DurationSeconds above the role's maximum → InvalidArgument, exit 1", async () => {
    const error = await refusal(client.assumeRole({ roleArn: ceph.roleArn, roleSessionName: 'too-long', durationSeconds: 3601 }));
    expect(error.serviceCode).toBe('InvalidArgument');
    expect(error.httpStatus).toBe(400);
    expect(error.exitCode).toBe(1);
    expect(error.requestId).toMatch(/^tx/);
    const long = await refusal(client.assumeRole({ roleArn: ceph.pathRoleArn, roleSessionName: 'too-long', durationSeconds: 43201 }));
    expect(long.serviceCode).toBe('InvalidArgument');
  });

  it('a wrong secret → AccessDenied (403), and the secret is not in the message', async () => {
    const wrong = clientFor({ accessKeyId: ceph.accessKeyId, secretAccessKey: 'not-the-secret-0123456789' });
    const error = await refusal(wrong.assumeRole({ roleArn: ceph.roleArn, roleSessionName: 'bad-sig' }));
    expect(error.serviceCode).toBe('AccessDenied');
    expect(error.httpStatus).toBe(403);
    expect(error.exitCode).toBe(1);
    expect(error.message).not.toContain('not-the-secret');
  });

  it('an unknown role → NoSuchEntity (404); the path is part of the name', async () => {
    const error = await refusal(client.assumeRole({ roleArn: 'arn:aws:iam:::role/NoSuchRole', roleSessionName: 'nope' }));
    expect(error.serviceCode).toBe('NoSuchEntity');
    expect(error.httpStatus).toBe(404);
    expect(error.exitCode).toBe(1);
    // An AWS-style 12-digit account is not Ceph's (empty) account: the role is not found either.
    const withAccount = await refusal(client.assumeRole({ roleArn: 'arn:aws:iam::123456789012:role/S3Access', roleSessionName: 'acct' }));
    expect(withAccount.serviceCode).toBe('NoSuchEntity');
  });

  it('GetCallerIdentity is not offered by pacific: 405 MethodNotAllowed', async () => {
    const error = await refusal(client.getCallerIdentity());
    expect(error.serviceCode).toBe('MethodNotAllowed');
    expect(error.httpStatus).toBe(405);
    expect(error.exitCode).toBe(1);
  });

  it('GetSessionToken: default 3600 s, and 43200 s on request', async () => {
    expectTemporary(await client.getSessionToken(), 3600);
    expectTemporary(await client.getSessionToken({ durationSeconds: 43200 }), 43200);
    const error = await refusal(client.getSessionToken({ durationSeconds: 43201 }));
    expect(error.serviceCode).toBe('InvalidArgument');
  });

  it('the temporary credentials work for S3 ListBuckets on the same gateway; a wrong temp secret is refused', async () => {
    const { credentials } = await client.assumeRole({ roleArn: ceph.roleArn, roleSessionName: 'ceph-s3' });
    const ok = await listBuckets(ceph.endpoint, credentials);
    expect(ok.status).toBe(200);
    expect(ok.body).toContain('<ListAllMyBucketsResult');

    const wrongSecret = await listBuckets(ceph.endpoint, {
      ...credentials,
      secretAccessKey: credentials.secretAccessKey.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')),
    });
    expect(wrongSecret.status).toBe(403);
    expect(wrongSecret.body).toContain('<Code>SignatureDoesNotMatch</Code>');

    const { sessionToken: _token, ...withoutToken } = credentials;
    const noToken = await listBuckets(ceph.endpoint, withoutToken);
    expect(noToken.status).toBe(403);
  });

  it('a session Policy with spaces reaches Ceph intact (spaces sent as %20, not +) and limits the S3 calls', async () => {
    const policy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:ListAllMyBuckets'], Resource: ['*'] }] }, null, 1);
    expect(policy).toContain(' ');
    const { credentials } = await client.assumeRole({ roleArn: ceph.roleArn, roleSessionName: 'ceph-policy', policy });
    expect((await listBuckets(ceph.endpoint, credentials)).status).toBe(200);
    const create = await s3('PUT', `${ceph.endpoint}/sts-policy-denied`, credentials);
    expect(create.status).toBe(403);
    expect(create.body).toContain('<Code>AccessDenied</Code>');
    // Without the session policy the role's s3:* lets the same call through.
    const full = await client.assumeRole({ roleArn: ceph.roleArn, roleSessionName: 'ceph-full' });
    expect((await s3('PUT', `${ceph.endpoint}/sts-policy-allowed`, full.credentials)).status).toBe(200);
  });

  it('GetSessionToken credentials work for S3 too', async () => {
    const { credentials } = await client.getSessionToken({ durationSeconds: 900 });
    const ok = await listBuckets(ceph.endpoint, credentials);
    expect(ok.status).toBe(200);
    expect(ok.body).toContain('<ListAllMyBucketsResult');
  });
});
