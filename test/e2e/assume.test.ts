// End to end: the built binary against the in-process mock STS, with a throw-away HOME.
// Asserts stdout, stderr and exit codes as scripts see them.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, afterEach, describe, expect, it } from 'vitest';
import { startMockSts, type MockSts } from '../../src/mock/index.js';
import { runCli, tempHome } from '../helpers/cli.js';

const ROLE = 'arn:aws:iam::123456789012:role/dev';
let sts: MockSts;
let home: ReturnType<typeof tempHome>;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  sts = await startMockSts({ port: 0 });
});
afterAll(async () => {
  await sts.close();
});
beforeEach(() => {
  home = tempHome();
  env = { ...home.env, AWS_ACCESS_KEY_ID: sts.accessKeyId, AWS_SECRET_ACCESS_KEY: sts.secretAccessKey, AWS_ENDPOINT_URL_STS: sts.url };
});
afterEach(() => home.cleanup());

function parseExports(text: string): Record<string, string> {
  const out = execFileSync('bash', ['-c', `${text}\nenv -0`], { env: { PATH: process.env.PATH }, encoding: 'utf8' });
  return Object.fromEntries(
    out
      .split('\0')
      .filter(Boolean)
      .map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]),
  );
}

describe('assume', () => {
  it('writes a profile that env prints and exec uses', async () => {
    const assumed = await runCli(['assume', '--role-arn', ROLE, '--role-session-name', 'e2e', '--profile', 'dev'], { env });
    expect(assumed.stderr).toMatch(/Assumed arn:aws:sts::123456789012:assumed-role\/dev\/e2e; wrote profile \[dev\]/);
    expect(assumed.code).toBe(0);
    expect(assumed.stdout).toBe('');
    const file = readFileSync(home.credentialsFile, 'utf8');
    expect(file).toMatch(/^\[dev\]$/m);
    expect(file).toMatch(/^aws_access_key_id = ASIA[A-Z0-9]{16}$/m);
    expect(file).toMatch(/^x_security_token_expires = \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/m);
    expect(statSync(home.credentialsFile).mode & 0o777).toBe(0o600);

    const exported = await runCli(['env', '--profile', 'dev'], { env: home.env });
    expect(exported.code).toBe(0);
    const vars = parseExports(exported.stdout);
    expect(vars.AWS_ACCESS_KEY_ID).toMatch(/^ASIA[A-Z0-9]{16}$/);
    expect(vars.AWS_SECRET_ACCESS_KEY).toHaveLength(40);
    expect(file).toContain(`aws_session_token = ${vars.AWS_SESSION_TOKEN}`);

    const child = await runCli(['exec', '--profile', 'dev', '--', 'sh', '-c', 'echo "$AWS_ACCESS_KEY_ID $STS_CLI_PROFILE"; exit 7'], {
      env: { ...home.env, AWS_PROFILE: 'other' },
    });
    expect(child.code).toBe(7);
    expect(child.stdout.trim()).toBe(`${vars.AWS_ACCESS_KEY_ID} dev`);

    const who = await runCli(['whoami', '--profile', 'dev', '--format', 'json'], { env: { ...home.env, AWS_ENDPOINT_URL_STS: sts.url } });
    expect(who.code).toBe(0);
    const identity = JSON.parse(who.stdout);
    expect(identity.Arn).toBe('arn:aws:sts::123456789012:assumed-role/dev/e2e');
    expect(identity.SecondsLeft).toBeGreaterThan(3500);
  });

  it('prints each --format on stdout and nothing else', async () => {
    const json = await runCli(['assume', '--role-arn', ROLE, '--format', 'json', '--duration', '15m'], { env });
    expect(json.code).toBe(0);
    const parsed = JSON.parse(json.stdout);
    expect(parsed.Credentials.AccessKeyId).toMatch(/^ASIA/);
    expect(parsed.Credentials.Expiration).toMatch(/Z$/);
    const left = (Date.parse(parsed.Credentials.Expiration) - Date.now()) / 1000;
    expect(left).toBeGreaterThan(850);
    expect(left).toBeLessThan(910);
    expect(parsed.AssumedRoleUser.Arn).toMatch(/assumed-role\/dev\/sts-cli-\d+$/);

    const shell = await runCli(['assume', '--role-arn', ROLE], { env });
    expect(shell.code).toBe(0);
    const vars = parseExports(shell.stdout);
    expect(
      Object.keys(vars)
        .filter((k) => k.startsWith('AWS_'))
        .sort(),
    ).toEqual(['AWS_ACCESS_KEY_ID', 'AWS_CREDENTIAL_EXPIRATION', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN']);

    const processJson = JSON.parse((await runCli(['assume', '--role-arn', ROLE, '--format', 'process'], { env })).stdout);
    expect(processJson.Version).toBe(1);
  });

  it('chains: AssumeRole with temporary credentials may ask at most 1h', async () => {
    await runCli(['assume', '--role-arn', ROLE, '--profile', 'first'], { env });
    const base = { ...home.env, AWS_ENDPOINT_URL_STS: sts.url };
    const tooLong = await runCli(['assume', '--source-profile', 'first', '--role-arn', ROLE, '--duration', '2h'], { env: base });
    expect(tooLong.code).toBe(1);
    expect(tooLong.stderr).toContain('ValidationError');
    const ok = await runCli(['assume', '--source-profile', 'first', '--role-arn', ROLE, '--duration', '1h', '--format', 'json'], { env: base });
    expect(ok.code).toBe(0);
  });

  it('assume-web-identity with a token from the mock issuer, from a file', async () => {
    const jwt = await sts.mintWebIdentityToken({ sub: 'ci', aud: 'sts-cli' });
    const tokenFile = `${home.home}/token`;
    writeFileSync(tokenFile, `${jwt}\n`);
    const r = await runCli(['assume-web-identity', '--format', 'json'], {
      env: { ...home.env, AWS_ENDPOINT_URL_STS: sts.url, AWS_ROLE_ARN: ROLE, AWS_WEB_IDENTITY_TOKEN_FILE: tokenFile },
    });
    expect(r.stderr).not.toContain(jwt);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).Credentials.AccessKeyId).toMatch(/^ASIA/);
  });
});

