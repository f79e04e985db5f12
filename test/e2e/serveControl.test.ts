// `sts-cli serve` and its control plane (SPEC §10, §11): open on loopback, token-only elsewhere,
// off with --no-control; --workers hands every secret to its workers in their environment,
// never in their arguments.
import { readdirSync, readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { type Served, serve } from '../helpers/serve.js';
import { assumeParams, call } from '../mock/call.js';

const running: Served[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.stop()));
});
async function start(args: string[], env?: NodeJS.ProcessEnv): Promise<Served> {
  const served = await serve(args, env);
  running.push(served);
  return served;
}
const env = (extra: Record<string, string> = {}) => ({ PATH: process.env.PATH, NO_COLOR: '1', ...extra });
const get = (url: string, path: string, token?: string) => fetch(`${url}/_sts-cli${path}`, token ? { headers: { authorization: `Bearer ${token}` } } : {});

describe('serve and its control plane', () => {
  it('on loopback the control plane is open, and names the dashboard on stderr', async () => {
    const sts = await start([]);
    expect((await call(sts.url, assumeParams())).status).toBe(200);
    const listed = (await (await get(sts.url, '/requests')).json()) as { requests: Array<{ action: string; status: number }> };
    expect(listed.requests).toMatchObject([{ action: 'AssumeRole', status: 200 }]);
    expect(sts.stderr()).toContain(`dashboard and control plane at ${sts.url}/_sts-cli/`);
  });

  it('--no-control: STS answers, /_sts-cli/ is 404 but health', async () => {
    const sts = await start(['--no-control']);
    expect((await call(sts.url, assumeParams())).status).toBe(200);
    const refused = await get(sts.url, '/requests');
    expect(refused.status).toBe(404);
    expect(((await refused.json()) as { error: string }).error).toMatch(/switched off \(--no-control\)/);
    expect((await get(sts.url, '/health')).status).toBe(200);
    expect(sts.stderr()).toContain('control plane off (--no-control)');
  });

  it('on a non-loopback address: 403 without a token; STS_CLI_CONTROL_TOKEN opens it to its bearer, and is never printed', async () => {
    const locked = await start(['--host', '0.0.0.0']);
    const port = new URL(locked.url).port;
    const refused = await get(`http://127.0.0.1:${port}`, '/requests');
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { error: string }).error).toMatch(/--control-token/);
    expect((await get(`http://127.0.0.1:${port}`, '/health')).status).toBe(200);

    const token = 'control-token-from-env-0123456789';
    const guarded = await start(['--host', '0.0.0.0', '--log', 'json'], env({ STS_CLI_CONTROL_TOKEN: token }));
    const url = `http://127.0.0.1:${new URL(guarded.url).port}`;
    expect((await get(url, '/requests')).status).toBe(403);
    expect((await get(url, '/requests', 'wrong-token')).status).toBe(403);
    expect((await get(url, '/requests', token)).status).toBe(200);
    expect(guarded.stderr()).not.toContain(token);
  });

  it('a bad control token is a usage error (exit 2) before anything listens', async () => {
    await expect(serve(['--control-token', 'has space'])).rejects.toThrow(/serve exited 2.*control token must be 1 to 1024 printable characters/s);
  });

  it('--workers 2: the workers get every secret in their environment, none in their arguments', async () => {
    const secrets = {
      signingKey: 'worker-signing-key-0123456789abcdef0123',
      secretKey: 'worker-secret-key-0123456789',
      controlToken: 'worker-control-token-0123456789',
      authToken: 'worker-auth-token-0123456789',
    };
    const sts = await start([
      '--workers',
      '2',
      '--secret-key',
      secrets.secretKey,
      `--signing-key=${secrets.signingKey}`,
      '--control-token',
      secrets.controlToken,
      '--auth-token',
      secrets.authToken,
    ]);
    const primary = sts.child.pid!;
    const workers = readdirSync('/proc')
      .filter((name) => /^\d+$/.test(name))
      .filter((pid) => {
        try {
          return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')[1] === String(primary);
        } catch {
          return false;
        }
      });
    expect(workers).toHaveLength(2);
    for (const pid of workers) {
      const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      expect(args).toContain('serve');
      expect(args).toContain('--workers');
      for (const secret of Object.values(secrets)) expect(args.join(' ')).not.toContain(secret);
      const environment = readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0');
      expect(environment).toEqual(
        expect.arrayContaining([
          `STS_CLI_SIGNING_KEY=${secrets.signingKey}`,
          `STS_CLI_SECRET_KEY=${secrets.secretKey}`,
          `STS_CLI_CONTROL_TOKEN=${secrets.controlToken}`,
          `STS_CLI_AUTH_TOKEN=${secrets.authToken}`,
        ]),
      );
    }
    // And the workers use them: the secret key signs, the token guards the control plane.
    const answer = await call(sts.url, assumeParams(), { credentials: { accessKeyId: 'test', secretAccessKey: secrets.secretKey } });
    expect(answer.status).toBe(200);
    expect((await get(sts.url, '/requests')).status).toBe(403);
    expect((await get(sts.url, '/requests', secrets.controlToken)).status).toBe(200);
    expect(sts.stderr()).toContain('each worker keeps its own journal, sessions, faults and clock');
    for (const secret of Object.values(secrets)) expect(sts.stderr()).not.toContain(secret);
  });
});
