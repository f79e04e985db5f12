// Every limit of SPEC §5, on both sides of its boundary, against the flavor it belongs to.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockSts, type MockSts } from '../../src/mock/index.js';
import { totp } from '../../src/mock/totp.js';
import { limits, type LengthRule } from '../../src/sts/limits.js';
import { checkAssumeRoleParams, checkWebIdentityParams } from '../../src/sts/params.js';
import { assumeParams, call, credentialsOf, ROLE, type Answer } from './call.js';

const MFA_SECRET = 'JBSWY3DPEHPK3PXP';
const SHORT_ROLE = 'arn:aws:iam::123456789012:role/short';
const MFA_ROLE = 'arn:aws:iam::123456789012:role/mfa';
const SERIAL = 'arn:aws:iam::123456789012:mfa/test';

let mocks: Record<'aws' | 'configured' | 'minio' | 'ceph', MockSts>;

beforeAll(async () => {
  const [aws, configured, minio, ceph] = await Promise.all([
    startMockSts(),
    startMockSts({
      config: {
        users: [{ accessKeyId: 'test', secretAccessKey: 'test' }],
        roles: [
          { arn: SHORT_ROLE, trust: { users: ['test'] } },
          { arn: MFA_ROLE, maxSessionDuration: 43200, trust: { users: ['test'] }, mfa: { serialNumber: SERIAL, totpSecret: MFA_SECRET } },
        ],
      },
    }),
    startMockSts({ flavor: 'minio' }),
    startMockSts({ flavor: 'ceph' }),
  ]);
  mocks = { aws: aws!, configured: configured!, minio: minio!, ceph: ceph! };
});
afterAll(async () => Promise.all(Object.values(mocks).map((m) => m.close())));

const a = (n: number, c = 'a') => c.repeat(n);
const arnOfLength = (n: number) => `arn:aws:iam::123456789012:role/${a(n - 31)}`;
const policyOfPackedLength = (n: number, padding = '') => {
  const head = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::`;
  const tail = `"}]}`;
  return `${head}${a(n - head.length - tail.length)}${tail}`.replace(/,/g, `,${padding}`);
};
const webParams = (extra: Record<string, string>) => ({
  Action: 'AssumeRoleWithWebIdentity',
  Version: '2011-06-15',
  RoleArn: ROLE,
  RoleSessionName: 's1',
  ...extra,
});
const members = (prefix: string, n: number, make: (i: number) => Record<string, string>) =>
  Object.assign(
    {},
    ...Array.from({ length: n }, (_, i) => Object.fromEntries(Object.entries(make(i + 1)).map(([k, v]) => [`${prefix}.member.${i + 1}${k}`, v]))),
  );

type Mock = keyof typeof mocks;
interface Row {
  name: string;
  mock?: Mock;
  params: Record<string, string> | (() => Promise<Record<string, string>>);
  /** Sign with temporary credentials from an AssumeRole first (role chaining). */
  chained?: boolean;
  skewSeconds?: number;
  unsigned?: boolean;
  status: number;
  code?: string;
}

