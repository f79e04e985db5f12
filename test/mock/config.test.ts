// The config file (clear errors with the right exit codes), the request log line, TOTP, and
// the option checks of startMockSts.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FileError, UsageError } from '../../src/errors.js';
import { formatRequestLog, loadMockConfig, startMockSts, validateMockConfig } from '../../src/mock/index.js';
import { loadProviders } from '../../src/mock/oidc.js';
import { totp, verifyTotp } from '../../src/mock/totp.js';
import { assumeParams, call } from './call.js';

const dir = mkdtempSync(join(tmpdir(), 'mock-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

async function rejection(p: Promise<unknown>): Promise<{ code?: string; exitCode?: number; message: string }> {
  return p.then(
    () => ({ message: 'resolved' }),
    (e: { code?: string; exitCode?: number; message: string }) => e,
  );
}

describe('loadMockConfig', () => {
  it('reads a valid config', async () => {
    const config = await loadMockConfig(
      file(
        'ok.json',
        JSON.stringify({
          flavor: 'minio',
          account: '111122223333',
          users: [{ accessKeyId: 'AKIAX', secretAccessKey: 's', name: 'alice' }],
          roles: [
            {
              arn: 'arn:aws:iam::111122223333:role/r',
              maxSessionDuration: 7200,
              trust: { users: ['alice'], oidc: [{ issuer: 'self', audiences: ['a'] }] },
              mfa: { serialNumber: 'arn:aws:iam::111122223333:mfa/alice', totpSecret: 'JBSWY3DPEHPK3PXP' },
            },
          ],
        }),
      ),
    );
    expect(config.flavor).toBe('minio');
    expect(config.roles![0]!.trust.oidc![0]!.audiences).toEqual(['a']);
  });

  it('a missing or unparsable file is a FileError (exit 5)', async () => {
    const missing = await rejection(loadMockConfig(join(dir, 'nope.json')));
    expect(missing).toBeInstanceOf(FileError);
    expect(missing.exitCode).toBe(5);
    expect(missing.message).toContain('does not exist');
    const broken = await rejection(loadMockConfig(file('broken.json', '{"users": [')));
    expect([broken.code, broken.exitCode]).toEqual(['ERR_FILE', 5]);
  });

  it('a syntax error right after a secret names the place, never the text (config and JWKS)', async () => {
    const secret = 'wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEY';
    const text = `{\n  "users": [{ "accessKeyId": "AKIAX", "secretAccessKey": "${secret}" x }]\n}`;
    const checks = [
      await rejection(loadMockConfig(file('leak.json', text))),
      await rejection(loadMockConfig(file('leak-trailing.json', `{"s": "${secret}"}${secret}`))),
      await rejection(loadMockConfig(file('leak-token.json', `${secret}`))),
      await rejection(loadProviders([{ issuer: 'https://idp.test', jwksFile: file('leak-jwks.json', `{"keys":[{"kty":"OKP","d":"${secret}",}]}`) }], 'RS256')),
    ];
    for (const error of checks) {
      expect([error.code, error.exitCode]).toEqual(['ERR_FILE', 5]);
      for (let i = 0; i + 4 <= secret.length; i++) expect(error.message).not.toContain(secret.slice(i, i + 4));
      expect((error as { cause?: unknown }).cause).toBeUndefined();
    }
    expect(checks[0]!.message).toMatch(/ at line 2, column \d+\.$/);
    expect(checks[3]!.message).toMatch(/not valid JSON at line 1, column \d+\.$/);
  });

  it.each([
    ['[]', 'the top level must be a JSON object'],
    ['{"flavor":"s3"}', 'flavor must be one of aws, minio, ceph, ecs'],
    ['{"users":[{"accessKeyId":"a"}]}', 'users[0].secretAccessKey must be a non-empty string'],
    ['{"users":[{"accessKeyId":"a","secretAccessKey":"b"},{"accessKeyId":"a","secretAccessKey":"c"}]}', 'lists access key id a twice'],
    ['{"roles":[{"arn":"arn:aws:iam::123456789012:role/x","maxSessionDuration":100}]}', 'roles[0].maxSessionDuration must be an integer'],
    [
      '{"roles":[{"arn":"arn:aws:iam::123456789012:role/x","trust":{"oidc":[{"audiences":["a"]}]}}]}',
      'roles[0].trust.oidc[0].issuer must be a non-empty string',
    ],
    ['{"roles":[{"arn":"arn:aws:iam::123456789012:role/x","mfa":{"serialNumber":"s","totpSecret":"not base32!"}}]}', 'totpSecret must be base32'],
    ['{"oidcProviders":[{"issuer":"i"}]}', 'needs exactly one of jwksFile or jwksUrl'],
    ['{"rolez":[]}', 'unknown field "rolez"'],
    ['{"roles":[{"arn":"arn:aws:iam::123456789012:user/x"}]}', 'roles[0].arn must be a role ARN such as'],
    ['{"roles":[{"arn":"arn:aws:iam::1:role"}]}', 'roles[0].arn must be 20 to 2048 characters'],
    ['{"$schema":42}', '$schema must be a string'],
  ])('%s is a UsageError (exit 2) naming the field', async (text, phrase) => {
    const error = await rejection(loadMockConfig(file(`bad-${Math.random()}.json`, text)));
    expect(error).toBeInstanceOf(UsageError);
    expect(error.exitCode).toBe(2);
    expect(error.message).toContain(phrase);
  });

  it('startMockSts reads a config path, and refuses a short signing key or a bad JWKS file', async () => {
    const sts = await startMockSts({ config: file('users.json', JSON.stringify({ users: [{ accessKeyId: 'AKIAUSER', secretAccessKey: 'user-secret' }] })) });
    try {
      expect([sts.accessKeyId, sts.secretAccessKey]).toEqual(['AKIAUSER', 'user-secret']);
      expect((await call(sts.url, assumeParams(), { credentials: { accessKeyId: 'AKIAUSER', secretAccessKey: 'user-secret' } })).status).toBe(200);
      expect((await call(sts.url, assumeParams())).code).toBe('InvalidClientTokenId');
    } finally {
      await sts.close();
    }
    expect(await rejection(startMockSts({ signingKey: 'short' }))).toBeInstanceOf(UsageError);
    const jwks = await rejection(startMockSts({ config: { oidcProviders: [{ issuer: 'https://x', jwksFile: file('jwks.json', '{}') }] } }));
    expect(jwks).toBeInstanceOf(FileError);
    expect(() => validateMockConfig({ flavor: 'ecs' })).not.toThrow();
  });

  it('pins the region when asked', async () => {
    const sts = await startMockSts({ region: 'eu-west-1' });
    try {
      expect((await call(sts.url, assumeParams(), { region: 'eu-west-1' })).status).toBe(200);
      expect((await call(sts.url, assumeParams(), { region: 'us-east-1' })).code).toBe('SignatureDoesNotMatch');
      expect((await call(sts.url, assumeParams(), { region: 'eu-west-1', service: 's3' })).code).toBe('SignatureDoesNotMatch');
    } finally {
      await sts.close();
    }
  });
});

describe('formatRequestLog', () => {
  const entry = {
    time: '2026-11-23T12:00:00.000Z',
    requestId: 'abc',
    method: 'POST',
    path: '/',
    action: 'AssumeRoleWithWebIdentity',
    status: 400,
    code: 'InvalidIdentityToken',
    detail: 'bad token eyJhbGciOiJFZERTQSJ9.eyJzdWIiOiJjaSJ9.c2lnbmF0dXJl\nsecond line',
    durationMs: 1.234,
  };

  it('writes one text line without secrets', () => {
    const line = formatRequestLog(entry, 'text');
    expect(line).toBe('2026-11-23T12:00:00.000Z 400 POST / AssumeRoleWithWebIdentity InvalidIdentityToken 1.2ms id=abc (bad token ****jwt second line)');
  });

  it('writes one JSON line without secrets', () => {
    const line = formatRequestLog(entry, 'json');
    expect(line).not.toContain('\n');
    expect(line).not.toContain('eyJzdWIiOiJjaSJ9');
    expect(JSON.parse(line)).toMatchObject({ status: 400, code: 'InvalidIdentityToken', requestId: 'abc' });
  });

  it('masks secrets a client put in the path, the action or the key id', () => {
    const hostile = {
      ...entry,
      path: '/token/eyJhbGciOiJIUzI1NiJ9.eyJGd29HWlhJdllYZHpFWCJ9.c2lnbmF0dXJl',
      action: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln',
      accessKeyId: 'X-Amz-Signature=0123456789abcdef0123',
    };
    for (const format of ['text', 'json'] as const) {
      const line = formatRequestLog(hostile, format);
      expect(line).not.toContain('eyJGd29HWlhJdllYZHpFWCJ9');
      expect(line).not.toContain('eyJzdWIiOiJ4In0');
      expect(line).not.toContain('0123456789abcdef0123');
    }
  });
});

describe('TOTP (RFC 6238)', () => {
  // RFC 6238 appendix B, SHA-1, secret "12345678901234567890", the last 6 of the 8 digits.
  it.each([
    [59, '287082'],
    [1111111109, '081804'],
    [2000000000, '279037'],
  ])('T=%i → %s', (seconds, code) => {
    expect(totp('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', new Date(seconds * 1000))).toBe(code);
  });

  it('accepts one step either side, not two', () => {
    const now = new Date(1_700_000_000_000);
    const secret = 'JBSWY3DPEHPK3PXP';
    expect(verifyTotp(secret, totp(secret, now, 1), now)).toBe(true);
    expect(verifyTotp(secret, totp(secret, now, -1), now)).toBe(true);
    expect(verifyTotp(secret, totp(secret, now, 2), now)).toBe(false);
  });
});
