// Each flavor's answers have the shape of the real server's (SPEC §2 dialects, §5 flavors).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockSts, type MockSts } from '../../src/mock/index.js';
import { assumeParams, call, readAnswer, resultOf } from './call.js';

let aws: MockSts;
let minio: MockSts;
let ecs: MockSts;
let ceph: MockSts;

beforeAll(async () => {
  [aws, minio, ecs, ceph] = await Promise.all([
    startMockSts(),
    startMockSts({ flavor: 'minio' }),
    startMockSts({ flavor: 'ecs', authToken: 'ecs-secret-token' }),
    startMockSts({ flavor: 'ceph' }),
  ]);
});
afterAll(async () => Promise.all([aws, minio, ecs, ceph].map((m) => m?.close())));

const elementNames = (xml: string) => [...xml.matchAll(/<([\w:]+)[\s>]/g)].map((m) => m[1]);

describe('aws flavor', () => {
  it('answers in the STS namespace with AssumedRoleId and ResponseMetadata last', async () => {
    const answer = await call(aws.url, assumeParams({ Policy: '{"Version":"2012-10-17","Statement":[]}' }));
    expect(answer.text.startsWith('<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleResult>')).toBe(true);
    expect(elementNames(answer.text)).toEqual([
      'AssumeRoleResponse',
      'AssumeRoleResult',
      'AssumedRoleUser',
      'Arn',
      'AssumedRoleId',
      'Credentials',
      'AccessKeyId',
      'Expiration',
      'SecretAccessKey',
      'SessionToken',
      'PackedPolicySize',
      'ResponseMetadata',
      'RequestId',
    ]);
    expect(answer.headers.get('x-amzn-requestid')).toBe(answer.xml.AssumeRoleResponse.ResponseMetadata.RequestId);
    expect(answer.headers.get('content-type')).toBe('text/xml');
  });

  it('refuses with an ErrorResponse carrying Type, Code, Message and RequestId', async () => {
    const answer = await call(aws.url, assumeParams({ DurationSeconds: '899' }));
    expect(answer.status).toBe(400);
    expect(answer.xml.ErrorResponse).toEqual({
      Error: {
        Type: 'Sender',
        Code: 'ValidationError',
        Message:
          "1 validation error detected: Value '899' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900",
      },
      RequestId: answer.headers.get('x-amzn-requestid'),
    });
  });

  it('accepts a presigned GetCallerIdentity URL', async () => {
    const { presignUrl } = await import('../../src/sigv4/index.js');
    const url = presignUrl(
      { method: 'GET', url: `${aws.url}/?Action=GetCallerIdentity&Version=2011-06-15`, headers: {} },
      { credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, region: 'us-east-1', service: 'sts', now: new Date(), expiresSeconds: 60 },
    );
    const response = await fetch(url);
    const answer = readAnswer(response.status, response.headers, await response.text());
    expect(answer.status).toBe(200);
    expect(resultOf(answer).Arn).toBe('arn:aws:iam::123456789012:user/test');
    const tampered = await fetch(url.replace('Version=2011-06-15', 'Version=2011-06-15&Extra=1'));
    expect(tampered.status).toBe(403);
  });
});

describe('minio flavor', () => {
  it('answers AssumeRoleId and an empty Arn, with a declaration and the STS namespace', async () => {
    const answer = await call(minio.url, { Action: 'AssumeRole', Version: '2011-06-15', DurationSeconds: '3600' });
    expect(answer.status).toBe(200);
    expect(answer.text).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<AssumeRoleResponse xmlns="https:\/\/sts.amazonaws.com\/doc\/2011-06-15\/">/);
    expect(answer.text).toContain('<AssumedRoleUser><Arn></Arn><AssumeRoleId></AssumeRoleId></AssumedRoleUser>');
    expect(answer.text).not.toContain('AssumedRoleId');
  });

  it('routes AssumeRole only as a POST form with an empty query string', async () => {
    const answer = await call(minio.url, assumeParams(), { path: '/?Action=AssumeRole' });
    expect(answer.status).toBe(405);
  });
});

describe('ecs flavor', () => {
  const ecsRole = 'urn:ecs:iam::s3:role/s3assumeRole';
  const post = (query: string, headers: Record<string, string>, path = '/sts') => fetch(`${ecs.url}${path}?${query}`, { method: 'POST', headers });

  it('takes parameters from the query string of POST /sts with X-SDS-AUTH-TOKEN and answers with ns2:, ResponseMetadata first and PackedPolicySize', async () => {
    const response = await post(`Action=AssumeRole&RoleSessionName=temp&RoleArn=${encodeURIComponent(ecsRole)}&DurationSeconds=7200`, {
      'X-SDS-AUTH-TOKEN': 'ecs-secret-token',
    });
    const text = await response.text();
    expect(response.status).toBe(200);
    expect(
      text.startsWith('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<ns2:AssumeRoleResponse xmlns:ns2="none"><ResponseMetadata><RequestId>'),
    ).toBe(true);
    expect(elementNames(text).slice(3)).toEqual([
      'AssumeRoleResult',
      'AssumedRoleUser',
      'Arn',
      'AssumedRoleId',
      'Credentials',
      'AccessKeyId',
      'Expiration',
      'SecretAccessKey',
      'SessionToken',
      'PackedPolicySize',
    ]);
    const result = readAnswer(response.status, response.headers, text).xml.AssumeRoleResponse.AssumeRoleResult;
    expect(result.AssumedRoleUser.Arn).toBe('urn:ecs:sts::s3:assumed-role/s3assumeRole/temp');
    expect(result.AssumedRoleUser.AssumedRoleId).toMatch(/^AROA[A-Z0-9]{17}:temp$/);
    expect(result.Credentials.AccessKeyId).toMatch(/^ASIA[A-Z0-9]{16}$/);
  });

  it('refuses a wrong or missing token, and answers nothing outside /sts', async () => {
    const q = `Action=AssumeRole&RoleSessionName=temp&RoleArn=${encodeURIComponent(ecsRole)}`;
    const wrong = await post(q, { 'X-SDS-AUTH-TOKEN': 'test' });
    const missing = await post(q, {});
    const elsewhere = await post(q, { 'X-SDS-AUTH-TOKEN': 'ecs-secret-token' }, '/');
    expect([wrong.status, readAnswer(403, wrong.headers, await wrong.text()).code]).toEqual([403, 'InvalidClientTokenId']);
    expect([missing.status, readAnswer(403, missing.headers, await missing.text()).code]).toEqual([403, 'MissingAuthenticationToken']);
    expect(elsewhere.status).toBe(404);
  });
});

describe('ceph flavor', () => {
  it('answers GetCallerIdentity 405 MethodNotAllowed as pacific does, as a bare S3 Error', async () => {
    const answer = await call(ceph.url, { Action: 'GetCallerIdentity', Version: '2011-06-15' });
    expect(answer.status).toBe(405);
    expect(answer.text).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?><Error><Code>MethodNotAllowed<\/Code><Message><\/Message><RequestId>tx/);
  });

  it('role ARNs with a 12-digit account are not found (404 NoSuchEntity) even with no roles configured', async () => {
    const answer = await call(ceph.url, assumeParams());
    expect([answer.status, answer.code]).toEqual([404, 'NoSuchEntity']);
  });
});