const table: Row[] = [
  // RoleArn 20..2048 (the aws flavor also wants an IAM role ARN; minio takes anything)
  { name: 'RoleArn 19 chars (minio)', mock: 'minio', params: assumeParams({ RoleArn: a(19) }), status: 400, code: 'InvalidParameterValue' },
  { name: 'RoleArn 20 chars (minio)', mock: 'minio', params: assumeParams({ RoleArn: a(20) }), status: 200 },
  { name: 'RoleArn 2048 chars', params: assumeParams({ RoleArn: arnOfLength(2048) }), status: 200 },
  { name: 'RoleArn 2049 chars', params: assumeParams({ RoleArn: arnOfLength(2049) }), status: 400, code: 'ValidationError' },
  { name: 'RoleArn not an ARN', params: assumeParams({ RoleArn: 'not-an-arn-but-long-enough' }), status: 400, code: 'ValidationError' },
  { name: 'RoleArn missing', params: { Action: 'AssumeRole', Version: '2011-06-15', RoleSessionName: 's1' }, status: 400, code: 'MissingParameter' },
  { name: 'RoleArn optional (minio)', mock: 'minio', params: { Action: 'AssumeRole', Version: '2011-06-15' }, status: 200 },
  // RoleSessionName 2..64 of [\w+=,.@-], no + for ceph
  { name: 'RoleSessionName 1 char', params: assumeParams({ RoleSessionName: 'a' }), status: 400, code: 'ValidationError' },
  { name: 'RoleSessionName 2 chars', params: assumeParams({ RoleSessionName: 'ab' }), status: 200 },
  { name: 'RoleSessionName 64 chars', params: assumeParams({ RoleSessionName: a(64) }), status: 200 },
  { name: 'RoleSessionName 65 chars', params: assumeParams({ RoleSessionName: a(65) }), status: 400, code: 'ValidationError' },
  { name: 'RoleSessionName with + = , . @ -', params: assumeParams({ RoleSessionName: 'a+b=c,d.e@f-g_h' }), status: 200 },
  { name: 'RoleSessionName with a space', params: assumeParams({ RoleSessionName: 'bad name' }), status: 400, code: 'ValidationError' },
  {
    name: 'RoleSessionName with + (ceph)',
    mock: 'ceph',
    params: assumeParams({ RoleArn: 'arn:aws:iam:::role/S3Access', RoleSessionName: 'a+b' }),
    status: 400,
    code: 'InvalidArgument',
  },
  {
    name: 'RoleSessionName without + (ceph)',
    mock: 'ceph',
    params: assumeParams({ RoleArn: 'arn:aws:iam:::role/S3Access', RoleSessionName: 'a=b' }),
    status: 200,
  },
  // DurationSeconds 900..43200, minio 7 days, role maximum, chaining
  { name: 'DurationSeconds 899', params: assumeParams({ DurationSeconds: '899' }), status: 400, code: 'ValidationError' },
  { name: 'DurationSeconds 900', params: assumeParams({ DurationSeconds: '900' }), status: 200 },
  { name: 'DurationSeconds 43200', params: assumeParams({ DurationSeconds: '43200' }), status: 200 },
  { name: 'DurationSeconds 43201', params: assumeParams({ DurationSeconds: '43201' }), status: 400, code: 'ValidationError' },
  { name: 'DurationSeconds not a number', params: assumeParams({ DurationSeconds: 'abc' }), status: 400, code: 'ValidationError' },
  { name: 'DurationSeconds 604800 (minio)', mock: 'minio', params: assumeParams({ DurationSeconds: '604800' }), status: 200 },
  { name: 'DurationSeconds 604801 (minio)', mock: 'minio', params: assumeParams({ DurationSeconds: '604801' }), status: 400, code: 'InvalidParameterValue' },
  { name: 'DurationSeconds 3600 on a default role', mock: 'configured', params: assumeParams({ RoleArn: SHORT_ROLE, DurationSeconds: '3600' }), status: 200 },
  {
    name: 'DurationSeconds 3601 on a default role',
    mock: 'configured',
    params: assumeParams({ RoleArn: SHORT_ROLE, DurationSeconds: '3601' }),
    status: 400,
    code: 'ValidationError',
  },
  { name: 'chained AssumeRole 3600', chained: true, params: assumeParams({ DurationSeconds: '3600' }), status: 200 },
  { name: 'chained AssumeRole 3601', chained: true, params: assumeParams({ DurationSeconds: '3601' }), status: 400, code: 'ValidationError' },
  { name: 'chained AssumeRole (minio refuses)', mock: 'minio', chained: true, params: assumeParams(), status: 403, code: 'AccessDenied' },
  // Policy 1..2048 after whitespace removal, valid JSON
  { name: 'Policy empty', params: assumeParams({ Policy: '' }), status: 400, code: 'ValidationError' },
  { name: 'Policy packed 2048', params: assumeParams({ Policy: policyOfPackedLength(2048) }), status: 200 },
  { name: 'Policy packed 2048 with whitespace', params: assumeParams({ Policy: policyOfPackedLength(2048, '\n   ') }), status: 200 },
  { name: 'Policy packed 2049', params: assumeParams({ Policy: policyOfPackedLength(2049) }), status: 400, code: 'ValidationError' },
  { name: 'Policy not JSON', params: assumeParams({ Policy: '{not json' }), status: 400, code: 'MalformedPolicyDocument' },
  { name: 'PolicyArns 10', params: assumeParams(members('PolicyArns', 10, (i) => ({ '.arn': `arn:aws:iam::aws:policy/P${i}` }))), status: 200 },
  {
    name: 'PolicyArns 11',
    params: assumeParams(members('PolicyArns', 11, (i) => ({ '.arn': `arn:aws:iam::aws:policy/P${i}` }))),
    status: 400,
    code: 'ValidationError',
  },
  { name: 'Tags 50', params: assumeParams(members('Tags', 50, (i) => ({ '.Key': `k${i}`, '.Value': 'v' }))), status: 200 },
  { name: 'Tags 51', params: assumeParams(members('Tags', 51, (i) => ({ '.Key': `k${i}`, '.Value': 'v' }))), status: 400, code: 'ValidationError' },
  {
    name: 'Policy + tags over the packed allowance',
    params: assumeParams({ Policy: policyOfPackedLength(2048), ...members('Tags', 5, (i) => ({ '.Key': `key${i}`, '.Value': a(100) })) }),
    status: 400,
    code: 'PackedPolicyTooLarge',
  },
  // ExternalId 2..1224, SourceIdentity 2..64
  { name: 'ExternalId 1 char', params: assumeParams({ ExternalId: 'x' }), status: 400, code: 'ValidationError' },
  { name: 'ExternalId 2 chars', params: assumeParams({ ExternalId: 'xy' }), status: 200 },
  { name: 'ExternalId 1224 chars', params: assumeParams({ ExternalId: a(1224) }), status: 200 },
  { name: 'ExternalId 1225 chars', params: assumeParams({ ExternalId: a(1225) }), status: 400, code: 'ValidationError' },
  { name: 'SourceIdentity 1 char', params: assumeParams({ SourceIdentity: 'x' }), status: 400, code: 'ValidationError' },
  { name: 'SourceIdentity 2 chars', params: assumeParams({ SourceIdentity: 'xy' }), status: 200 },
  // SerialNumber 9..256, TokenCode 6 digits, TOTP ±1 step
  { name: 'SerialNumber 8 chars', params: assumeParams({ SerialNumber: a(8), TokenCode: '123456' }), status: 400, code: 'ValidationError' },
  { name: 'SerialNumber 9 chars', params: assumeParams({ SerialNumber: a(9), TokenCode: '123456' }), status: 200 },
  { name: 'SerialNumber 256 chars', params: assumeParams({ SerialNumber: a(256), TokenCode: '123456' }), status: 200 },
  { name: 'SerialNumber 257 chars', params: assumeParams({ SerialNumber: a(257), TokenCode: '123456' }), status: 400, code: 'ValidationError' },
  { name: 'TokenCode 5 digits', params: assumeParams({ SerialNumber: SERIAL, TokenCode: '12345' }), status: 400, code: 'ValidationError' },
  { name: 'TokenCode letters', params: assumeParams({ SerialNumber: SERIAL, TokenCode: 'abcdef' }), status: 400, code: 'ValidationError' },
  {
    name: 'MFA role, current code',
    mock: 'configured',
    params: async () => assumeParams({ RoleArn: MFA_ROLE, SerialNumber: SERIAL, TokenCode: totp(MFA_SECRET, new Date()) }),
    status: 200,
  },
  {
    name: 'MFA role, previous step',
    mock: 'configured',
    params: async () => assumeParams({ RoleArn: MFA_ROLE, SerialNumber: SERIAL, TokenCode: totp(MFA_SECRET, new Date(), -1) }),
    status: 200,
  },
  {
    name: 'MFA role, three steps off',
    mock: 'configured',
    params: async () => assumeParams({ RoleArn: MFA_ROLE, SerialNumber: SERIAL, TokenCode: totp(MFA_SECRET, new Date(), -3) }),
    status: 403,
    code: 'AccessDenied',
  },
  { name: 'MFA role, no code', mock: 'configured', params: assumeParams({ RoleArn: MFA_ROLE }), status: 403, code: 'AccessDenied' },
  // WebIdentityToken 4..20000 (2048 ceph), ProviderId 4..2048
  { name: 'WebIdentityToken 3 chars', params: webParams({ WebIdentityToken: 'abc' }), unsigned: true, status: 400, code: 'ValidationError' },
  {
    name: 'WebIdentityToken 4 chars (passes length, not a JWT)',
    params: webParams({ WebIdentityToken: 'abcd' }),
    unsigned: true,
    status: 400,
    code: 'InvalidIdentityToken',
  },
  { name: 'WebIdentityToken 20000 chars', params: webParams({ WebIdentityToken: a(20000) }), unsigned: true, status: 400, code: 'InvalidIdentityToken' },
  { name: 'WebIdentityToken 20001 chars', params: webParams({ WebIdentityToken: a(20001) }), unsigned: true, status: 400, code: 'ValidationError' },
  {
    name: 'WebIdentityToken 2048 chars (ceph)',
    mock: 'ceph',
    params: webParams({ RoleArn: 'arn:aws:iam:::role/S3Access', WebIdentityToken: a(2048) }),
    unsigned: true,
    status: 403,
    code: 'AccessDenied',
  },
  {
    name: 'WebIdentityToken 2049 chars (ceph)',
    mock: 'ceph',
    params: webParams({ RoleArn: 'arn:aws:iam:::role/S3Access', WebIdentityToken: a(2049) }),
    unsigned: true,
    status: 400,
    code: 'InvalidArgument',
  },
  { name: 'ProviderId 3 chars', params: webParams({ WebIdentityToken: 'abcd', ProviderId: 'abc' }), unsigned: true, status: 400, code: 'ValidationError' },
  { name: 'ProviderId 2049 chars', params: webParams({ WebIdentityToken: 'abcd', ProviderId: a(2049) }), unsigned: true, status: 400, code: 'ValidationError' },
  {
    name: 'ProviderId 2048 chars',
    params: webParams({ WebIdentityToken: 'abcd', ProviderId: a(2048) }),
    unsigned: true,
    status: 400,
    code: 'InvalidIdentityToken',
  },
  // Version and Action
  { name: 'Version missing', params: { Action: 'AssumeRole', RoleArn: ROLE, RoleSessionName: 's1' }, status: 400, code: 'MissingParameter' },
  { name: 'Version 2099-01-01', params: assumeParams({ Version: '2099-01-01' }), status: 400, code: 'InvalidAction' },
  { name: 'Version not checked (ceph)', mock: 'ceph', params: assumeParams({ RoleArn: 'arn:aws:iam:::role/S3Access', Version: '2099-01-01' }), status: 200 },
  { name: 'Action missing', params: { Version: '2011-06-15' }, status: 400, code: 'InvalidAction' },
  { name: 'Action unknown', params: { Action: 'AssumeRolee', Version: '2011-06-15' }, status: 400, code: 'InvalidAction' },
  // GetSessionToken 900..129600 (ceph 43200)
  { name: 'GetSessionToken 899', params: { Action: 'GetSessionToken', Version: '2011-06-15', DurationSeconds: '899' }, status: 400, code: 'ValidationError' },
  { name: 'GetSessionToken 900', params: { Action: 'GetSessionToken', Version: '2011-06-15', DurationSeconds: '900' }, status: 200 },
  { name: 'GetSessionToken 129600', params: { Action: 'GetSessionToken', Version: '2011-06-15', DurationSeconds: '129600' }, status: 200 },
  {
    name: 'GetSessionToken 129601',
    params: { Action: 'GetSessionToken', Version: '2011-06-15', DurationSeconds: '129601' },
    status: 400,
    code: 'ValidationError',
  },
  { name: 'GetSessionToken 43200 (ceph)', mock: 'ceph', params: { Action: 'GetSessionToken', DurationSeconds: '43200' }, status: 200 },
  { name: 'GetSessionToken 43201 (ceph)', mock: 'ceph', params: { Action: 'GetSessionToken', DurationSeconds: '43201' }, status: 400, code: 'InvalidArgument' },
  {
    name: 'GetSessionToken with temporary credentials',
    chained: true,
    params: { Action: 'GetSessionToken', Version: '2011-06-15' },
    status: 403,
    code: 'AccessDenied',
  },
  // Clock skew: 15 minutes
  { name: 'clock +14 min', skewSeconds: 14 * 60, params: assumeParams(), status: 200 },
  { name: 'clock +16 min', skewSeconds: 16 * 60, params: assumeParams(), status: 400, code: 'RequestExpired' },
  { name: 'clock -16 min', skewSeconds: -16 * 60, params: assumeParams(), status: 400, code: 'RequestExpired' },
  {
    name: 'clock +16 min (ceph)',
    mock: 'ceph',
    skewSeconds: 16 * 60,
    params: assumeParams({ RoleArn: 'arn:aws:iam:::role/S3Access' }),
    status: 403,
    code: 'RequestTimeTooSkewed',
  },
];