describe('exit codes and messages', () => {
  it('a bad parameter is exit 2 and nothing is sent', async () => {
    // The endpoint is a closed port: had anything been sent, the exit code would be 4.
    const closed = { ...env, AWS_ENDPOINT_URL_STS: 'http://127.0.0.1:9' };
    const cases: string[][] = [
      ['--role-arn', 'short'],
      ['--role-arn', ROLE, '--role-session-name', 'bad name'],
      ['--role-arn', ROLE, '--duration', '899'],
      ['--role-arn', ROLE, '--duration', 'soon'],
      ['--role-arn', ROLE, '--policy', '{not json'],
      ['--role-arn', ROLE, '--token-code', '12345', '--serial-number', 'arn:aws:iam::123456789012:mfa/me'],
      ['--role-arn', ROLE, '--serial-number', 'arn:aws:iam::123456789012:mfa/me'],
      ['--role-arn', ROLE, '--format', 'yaml'],
      ['--role-arn', ROLE, '--no-such-flag'],
    ];
    for (const args of cases) {
      const r = await runCli(['assume', ...args], { env: closed });
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.trim().split('\n').length, r.stderr).toBeLessThanOrEqual(2);
      expect(r.stderr).toMatch(/^sts-cli: /);
    }
  });

  it('no answer is exit 4, a refusal is exit 1 with the server code', async () => {
    const unreachable = await runCli(['assume', '--role-arn', ROLE, '--timeout', '2'], { env: { ...env, AWS_ENDPOINT_URL_STS: 'http://127.0.0.1:9' } });
    expect(unreachable.code).toBe(4);
    expect(unreachable.stderr).toContain('127.0.0.1:9');
    const refused = await runCli(['assume', '--role-arn', ROLE], { env: { ...env, AWS_SECRET_ACCESS_KEY: 'wrong-secret-value' } });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('SignatureDoesNotMatch');
    expect(refused.stderr).not.toContain('wrong-secret-value');
  });

  it('no source credentials is exit 3, but a bad flag is still exit 2', async () => {
    const r = await runCli(['assume', '--role-arn', ROLE], { env: { ...home.env, AWS_ENDPOINT_URL_STS: sts.url } });
    expect(r.code).toBe(3);
    expect(r.stdout).toBe('');
    expect((await runCli(['assume', '--role-arn', ROLE, '--timeout', 'abc'], { env: home.env })).code).toBe(2);
    expect((await runCli(['assume', '--role-arn', ROLE, '--endpoint-url', 'ftp://x'], { env: home.env })).code).toBe(2);
  });

  it('env: expired or missing profile is exit 3 with nothing on stdout', async () => {
    mkdirSync(`${home.home}/.aws`, { recursive: true });
    writeFileSync(
      home.credentialsFile,
      '[old]\naws_access_key_id = ASIAOLD\naws_secret_access_key = s\naws_session_token = t\nx_security_token_expires = 2020-01-01T00:00:00Z\n',
    );
    const expired = await runCli(['env', '--profile', 'old'], { env: home.env });
    expect(expired.code).toBe(3);
    expect(expired.stdout).toBe('');
    expect(expired.stderr).toContain('expired');
    const missing = await runCli(['env', '--profile', 'nope'], { env: home.env });
    expect(missing.code).toBe(3);
    expect(missing.stdout).toBe('');
    const unset = await runCli(['env', '--unset'], { env: home.env });
    expect(unset.code).toBe(0);
    expect(unset.stdout).toContain('unset AWS_ACCESS_KEY_ID');
  });

  it('a profile with long-term keys is refused (exit 5) unless --force, and the file is untouched', async () => {
    mkdirSync(`${home.home}/.aws`, { recursive: true });
    const original = '# my keys\n[default]\naws_access_key_id = AKIAPERMANENT\naws_secret_access_key = permanent\n';
    writeFileSync(home.credentialsFile, original);
    const r = await runCli(['assume', '--role-arn', ROLE, '--profile', 'default'], { env });
    expect(r.code).toBe(5);
    expect(r.stderr).toContain('--force');
    expect(readFileSync(home.credentialsFile, 'utf8')).toBe(original);
    const forced = await runCli(['assume', '--role-arn', ROLE, '--profile', 'default', '--force'], { env });
    expect(forced.code).toBe(0);
    expect(readFileSync(home.credentialsFile, 'utf8')).toMatch(/^# my keys\n\[default\]\naws_access_key_id = ASIA/);
  });

  it('keys in [DEFAULT] (inherited by every section) do not make a profile long-term', async () => {
    mkdirSync(`${home.home}/.aws`, { recursive: true });
    writeFileSync(home.credentialsFile, '[DEFAULT]\naws_access_key_id = AKIAINHERITED\n\n[dev]\nregion = eu-west-1\n');
    const r = await runCli(['assume', '--role-arn', ROLE, '--profile', 'dev'], { env });
    expect(r.stderr).not.toContain('--force');
    expect(r.code).toBe(0);
  });

  it('an unparseable or unwritable credentials file is exit 5 and left as it was', async () => {
    mkdirSync(`${home.home}/.aws`, { recursive: true });
    const garbage = 'this is not = an ini file\n[unterminated\n';
    writeFileSync(home.credentialsFile, garbage);
    const r = await runCli(['assume', '--role-arn', ROLE, '--profile', 'dev'], { env });
    expect(r.code).toBe(5);
    expect(r.stderr.trim().split('\n').length).toBeLessThanOrEqual(2);
    expect(readFileSync(home.credentialsFile, 'utf8')).toBe(garbage);
    if (process.getuid?.() !== 0) {
      writeFileSync(home.credentialsFile, '[a]\nx = 1\n');
      chmodSync(home.credentialsFile, 0o400);
      const ro = await runCli(['assume', '--role-arn', ROLE, '--profile', 'dev'], { env });
      expect(ro.code).toBe(5);
    }
  });

  it('usage: help and version exit 0, unknown command exit 2', async () => {
    const help = await runCli(['assume', '--help'], { env: home.env });
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Examples:');
    expect((await runCli(['--version'], { env: home.env })).stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
    expect((await runCli(['frobnicate'], { env: home.env })).code).toBe(2);
    expect((await runCli(['help'], { env: home.env })).code).toBe(0);
    expect((await runCli(['help', 'assume'], { env: home.env })).code).toBe(0);
    expect((await runCli([], { env: home.env })).code).toBe(2);
  });
});

describe('secrets stay secret', () => {
  it('--debug traces the exchange without a secret key, session token, JWT or signature', async () => {
    const sourceSecret = 'Zx9SourceSecretKeyThatMustNeverBeShown0123';
    const own = await startMockSts({ port: 0, accessKeyId: 'AKIADEBUGTEST0000000', secretAccessKey: sourceSecret });
    try {
      const r = await runCli(['assume', '--debug', '--role-arn', ROLE, '--format', 'json'], {
        env: { ...home.env, AWS_ACCESS_KEY_ID: own.accessKeyId, AWS_SECRET_ACCESS_KEY: sourceSecret, AWS_ENDPOINT_URL_STS: own.url },
      });
      expect(r.code).toBe(0);
      const creds = JSON.parse(r.stdout).Credentials;
      expect(r.stderr).toContain('[debug]');
      expect(r.stderr).toContain('AssumeRole');
      for (const secret of [creds.SecretAccessKey, creds.SessionToken, sourceSecret]) expect(r.stderr).not.toContain(secret);
      expect(r.stderr).not.toMatch(/Signature=[0-9a-f]{64}/);
      const refused = await runCli(['assume', '--debug', '--role-arn', ROLE], {
        env: { ...home.env, AWS_ACCESS_KEY_ID: own.accessKeyId, AWS_SECRET_ACCESS_KEY: `${sourceSecret}X`, AWS_ENDPOINT_URL_STS: own.url },
      });
      expect(refused.code).toBe(1);
      expect(refused.stderr).not.toContain(sourceSecret);
      expect(refused.stderr).not.toMatch(/Signature=[0-9a-f]{64}/);
    } finally {
      await own.close();
    }

    const jwt = await sts.mintWebIdentityToken({ sub: 'ci' });
    const web = await runCli(['assume-web-identity', '--debug', '--role-arn', ROLE, '--web-identity-token', jwt, '--format', 'json'], {
      env: { ...home.env, AWS_ENDPOINT_URL_STS: sts.url },
    });
    expect(web.code).toBe(0);
    expect(web.stderr).not.toContain(jwt);
    expect(web.stderr).not.toContain(jwt.split('.')[2]);
    expect(web.stderr).not.toContain(JSON.parse(web.stdout).Credentials.SessionToken);
  });
});
