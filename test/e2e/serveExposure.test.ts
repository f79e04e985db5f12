// `sts-cli serve` as SPEC §11 bounds it: it warns on stderr when other machines can reach it with
// the public default credentials or the open /oidc/token, and refuses an --access-key that would
// replace a configured user's secret.
import { type ChildProcess, spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exposureWarnings, isLoopback } from '../../src/cli/serveExposure.js';
import { BIN, runCli, tempHome } from '../helpers/cli.js';

let home: ReturnType<typeof tempHome>;
const servers: ChildProcess[] = [];
beforeEach(() => {
  home = tempHome();
});
afterEach(() => {
  for (const child of servers.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  home.cleanup();
});

/** Starts serve, waits for its URL, stops it with SIGTERM and returns what it printed on stderr. */
async function serveOnce(args: string[]): Promise<{ url: string; stderr: string; code: number | null }> {
  const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', ...args], { env: home.env, stdio: ['ignore', 'pipe', 'pipe'] });
  servers.push(child);
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      if (out.includes('\n')) resolve(out.split('\n')[0]!);
    });
    child.once('exit', (code) => reject(new Error(`serve exited ${code}: ${stderr}`)));
  });
  child.kill('SIGTERM');
  const code = await exited;
  return { url, stderr, code };
}

const DEFAULTS = /sts-cli: the mock STS at http:\/\/0\.0\.0\.0:\d+ can be reached from other machines and accepts the public default secret key "test"/;
const OIDC =
  /sts-cli: the mock STS at http:\/\/0\.0\.0\.0:\d+ can be reached from other machines, and its \/oidc\/token mints web identity tokens for anyone who asks/;

describe('serve warns when other machines can reach it', () => {
  it('on 0.0.0.0 with the default test credentials: both warnings, once each', async () => {
    const r = await serveOnce(['--host', '0.0.0.0']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(DEFAULTS);
    expect(r.stderr).toMatch(OIDC);
    expect(r.stderr.match(/can be reached from other machines/g)).toHaveLength(2);
  });

  it('with --workers 2 the primary prints them once', async () => {
    const r = await serveOnce(['--host', '0.0.0.0', '--workers', '2']);
    expect(r.code).toBe(0);
    expect(r.stderr.match(/can be reached from other machines/g)).toHaveLength(2);
  });

  it('with configured users and their own secrets only /oidc/token is worth a warning', async () => {
    const config = `${home.home}/mock.json`;
    writeFileSync(config, JSON.stringify({ users: [{ accessKeyId: 'ci', secretAccessKey: 'a-real-secret-0123456789' }] }));
    const r = await serveOnce(['--host', '0.0.0.0', '--config', config]);
    expect(r.stderr).not.toMatch(DEFAULTS);
    expect(r.stderr).toMatch(OIDC);
  });

  it('on 127.0.0.1 (the default) it says nothing of the kind', async () => {
    const r = await serveOnce([]);
    expect(r.code).toBe(0);
    expect(r.stderr).not.toContain('can be reached from other machines');
  });

  it('loopback is 127.0.0.0/8, ::1 and localhost; the ecs flavor’s default token counts as public', () => {
    for (const url of ['http://127.0.0.1:1', 'http://127.1.2.3:1', 'http://[::1]:1', 'http://localhost:1', 'http://[::ffff:127.0.0.1]:1'])
      expect(isLoopback(url)).toBe(true);
    for (const url of ['http://0.0.0.0:1', 'http://[::]:1', 'http://10.0.0.5:1', 'http://128.0.0.1:1']) expect(isLoopback(url)).toBe(false);
    const [first] = exposureWarnings({ url: 'http://0.0.0.0:1', flavor: 'ecs', secretAccessKey: 'not-test', authToken: 'test' });
    expect(first).toContain('public default X-SDS-AUTH-TOKEN "test"');
    expect(first).toContain('STS_CLI_AUTH_TOKEN');
  });
});

describe('serve --config … --access-key', () => {
  it('naming a configured user with another secret is refused (exit 2), not silently given the secret test', async () => {
    const config = `${home.home}/mock.json`;
    writeFileSync(config, JSON.stringify({ users: [{ accessKeyId: 'admin', secretAccessKey: 'the-admin-secret-0123' }] }));
    const r = await runCli(['serve', '--port', '0', '--config', config, '--access-key', 'admin'], { env: home.env });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('sts-cli: The access key admin is a user of the config with another secret; refusing to replace it.');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).not.toContain('the-admin-secret-0123');
  });
});