async function run(row: Row): Promise<Answer> {
  const mock = mocks[row.mock ?? 'aws'];
  const params = typeof row.params === 'function' ? await row.params() : row.params;
  let credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string } | null = row.unsigned
    ? null
    : { accessKeyId: 'test', secretAccessKey: 'test' };
  if (row.chained) {
    const first = await call(mock.url, assumeParams({ RoleArn: row.mock === 'ceph' ? 'arn:aws:iam:::role/S3Access' : ROLE }));
    expect(first.status).toBe(200);
    credentials = credentialsOf(first);
  }
  return call(mock.url, params, { credentials, now: new Date(Date.now() + (row.skewSeconds ?? 0) * 1000) });
}

describe('SPEC §5 limits, both sides of each boundary', () => {
  it.each(table.map((row) => [row.name, row] as const))('%s', async (_name, row) => {
    const answer = await run(row);
    expect({ status: answer.status, code: answer.code }).toEqual({ status: row.status, code: row.code });
  });

  it('Expiration is now + DurationSeconds, and GetSessionToken lasts 43200 s by default', async () => {
    const before = Math.floor(Date.now() / 1000);
    const assumed = credentialsOf(await call(mocks.aws.url, assumeParams({ DurationSeconds: '900' })));
    const session = credentialsOf(await call(mocks.aws.url, { Action: 'GetSessionToken', Version: '2011-06-15' }));
    const after = Math.ceil(Date.now() / 1000);
    const seconds = (text: string) => Date.parse(text) / 1000;
    expect(seconds(assumed.expiration)).toBeGreaterThanOrEqual(before + 900);
    expect(seconds(assumed.expiration)).toBeLessThanOrEqual(after + 900);
    expect(seconds(session.expiration)).toBeGreaterThanOrEqual(before + 43200);
    expect(seconds(session.expiration)).toBeLessThanOrEqual(after + 43200);
  });

  it('issues ASIA + 16 upper-case alphanumerics and a 40-character secret', async () => {
    const c = credentialsOf(await call(mocks.aws.url, assumeParams()));
    expect(c.accessKeyId).toMatch(/^ASIA[A-Z0-9]{16}$/);
    expect(c.secretAccessKey).toHaveLength(40);
    expect(c.expiration).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  });
});

