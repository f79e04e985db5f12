// Real clients nobody here wrote drive the mock: AWS CLI v2, @aws-sdk/client-sts and boto3.
// Each must get credentials from the three actions and report the refusals by their AWS code.
import { execFile } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { AssumeRoleCommand, AssumeRoleWithWebIdentityCommand, GetCallerIdentityCommand, GetSessionTokenCommand, STSClient } from '@aws-sdk/client-sts';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockSts, type MockSts } from '../../src/mock/index.js';
import { AWS_CLI_V2, awsCliV2, boto3, skipWithout } from '../helpers/peers.js';
import { FORM, ROLE } from './call.js';

const run = promisify(execFile);
let sts: MockSts;
let minio: MockSts;
let foreignJwt: string;
let dir: string;

beforeAll(async () => {
  [sts, minio] = await Promise.all([startMockSts(), startMockSts({ flavor: 'minio' })]);
  // Signed by a key the mock never saw, claiming the mock's own issuer.
  const { privateKey } = generateKeyPairSync('ed25519');
  foreignJwt = await new SignJWT({ sub: 'intruder' })
    .setProtectedHeader({ alg: 'EdDSA', kid: 'foreign' })
    .setIssuer(sts.url)
    .setAudience('sts-cli')
    .setExpirationTime('1h')
    .sign(privateKey);
  dir = mkdtempSync(join(tmpdir(), 'mock-interop-'));
  writeFileSync(join(dir, 'config'), '');
  writeFileSync(join(dir, 'credentials'), '');
});
afterAll(async () => {
  await Promise.all([sts?.close(), minio?.close()]);
  rmSync(dir, { recursive: true, force: true });
});

async function oidcToken(sub: string): Promise<string> {
  const response = await fetch(`${sts.url}/oidc/token`, { method: 'POST', headers: { 'content-type': FORM }, body: `sub=${sub}&aud=sts-cli` });
  expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
  return (await response.text()).trim();
}

