import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { StsServiceError, UnexpectedResponseError } from '../../src/errors.js';
import { parseTimestamp, readCallerIdentityResponse, readCredentialsResponse, readServiceError } from '../../src/sts/xml.js';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/dialects/${name}`, import.meta.url), 'utf8');
const ok = (name: string, extra: { requestIdHeader?: string } = {}) => ({ status: 200, body: fixture(name), ...extra });

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('readCredentialsResponse per dialect', () => {
  it('AWS: all fields, whitespace and namespace', () => {
    const r = readCredentialsResponse('AssumeRole', ok('aws-assume-role.xml'));
    expect(r.credentials.accessKeyId).toBe('ASIAIOSFODNN7EXAMPLE');
    expect(r.credentials.secretAccessKey).toBe('wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY');
    expect(r.credentials.sessionToken).toMatch(/^AQoDYXdzEPT\/+wEXAMPLE.*BA==$/);
    expect(r.credentials.expiration.toISOString()).toBe('2019-11-09T13:34:41.000Z');
    expect(r.expirationText).toBe('2019-11-09T13:34:41Z');
    expect(r.assumedRoleUser).toEqual({ arn: 'arn:aws:sts::123456789012:assumed-role/demo/John', assumedRoleId: 'ARO123EXAMPLE123:John' });
    expect(r.packedPolicySize).toBe(6);
    expect(r.sourceIdentity).toBe('DevUser123');
    expect(r.requestId).toBe('c6104cbe-af31-11e0-8154-cbc7ccf896c7');
  });

  it('AWS web identity: subject, audience, provider, fractional seconds', () => {
    const r = readCredentialsResponse('AssumeRoleWithWebIdentity', ok('aws-web-identity.xml'));
    expect(r.subjectFromWebIdentityToken).toBe('amzn1.account.AF6RHO7KZU5XRVQJGXK6HB56KR2A');
    expect(r.audience).toBe('client.5498841531868486423.1548@apps.example.com');
    expect(r.provider).toBe('www.amazon.com');
    expect(r.sourceIdentity).toBe('SourceIdentityValue');
    expect(r.credentials.expiration.toISOString()).toBe('2014-10-24T23:00:23.123Z');
    expect(r.packedPolicySize).toBeUndefined();
  });

  it('moto: real answers (microseconds, PackedPolicySize)', () => {
    const r = readCredentialsResponse('AssumeRole', ok('moto-assume-role.xml'));
    expect(r.credentials.accessKeyId).toBe('ASIARZPUZDIKAIUAELGF');
    expect(r.credentials.expiration.toISOString()).toBe('2026-11-23T12:33:43.363Z');
    expect(r.expirationText).toBe('2026-11-23T12:33:43.363266Z');
    expect(r.assumedRoleUser?.assumedRoleId).toBe('AROA3X42LBCDJ51VV48LF:s1');
    expect(r.packedPolicySize).toBe(6);
    const w = readCredentialsResponse('AssumeRoleWithWebIdentity', ok('moto-web-identity.xml'));
    expect(w.assumedRoleUser?.arn).toBe('arn:aws:sts::123456789012:assumed-role/test/s1');
  });

  it('MinIO: empty Arn, AssumeRoleId, -08:00 offset', () => {
    const r = readCredentialsResponse('AssumeRole', ok('minio-assume-role.xml'));
    expect(r.assumedRoleUser).toEqual({ arn: '', assumedRoleId: '' });
    expect(r.credentials.expiration.toISOString()).toBe('2019-02-21T03:56:59.000Z');
    expect(r.expirationText).toBe('2019-02-20T19:56:59-08:00');
    expect(r.credentials.secretAccessKey).toBe('xbnWUoNKgFxi+uv3RI9UgqP3tULQMdI+Hj+4psd4');
  });

  it('MinIO without AssumedRoleUser; a numeric-looking token stays a string', () => {
    const r = readCredentialsResponse('AssumeRole', ok('minio-assume-role-no-user.xml'));
    expect(r.assumedRoleUser).toBeUndefined();
    expect(r.credentials.sessionToken).toBe('0012345678901234567890E5');
  });

  it('Ceph: no namespace, AssumeRoleId, nanoseconds, request id from the header', () => {
    const r = readCredentialsResponse('AssumeRole', ok('ceph-assume-role-ok.xml', { requestIdHeader: 'tx00000906a62ad2f416cae' }));
    expect(r.credentials.accessKeyId).toBe('j0LsELdBJdqXBktbPat');
    expect(r.credentials.expiration.toISOString()).toBe('2026-11-23T09:15:38.878Z');
    expect(r.expirationText).toBe('2026-11-23T09:15:38.878978824Z');
    expect(r.assumedRoleUser).toEqual({ arn: 'arn:aws:sts:::assumed-role/S3Access/s1', assumedRoleId: '41044dce-dcac-4fed-b5a8-3b700c3ab713:s1' });
    expect(r.packedPolicySize).toBe(0);
    expect(r.requestId).toBe('tx00000906a62ad2f416cae');
    const s = readCredentialsResponse('GetSessionToken', ok('ceph-get-session-token.xml'));
    expect(s.credentials.accessKeyId).toBe('ieZ5ADnD2T4I3K30pho');
    expect(s.assumedRoleUser).toBeUndefined();
  });

  it('Dell ECS: ns2 prefix, ResponseMetadata first, PackedPolicySize', () => {
    const r = readCredentialsResponse('AssumeRole', ok('ecs-assume-role.xml'));
    expect(r.assumedRoleUser).toEqual({ arn: 'urn:ecs:sts::s3:assumed-role/s3assumeRole/temp', assumedRoleId: 'AROA48AEC87ADCFF133F:temp' });
    expect(r.credentials.expiration.toISOString()).toBe('2020-04-23T19:45:46.000Z');
    expect(r.packedPolicySize).toBe(0);
    expect(r.requestId).toBe('0af7b369:171a31ad5b8:12e3a:b');
  });

  it('an answer for another action is unexpected', () => {
    const error = thrown(() => readCredentialsResponse('AssumeRoleWithWebIdentity', ok('aws-assume-role.xml')));
    expect(error).toBeInstanceOf(UnexpectedResponseError);
  });
});

describe('errors', () => {
  const cases: Array<[string, number, string, string, string | undefined]> = [
    ['aws-error-access-denied.xml', 403, 'AccessDenied', 'is not authorized', '0a1b2c3d-4e5f-6789-abcd-ef0123456789'],
    ['aws-error-throttling.xml', 400, 'Throttling', 'Rate exceeded', '7f1a2b3c-0000-4000-8000-000000000001'],
    ['minio-error.xml', 400, 'InvalidParameterValue', 'DurationSeconds', '17D8E2B1A5C7F4E4'],
    ['minio-error-s3.xml', 403, 'SignatureDoesNotMatch', 'signature', '17D8E2B1A5C7F4E5'],
    ['ceph-error-bad-signature.xml', 403, 'AccessDenied', '', 'tx00000a38bb5c0c466c016-006b03f62a-100e-default'],
    ['ceph-error-duration-899.xml', 400, 'InvalidArgument', '', 'tx0000035c759080e2f8ec5-006b03f62a-100e-default'],
    ['ecs-error.xml', 403, 'AccessDenied', 'Not authorized', '0af7b369:171a31ad5b8:12e3b:c'],
  ];
  for (const [name, status, code, message, requestId] of cases) {
    it(`${name} → StsServiceError ${code}`, () => {
      const error = thrown(() => readCredentialsResponse('AssumeRole', { status, body: fixture(name) })) as StsServiceError;
      expect(error).toBeInstanceOf(StsServiceError);
      expect(error.code).toBe('ERR_STS_SERVICE');
      expect(error.exitCode).toBe(1);
      expect(error.serviceCode).toBe(code);
      expect(error.httpStatus).toBe(status);
      expect(error.requestId).toBe(requestId);
      if (message) expect(error.serviceMessage).toContain(message);
      else expect(error.serviceMessage).toBe('');
      expect(error.message).toContain(code);
    });
  }

  it('GetCallerIdentity refused by Ceph (405 MethodNotAllowed)', () => {
    const error = thrown(() => readCallerIdentityResponse({ status: 405, body: fixture('ceph-error-get-caller-identity.xml') })) as StsServiceError;
    expect(error.serviceCode).toBe('MethodNotAllowed');
    expect(error.httpStatus).toBe(405);
  });

  it('an empty Code reads as Unknown', () => {
    const error = readServiceError({ status: 500, body: '<Error><Code></Code><Message>boom</Message></Error>' });
    expect(error?.serviceCode).toBe('Unknown');
    expect(error?.serviceMessage).toBe('boom');
  });

  it('a success document is not an error', () => {
    expect(readServiceError({ status: 200, body: fixture('aws-assume-role.xml') })).toBeNull();
  });

  const unreadable: Array<[string, number, string]> = [
    ['HTML 500 page (moto)', 500, fixture('moto-500.html')],
    ['plain text 404', 404, 'Not Found'],
    ['JSON', 200, '{"Credentials":{}}'],
    ['empty 200', 200, ''],
    ['XML of another service', 200, '<ListAllMyBucketsResult><Buckets/></ListAllMyBucketsResult>'],
    [
      'credentials without a secret',
      200,
      '<AssumeRoleResponse><AssumeRoleResult><Credentials><AccessKeyId>A</AccessKeyId></Credentials></AssumeRoleResult></AssumeRoleResponse>',
    ],
    [
      'a bad Expiration',
      200,
      '<AssumeRoleResponse><AssumeRoleResult><Credentials><AccessKeyId>A</AccessKeyId><SecretAccessKey>S</SecretAccessKey><SessionToken>T</SessionToken><Expiration>tomorrow</Expiration></Credentials></AssumeRoleResult></AssumeRoleResponse>',
    ],
  ];
  for (const [what, status, body] of unreadable) {
    it(`${what} → UnexpectedResponseError with the status and a hint`, () => {
      const error = thrown(() => readCredentialsResponse('AssumeRole', { status, body })) as UnexpectedResponseError;
      expect(error).toBeInstanceOf(UnexpectedResponseError);
      expect(error.code).toBe('ERR_UNEXPECTED_RESPONSE');
      expect(error.exitCode).toBe(1);
      expect(error.message).toContain(`HTTP ${status}`);
      expect(error.hint).toMatch(/endpoint/);
    });
  }
});

describe('control characters in a successful answer (SPEC §11)', () => {
  const answer = (creds: string, user = '<Arn>arn:aws:sts::1:assumed-role/r/s</Arn><AssumedRoleId>ARO:s</AssumedRoleId>') => ({
    status: 200,
    body: `<AssumeRoleResponse><AssumeRoleResult><AssumedRoleUser>${user}</AssumedRoleUser><Credentials>${creds}<Expiration>2030-01-01T00:00:00Z</Expiration></Credentials><SourceIdentity>me\u001b]0;t\u0007</SourceIdentity></AssumeRoleResult></AssumeRoleResponse>`,
  });
  const OK_KEYS = '<AccessKeyId>ASIAEXAMPLE</AccessKeyId><SecretAccessKey>secret/KEY+0=</SecretAccessKey>';

  it.each([
    ['an escape in the session token', `${OK_KEYS}<SessionToken>tok\u001b]52;c;eA==\u0007en</SessionToken>`],
    ['a C1 control in the secret', '<AccessKeyId>ASIAEXAMPLE</AccessKeyId><SecretAccessKey>sec\u009bret</SecretAccessKey><SessionToken>token</SessionToken>'],
    ['a space inside the access key id', '<AccessKeyId>ASIA EXAMPLE</AccessKeyId><SecretAccessKey>secret</SecretAccessKey><SessionToken>token</SessionToken>'],
    ['a bidi override in the token', `${OK_KEYS}<SessionToken>tok\u202een</SessionToken>`],
  ])('credentials with %s are refused (they would go raw to stdout, a file or a shell), without quoting them', (_what, creds) => {
    const error = thrown(() => readCredentialsResponse('AssumeRole', answer(creds))) as UnexpectedResponseError;
    expect(error).toBeInstanceOf(UnexpectedResponseError);
    expect(error.exitCode).toBe(1);
    expect(error.message).toBe('The endpoint answered HTTP 200 with credentials that hold control characters or spaces.');
  });

  it('other fields a person reads (ARN, role id, source identity) are shown escaped', () => {
    const r = readCredentialsResponse(
      'AssumeRole',
      answer(`${OK_KEYS}<SessionToken>token</SessionToken>`, '<Arn>arn:aws:sts::1:assumed-role/r/\u001b[2Ks</Arn><AssumedRoleId>ARO:\u202es</AssumedRoleId>'),
    );
    expect(r.assumedRoleUser).toEqual({ arn: 'arn:aws:sts::1:assumed-role/r/\\u001b[2Ks', assumedRoleId: 'ARO:\\u202es' });
    expect(r.sourceIdentity).toBe('me\\u001b]0;t\\u0007');
    expect(r.credentials.sessionToken).toBe('token');
  });

  it('GetCallerIdentity: account, ARN and user id are shown escaped', () => {
    const id = readCallerIdentityResponse({
      status: 200,
      body: '<GetCallerIdentityResponse><GetCallerIdentityResult><Arn>arn:aws:iam::1:user/\u001b]0;x\u0007</Arn><UserId>AID\u009b</UserId><Account>123</Account></GetCallerIdentityResult></GetCallerIdentityResponse>',
    });
    expect(id).toMatchObject({ arn: 'arn:aws:iam::1:user/\\u001b]0;x\\u0007', userId: 'AID\\u009b', account: '123' });
  });
});

describe('readCallerIdentityResponse', () => {
  it('moto', () => {
    expect(readCallerIdentityResponse(ok('moto-get-caller-identity.xml'))).toEqual({
      account: '123456789012',
      arn: 'arn:aws:sts::123456789012:user/moto',
      userId: 'AKIAIOSFODNN7EXAMPLE',
      requestId: 'e0Ky7Gv1nyJnQKVxqhd3QY7j0FfM09ebRuduaMhzdC412LN6ufwh',
    });
  });
  it('keeps a 12-digit account with leading zeros as text', () => {
    const body =
      '<GetCallerIdentityResponse><GetCallerIdentityResult><Account>000000000042</Account><Arn>arn:aws:iam::000000000042:user/a</Arn><UserId>AIDA</UserId></GetCallerIdentityResult></GetCallerIdentityResponse>';
    expect(readCallerIdentityResponse({ status: 200, body }).account).toBe('000000000042');
  });
});

describe('parseTimestamp', () => {
  it.each([
    ['2026-11-23T09:15:38Z', '2026-11-23T09:15:38.000Z'],
    ['2026-11-23T09:15:38.1Z', '2026-11-23T09:15:38.100Z'],
    ['2026-11-23T09:15:38.878978824Z', '2026-11-23T09:15:38.878Z'],
    ['2019-02-20T19:56:59-08:00', '2019-02-21T03:56:59.000Z'],
    ['2019-02-20T19:56:59.5+0130', '2019-02-20T18:26:59.500Z'],
    ['2019-02-20T19:56:59', '2019-02-20T19:56:59.000Z'],
  ])('%s', (text, iso) => {
    expect(parseTimestamp(text)?.toISOString()).toBe(iso);
  });
  it.each(['', 'tomorrow', '2019-02-30', '2019-13-01T00:00:00Z'])('rejects %j', (text) => {
    expect(parseTimestamp(text)).toBeNull();
  });
});