describe('client and mock check through the same table', () => {
  // Both sides of each boundary, and a character outside the pattern: the client refuses before
  // sending exactly when the aws-flavored mock answers ValidationError.
  const values = (rule: LengthRule) => [
    a(rule.min - 1),
    a(rule.min),
    a(rule.max),
    a(rule.max + 1),
    ...(rule.charset ? [`${a(rule.min)} ${a(rule.min)}`, `${a(rule.min)}+`] : []),
  ];
  const refusedBy = (check: () => void) => {
    try {
      check();
      return false;
    } catch {
      return true;
    }
  };
  const assumeRules = [limits.roleSessionName, limits.externalId, limits.serialNumber, limits.sourceIdentity];
  const webRules = [limits.webIdentityToken, limits.providerId];

  it.each(assumeRules.map((rule) => [rule.member, rule] as const))('AssumeRole %s', async (_member, rule) => {
    for (const value of values(rule)) {
      const mfa = rule === limits.serialNumber ? { tokenCode: '123456' } : {};
      const client = refusedBy(() => checkAssumeRoleParams({ roleArn: ROLE, roleSessionName: 's1', ...mfa, [rule.field]: value }));
      const answer = await call(mocks.aws.url, assumeParams({ ...(rule === limits.serialNumber ? { TokenCode: '123456' } : {}), [rule.member]: value }));
      expect({ value: value.slice(0, 20), length: value.length, mock: answer.code === 'ValidationError' }).toEqual({
        value: value.slice(0, 20),
        length: value.length,
        mock: client,
      });
    }
  });

  it.each(webRules.map((rule) => [rule.member, rule] as const))('AssumeRoleWithWebIdentity %s', async (_member, rule) => {
    for (const value of values(rule)) {
      const params = { WebIdentityToken: 'abcd', [rule.member]: value };
      const client = refusedBy(() => checkWebIdentityParams({ roleArn: ROLE, roleSessionName: 's1', webIdentityToken: 'abcd', [rule.field]: value }));
      const answer = await call(mocks.aws.url, webParams(params), { credentials: null });
      expect({ length: value.length, mock: answer.code === 'ValidationError' }).toEqual({ length: value.length, mock: client });
    }
  });
});