describe.skipIf(skipWithout(awsCliV2()))('AWS CLI v2', () => {
  async function aws(args: string[], keys: Record<string, string>): Promise<{ ok: boolean; out: any; stderr: string }> {
    const env = {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: dir,
      AWS_CONFIG_FILE: join(dir, 'config'),
      AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials'),
      AWS_EC2_METADATA_DISABLED: 'true',
      AWS_PAGER: '',
      ...keys,
    };
    try {
      const { stdout } = await run(AWS_CLI_V2, ['sts', ...args, '--endpoint-url', sts.url, '--region', 'us-east-1', '--output', 'json'], {
        env,
        timeout: 30_000,
      });
      return { ok: true, out: JSON.parse(stdout), stderr: '' };
    } catch (error) {
      return { ok: false, out: null, stderr: String((error as { stderr?: string }).stderr) };
    }
  }
  const user = { AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test' };

  it('assume-role, then get-caller-identity with the temporary keys; assume-role-with-web-identity with a token from /oidc/token', async () => {
    const token = await oidcToken('ci-cli');
    const [assumed, web] = await Promise.all([
      aws(['assume-role', '--role-arn', ROLE, '--role-session-name', 'cli', '--duration-seconds', '900'], user),
      aws(['assume-role-with-web-identity', '--role-arn', ROLE, '--role-session-name', 'cli-web', '--web-identity-token', token], {}),
    ]);
    expect(assumed.stderr).toBe('');
    expect(assumed.out.AssumedRoleUser.Arn).toBe('arn:aws:sts::123456789012:assumed-role/demo/cli');
    expect(assumed.out.Credentials.AccessKeyId).toMatch(/^ASIA[A-Z0-9]{16}$/);
    expect(web.out.SubjectFromWebIdentityToken).toBe('ci-cli');
    expect(web.out.AssumedRoleUser.Arn).toBe('arn:aws:sts::123456789012:assumed-role/demo/cli-web');
    const c = assumed.out.Credentials;
    const who = await aws(['get-caller-identity'], {
      AWS_ACCESS_KEY_ID: c.AccessKeyId,
      AWS_SECRET_ACCESS_KEY: c.SecretAccessKey,
      AWS_SESSION_TOKEN: c.SessionToken,
    });
    expect(who.out).toMatchObject({ Account: '123456789012', Arn: 'arn:aws:sts::123456789012:assumed-role/demo/cli' });
    expect(who.out.UserId).toMatch(/^AROA[A-Z0-9]{17}:cli$/);
  });

  it('reports SignatureDoesNotMatch, InvalidClientTokenId and InvalidIdentityToken', async () => {
    const [wrongSecret, unknownKey, foreign] = await Promise.all([
      aws(['assume-role', '--role-arn', ROLE, '--role-session-name', 'cli'], { AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'wrong' }),
      aws(['get-caller-identity'], { AWS_ACCESS_KEY_ID: 'AKIANOSUCHKEY0000000', AWS_SECRET_ACCESS_KEY: 'test' }),
      aws(['assume-role-with-web-identity', '--role-arn', ROLE, '--role-session-name', 'cli', '--web-identity-token', foreignJwt], {}),
    ]);
    expect(wrongSecret.stderr).toContain('An error occurred (SignatureDoesNotMatch) when calling the AssumeRole operation');
    expect(unknownKey.stderr).toContain('An error occurred (InvalidClientTokenId) when calling the GetCallerIdentity operation');
    expect(foreign.stderr).toContain('An error occurred (InvalidIdentityToken) when calling the AssumeRoleWithWebIdentity operation');
  });
});

describe('@aws-sdk/client-sts', () => {
  const client = (credentials = { accessKeyId: 'test', secretAccessKey: 'test' } as { accessKeyId: string; secretAccessKey: string; sessionToken?: string }) =>
    new STSClient({ endpoint: sts.url, region: 'us-east-1', credentials, maxAttempts: 1 });
  const codeOf = (p: Promise<unknown>) =>
    p.then(
      () => 'no error',
      (e: { name?: string; Code?: string }) => e.Code ?? e.name,
    );

  it('AssumeRole, GetCallerIdentity with the temporary keys, GetSessionToken, AssumeRoleWithWebIdentity', async () => {
    const assumed = await client().send(new AssumeRoleCommand({ RoleArn: ROLE, RoleSessionName: 'sdk', DurationSeconds: 900 }));
    const c = assumed.Credentials!;
    expect(c.Expiration!.getTime() - Date.now()).toBeGreaterThan(890_000);
    const who = await client({ accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! }).send(
      new GetCallerIdentityCommand({}),
    );
    expect(who.Arn).toBe('arn:aws:sts::123456789012:assumed-role/demo/sdk');
    const session = await client().send(new GetSessionTokenCommand({}));
    expect(session.Credentials!.Expiration!.getTime() - Date.now()).toBeGreaterThan(43_190_000);
    const web = await client().send(
      new AssumeRoleWithWebIdentityCommand({ RoleArn: ROLE, RoleSessionName: 'sdk-web', WebIdentityToken: await sts.mintWebIdentityToken({ sub: 'sdk' }) }),
    );
    expect(web.SubjectFromWebIdentityToken).toBe('sdk');
    expect(web.AssumedRoleUser!.AssumedRoleId).toMatch(/^AROA[A-Z0-9]{17}:sdk-web$/);
  });

  it('reports the refusals by their AWS code', async () => {
    expect(await codeOf(client({ accessKeyId: 'test', secretAccessKey: 'wrong' }).send(new AssumeRoleCommand({ RoleArn: ROLE, RoleSessionName: 'x1' })))).toBe(
      'SignatureDoesNotMatch',
    );
    expect(await codeOf(client({ accessKeyId: 'AKIANOSUCHKEY0000000', secretAccessKey: 'test' }).send(new GetCallerIdentityCommand({})))).toBe(
      'InvalidClientTokenId',
    );
    expect(await codeOf(client().send(new AssumeRoleWithWebIdentityCommand({ RoleArn: ROLE, RoleSessionName: 'x1', WebIdentityToken: foreignJwt })))).toBe(
      'InvalidIdentityToken',
    );
    const expired = await sts.mintWebIdentityToken({ sub: 'late', expiresIn: -60 });
    expect(await codeOf(client().send(new AssumeRoleWithWebIdentityCommand({ RoleArn: ROLE, RoleSessionName: 'x1', WebIdentityToken: expired })))).toBe(
      'ExpiredTokenException',
    );
    expect(await codeOf(client().send(new AssumeRoleCommand({ RoleArn: ROLE, RoleSessionName: 'x1', DurationSeconds: 899 })))).toBe('ValidationError');
  });
});

describe.skipIf(skipWithout(boto3()))('boto3', () => {
  it('gets credentials from every action and reports the refusals by code', async () => {
    const token = await oidcToken('ci-boto3');
    const { stdout } = await run('python3', [join(import.meta.dirname, 'boto3_interop.py'), sts.url, ROLE, token, foreignJwt, minio.url], { timeout: 60_000 });
    const out = JSON.parse(stdout);
    expect(out.assume_role.arn).toBe('arn:aws:sts::123456789012:assumed-role/demo/boto3');
    expect(out.whoami_temp).toBe('arn:aws:sts::123456789012:assumed-role/demo/boto3');
    expect(out.whoami_user).toBe('arn:aws:iam::123456789012:user/test');
    expect(out.session_token_akid).toMatch(/^ASIA/);
    expect(out.web).toEqual({ arn: 'arn:aws:sts::123456789012:assumed-role/demo/boto3-web', subject: 'ci-boto3', audience: 'sts-cli' });
    expect(out).toMatchObject({
      wrong_secret: 'SignatureDoesNotMatch',
      unknown_key: 'InvalidClientTokenId',
      foreign_jwt: 'InvalidIdentityToken',
      chained_3601: 'ValidationError',
    });
    expect(out.minio).toMatchObject({ arn: '' });
    expect(out.minio.akid).toMatch(/^ASIA/);
  }, 60_000);
});
