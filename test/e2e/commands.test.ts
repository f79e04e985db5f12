// End to end for serve, exec's signal handling, credential-process's cache and completion scripts.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { signRequest } from '../../src/sigv4/index.js';
import { startMockSts } from '../../src/mock/index.js';
import { BIN, runCli, tempHome } from '../helpers/cli.js';
import { startServe as startServeOn, stopAll } from '../helpers/serve.js';
import { shell, skipWithout } from '../helpers/peers.js';

let home: ReturnType<typeof tempHome>;
// Every server a test starts is stopped afterwards (stopAll), even when an assertion failed midway.
beforeEach(() => {
  home = tempHome();
});
afterEach(() => {
  stopAll();
  home.cleanup();
});

/** The built `serve` on a free port (test/helpers/serve.ts). */
const startServe = (args: string[], env: NodeJS.ProcessEnv) => startServeOn(['--port', '0', ...args], env);

async function signedAssumeRole(url: string, secret = 'test') {
  const body = 'Action=AssumeRole&RoleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2Fx&RoleSessionName=session&Version=2011-06-15';
  const signed = signRequest(
    { method: 'POST', url: `${url}/`, headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' }, body },
    { credentials: { accessKeyId: 'test', secretAccessKey: secret }, region: 'eu-west-1', service: 'sts', now: new Date() },
  );
  const headers = { ...signed.headers };
  delete headers.host;
  return fetch(`${url}/`, { method: 'POST', headers, body });
}

describe('serve', () => {
  it('prints its URL first, logs each request on stderr without secrets, and stops on SIGTERM', async () => {
    const serve = startServe(['--log', 'json'], home.env);
    const url = await serve.url;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const ok = await signedAssumeRole(url);
    const text = await ok.text();
    expect(ok.status).toBe(200);
    const secret = /<SecretAccessKey>([^<]+)</.exec(text)![1]!;
    expect((await signedAssumeRole(url, 'wrong')).status).toBe(403);
    serve.child.kill('SIGTERM');
    expect(await serve.exited).toBe(0);
    const lines = serve
      .stderr()
      .trim()
      .split('\n')
      .filter((l) => l.startsWith('{') && l.includes('"requestId"'));
    expect(lines.length).toBeGreaterThanOrEqual(2);
    expect(JSON.parse(lines[0]!)).toMatchObject({ action: 'AssumeRole', status: 200 });
    expect(serve.stderr()).not.toContain(secret);
  });

  it('--workers 2 share one port and one signing key', async () => {
    const serve = startServe(['--workers', '2'], home.env);
    const url = await serve.url;
    try {
      const statuses = await Promise.all(Array.from({ length: 8 }, () => signedAssumeRole(url).then((r) => r.status)));
      expect(statuses).toEqual(Array(8).fill(200));
    } finally {
      serve.child.kill('SIGTERM');
      expect(await serve.exited).toBe(0);
    }
  });

  it('a config that cannot be read stops serve (and every worker) with exit 5', async () => {
    for (const workers of ['1', '2']) {
      const r = await runCli(['serve', '--port', '0', '--workers', workers, '--config', `${home.home}/missing.json`], { env: home.env, timeoutMs: 15_000 });
      expect(r.code, `--workers ${workers}: ${r.stderr}`).toBe(5);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain('missing.json');
    }
  });

  it('with a --config, only the users it declares are accepted (not test/test)', async () => {
    const config = `${home.home}/mock.json`;
    writeFileSync(config, JSON.stringify({ users: [{ accessKeyId: 'AKIAALICE0000000000', secretAccessKey: 'alice-secret-key-0000000000000000000000' }] }));
    const serve = startServe(['--config', config], home.env);
    const url = await serve.url;
    try {
      expect((await signedAssumeRole(url)).status).toBe(403);
    } finally {
      serve.child.kill('SIGTERM');
      await serve.exited;
    }
  });

  it('a bad flag is exit 2', async () => {
    expect((await runCli(['serve', '--port', 'http'], { env: home.env })).code).toBe(2);
    expect((await runCli(['serve', '--signing-key', 'short'], { env: home.env })).code).toBe(2);
  });
});

describe('exec', () => {
  it('forwards SIGTERM to the child and exits as it did', async () => {
    mkdirSync(`${home.home}/.aws`, { recursive: true });
    writeFileSync(
      home.credentialsFile,
      '[dev]\naws_access_key_id = ASIAEXAMPLE\naws_secret_access_key = s3cret\naws_session_token = tok\nx_security_token_expires = 2999-01-01T00:00:00Z\n',
    );
    const child = spawn(
      process.execPath,
      [BIN, 'exec', '--profile', 'dev', '--', 'sh', '-c', 'trap "echo got-term; exit 42" TERM; echo ready; while true; do sleep 0.1; done'],
      { env: home.env, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    await new Promise<void>((resolve) =>
      child.stdout.setEncoding('utf8').on('data', (d: string) => {
        out += d;
        if (out.includes('ready')) resolve();
      }),
    );
    child.kill('SIGTERM');
    const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
    expect(out).toContain('got-term');
    expect(code).toBe(42);
    const missing = await runCli(['exec', '--profile', 'dev', '--', 'no-such-command-here'], { env: home.env });
    expect(missing.code).toBe(127);
    expect((await runCli(['exec', '--profile', 'dev'], { env: home.env })).code).toBe(2);
    // Flags after -- are the command's: sts-cli's --debug is not switched on by them.
    const passed = await runCli(['exec', '--profile', 'dev', '--', 'sh', '-c', 'echo "$@"', 'sh', '--debug'], { env: home.env });
    expect(passed.code).toBe(0);
    expect(passed.stdout.trim()).toBe('--debug');
    expect(passed.stderr).not.toContain('[debug]');
  });
});

describe('credential-process', () => {
  it('assumes once, then answers from its cache until near expiry', async () => {
    const sts = await startMockSts({ port: 0 });
    const env = { ...home.env, AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test', AWS_ENDPOINT_URL_STS: sts.url };
    const args = ['credential-process', '--role-arn', 'arn:aws:iam::123456789012:role/cp', '--role-session-name', 'cp'];
    const first = await runCli(args, { env });
    expect(first.code).toBe(0);
    const creds = JSON.parse(first.stdout);
    expect(creds).toMatchObject({ Version: 1 });
    expect(creds.AccessKeyId).toMatch(/^ASIA/);
    await sts.close();
    // The mock is gone: only the cache can answer now.
    const second = await runCli(args, { env });
    expect(second.code).toBe(0);
    expect(JSON.parse(second.stdout).AccessKeyId).toBe(creds.AccessKeyId);
    const other = await runCli([...args.slice(0, -1), 'other'], { env: { ...env } });
    expect(other.code).toBe(4);
  });

  it('prints fresh credentials even when they cannot be cached', async () => {
    const sts = await startMockSts({ port: 0 });
    try {
      writeFileSync(`${home.home}/not-a-dir`, '');
      const env = {
        ...home.env,
        XDG_CACHE_HOME: `${home.home}/not-a-dir`,
        AWS_ACCESS_KEY_ID: 'test',
        AWS_SECRET_ACCESS_KEY: 'test',
        AWS_ENDPOINT_URL_STS: sts.url,
      };
      const r = await runCli(['credential-process', '--role-arn', 'arn:aws:iam::123456789012:role/cp'], { env });
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout).AccessKeyId).toMatch(/^ASIA/);
      expect(r.stderr).toContain('could not cache');
    } finally {
      await sts.close();
    }
  });
});

describe('credential-process input', () => {
  const ROLE = 'arn:aws:iam::123456789012:role/cp';

  it('checks its parameters before looking for credentials: bad input is exit 2 even without any', async () => {
    for (const args of [
      ['--duration', 'soon'],
      ['--duration', '899'],
      ['--policy', '{not json'],
      ['--role-session-name', 'bad name'],
    ]) {
      const r = await runCli(['credential-process', '--role-arn', ROLE, ...args], { env: home.env });
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/^sts-cli: /);
    }
    const none = await runCli(['credential-process', '--role-arn', ROLE, '--duration', '1h'], { env: home.env });
    expect(none.code).toBe(3);
  });

  it('keys its cache on the resolved request: 1h and 3600 alike, the policy by its text', async () => {
    const sts = await startMockSts({ port: 0 });
    const env = { ...home.env, AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test', AWS_ENDPOINT_URL_STS: sts.url };
    const policy = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}';
    const file = `${home.home}/policy.json`;
    writeFileSync(file, policy);
    let first: Awaited<ReturnType<typeof runCli>>;
    try {
      first = await runCli(['credential-process', '--role-arn', ROLE, '--duration', '1h', '--policy', `file://${file}`], { env });
      expect(first.code, first.stderr).toBe(0);
    } finally {
      await sts.close();
    }
    // The mock is gone: only the cache can answer, and it does for the same request however typed.
    const same = await runCli(['credential-process', '--role-arn', ROLE, '--duration-seconds', '3600', '--policy', policy], { env });
    expect(same.code, same.stderr).toBe(0);
    expect(JSON.parse(same.stdout).AccessKeyId).toBe(JSON.parse(first.stdout).AccessKeyId);
    // An edited policy file is another request: it must be assumed again (and the mock is gone: exit 4).
    writeFileSync(file, policy.replace('s3:*', 's3:GetObject'));
    const edited = await runCli(['credential-process', '--role-arn', ROLE, '--duration', '1h', '--policy', `file://${file}`, '--timeout', '2'], { env });
    expect(edited.code).toBe(4);
  });
});

describe('completion', () => {
  for (const name of ['bash', 'zsh', 'fish'] as const) {
    it(`${name}: the script parses and names every command`, async () => {
      const r = await runCli(['completion', name], { env: home.env });
      expect(r.code).toBe(0);
      for (const cmd of ['assume', 'assume-web-identity', 'env', 'exec', 'whoami', 'credential-process', 'serve']) expect(r.stdout).toContain(cmd);
      if (skipWithout(shell(name))) return;
      const script = `${home.home}/completion.${name}`;
      writeFileSync(script, r.stdout);
      const check = spawnSync(name, ['-n', script], { encoding: 'utf8' });
      expect(check.status, check.stderr).toBe(0);
    });
  }
  it('a reader that stops early (| head) is no error', () => {
    const r = spawnSync('bash', ['-c', `"${process.execPath}" "${BIN}" completion zsh | true; echo "\${PIPESTATUS[0]}"`], { env: home.env, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe('0');
  });

  it('an unknown shell is exit 2', async () => {
    expect((await runCli(['completion', 'tcsh'], { env: home.env })).code).toBe(2);
  });
});
