// Telling the dialects apart by the shape of their answers (SPEC §9), on answers recorded from
// the real servers (test/fixtures/dialects) and on the shapes of the mock's flavors.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type DialectObservations, detectDialect, type ProbeAnswer } from '../../src/doctor/detectDialect.js';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/dialects/${name}`, import.meta.url), 'utf8');
const answer = (status: number, body: string, headers: Record<string, string> = {}): ProbeAnswer => ({ status, body, headers });
const ORIGIN = 'https://sts.example';
const AWS_UNSIGNED =
  '<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>MissingAuthenticationToken</Code><Message>Request is missing Authentication Token</Message></Error><RequestId>8407083b-8f9f-47a3-be36-37ca3a03f91d</RequestId></ErrorResponse>';

const seen = (o: Partial<DialectObservations>) => detectDialect({ origin: ORIGIN, ...o });

describe('detectDialect', () => {
  it('AWS: an ErrorResponse in the STS namespace, over POST and GET alike', () => {
    const aws = answer(403, AWS_UNSIGNED, { 'x-amzn-requestid': '8407083b-8f9f-47a3-be36-37ca3a03f91d' });
    expect(seen({ post: aws, get: aws })).toMatchObject({ dialect: 'aws', label: 'AWS STS', mock: false });
  });

  it('MinIO: its Server header (real MinIO), or POST-only STS (as the mock plays it)', () => {
    const minio = answer(403, fixture('minio-error-s3.xml'), { server: 'MinIO', 'x-amz-request-id': '17D8E2B1A5C7F4E5' });
    expect(seen({ post: minio, get: minio })).toMatchObject({ dialect: 'minio', evidence: 'its Server header names MinIO' });
    const refusedGet = answer(405, AWS_UNSIGNED.replace('MissingAuthenticationToken', 'MethodNotAllowed'));
    expect(seen({ post: answer(403, AWS_UNSIGNED), get: refusedGet })).toMatchObject({ dialect: 'minio' });
  });

  it("Ceph: radosgw's recorded S3-style error with its tx… request id", () => {
    const body = fixture('ceph-error-get-caller-identity.xml');
    expect(seen({ post: answer(405, body, { 'x-amz-request-id': 'tx00000ec22717f620cd1b4-006b03f62a-100e-default' }) })).toMatchObject({
      dialect: 'ceph',
      label: 'Ceph RGW',
    });
    // The request id in the body alone is enough.
    expect(seen({ post: answer(403, fixture('ceph-error-bad-signature.xml')) })).toMatchObject({ dialect: 'ceph' });
  });

  it("Dell ECS: its recorded ns2: error, or its request ids' shape", () => {
    expect(seen({ post: answer(403, fixture('ecs-error.xml')) })).toMatchObject({ dialect: 'ecs', label: 'Dell ECS' });
    expect(seen({ post: answer(404, AWS_UNSIGNED.replace(/<RequestId>[^<]*/, '<RequestId>85f22ad0:6f0f5f43c67:3f3c4:a')) })).toMatchObject({ dialect: 'ecs' });
  });

  it('moto: its Server header, or an unsigned GetCallerIdentity answered', () => {
    const s3 =
      '<?xml version="1.0" encoding="utf-8"?>\n<ListAllMyBucketsResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Buckets/></ListAllMyBucketsResult>';
    expect(seen({ post: answer(200, s3, { server: 'Werkzeug/3.1.8 Python/3.11.7, amazon.com' }) })).toMatchObject({ dialect: 'moto' });
    expect(seen({ post: answer(200, fixture('moto-get-caller-identity.xml')) })).toMatchObject({
      dialect: 'moto',
      evidence: expect.stringContaining('without a signature'),
    });
  });

  it("sts-cli's own mock: its OIDC discovery names its /oidc/token", () => {
    const discovery = answer(200, JSON.stringify({ issuer: ORIGIN, jwks_uri: `${ORIGIN}/jwks.json`, token_endpoint: `${ORIGIN}/oidc/token` }));
    expect(seen({ post: answer(403, AWS_UNSIGNED), discovery })).toMatchObject({
      dialect: 'aws',
      mock: true,
      label: "sts-cli's mock STS (answering as AWS STS)",
    });
    expect(seen({ post: answer(403, AWS_UNSIGNED), discovery: answer(200, '{"token_endpoint":"https://elsewhere/oidc/token"}') })).toMatchObject({
      mock: false,
    });
  });

  it('anything else: no dialect, said so', () => {
    expect(seen({ post: answer(200, '<html><body>It works!</body></html>', { server: 'Apache' }) })).toEqual({
      label: 'an unknown server',
      evidence: 'its answers match no STS dialect sts-cli knows',
      mock: false,
    });
  });
});
