// One rule for Dell ECS URLs in every command (issue 8, item 8): STS lives at <endpoint>/sts, and
// an --endpoint-url that already ends in /sts is used as it is. So the one URL a user copies from
// ECS's documentation works for token-auth assume, SigV4 assume, whoami and assume-web-identity.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockSts, type MockSts } from '../../src/mock/index.js';
import { runCli, tempHome, withoutSecretFlagWarnings } from '../helpers/cli.js';

const ROLE = 'urn:ecs:iam::ns1:role/s3role';
const TOKEN_AUTH = ['--auth', 'ecs-token', '--auth-token', 'test'];

let sts: MockSts;
let home: ReturnType<typeof tempHome>;
beforeAll(async () => {
  sts = await startMockSts({ port: 0, flavor: 'ecs' });
  home = tempHome();
});
afterAll(async () => {
  home.cleanup();
  await sts.close();
});

describe('the ecs flavor at --endpoint-url <url>/sts', () => {
  const endpoint = () => `${sts.url}/sts`;
  const keys = () => ({ ...home.env, AWS_ACCESS_KEY_ID: sts.accessKeyId, AWS_SECRET_ACCESS_KEY: sts.secretAccessKey });

  it('token-auth assume does not add a second /sts, and stores a profile', async () => {
    const r = await runCli(['assume', ...TOKEN_AUTH, '--endpoint-url', endpoint(), '--role-arn', ROLE, '--role-session-name', 'urls', '--profile', 'ecs'], {
      env: home.env,
    });
    expect(withoutSecretFlagWarnings(r.stderr)).not.toContain('sts-cli:');
    expect(r.code).toBe(0);
  });

  it('token-auth assume at the bare endpoint still reaches /sts', async () => {
    const r = await runCli(['assume', ...TOKEN_AUTH, '--endpoint-url', sts.url, '--role-arn', ROLE, '--role-session-name', 'bare', '--format', 'json'], {
      env: home.env,
    });
    expect(withoutSecretFlagWarnings(r.stderr)).not.toContain('sts-cli:');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).AssumedRoleUser.Arn).toBe('urn:ecs:sts::ns1:assumed-role/s3role/bare');
  });

  it('whoami with the credentials token-auth assume stored', async () => {
    const r = await runCli(['whoami', '--profile', 'ecs', '--endpoint-url', endpoint(), '--format', 'json'], { env: home.env });
    expect(withoutSecretFlagWarnings(r.stderr)).not.toContain('sts-cli:');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).Arn).toBe('urn:ecs:sts::ns1:assumed-role/s3role/urls');
  });

  it('whoami with long-term keys', async () => {
    const r = await runCli(['whoami', '--endpoint-url', endpoint(), '--format', 'json'], { env: keys() });
    expect(withoutSecretFlagWarnings(r.stderr)).not.toContain('sts-cli:');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).Arn).toMatch(/^urn:ecs:iam::/);
  });

  it('SigV4 assume', async () => {
    const r = await runCli(['assume', '--endpoint-url', endpoint(), '--role-arn', ROLE, '--role-session-name', 'signed', '--format', 'json'], { env: keys() });
    expect(withoutSecretFlagWarnings(r.stderr)).not.toContain('sts-cli:');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).AssumedRoleUser.Arn).toBe('urn:ecs:sts::ns1:assumed-role/s3role/signed');
  });

  it('assume-web-identity', async () => {
    const jwt = await sts.mintWebIdentityToken({ sub: 'ci', aud: 'sts-cli' });
    const r = await runCli(
      ['assume-web-identity', '--endpoint-url', endpoint(), '--role-arn', ROLE, '--role-session-name', 'web', '--web-identity-token', jwt, '--format', 'json'],
      { env: home.env },
    );
    expect(withoutSecretFlagWarnings(r.stderr)).not.toContain('sts-cli:');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).Credentials.AccessKeyId.length).toBeGreaterThanOrEqual(16);
  });

  it('credential-process: --auth ecs-token chooses the dialect for web identity too, at the bare endpoint', async () => {
    const tokenFile = join(home.home, 'token');
    writeFileSync(tokenFile, await sts.mintWebIdentityToken({ sub: 'ci', aud: 'sts-cli' }));
    const r = await runCli(
      [
        'credential-process',
        ...TOKEN_AUTH,
        '--endpoint-url',
        sts.url,
        '--role-arn',
        ROLE,
        '--role-session-name',
        'proc',
        '--web-identity-token-file',
        tokenFile,
      ],
      { env: home.env },
    );
    expect(withoutSecretFlagWarnings(r.stderr)).not.toContain('sts-cli:');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).Version).toBe(1);
  });

  it('the mock itself answers nothing at /, so each call above really went to /sts', async () => {
    const r = await runCli(['whoami', '--endpoint-url', sts.url, '--format', 'json'], { env: keys() });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/sts-cli:/);
  });
});
