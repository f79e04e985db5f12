// SPEC §11's secrets on the command line (issue 9 item 2), as a user and a neighbour meet them:
// every secret has a way in that is not argv; `serve --workers` hands secrets to its workers in
// the environment; a secret flag's value is masked in every message, commander's own included; a
// secret given as a flag earns a one-line warning naming the other way; `exec` keeps sts-cli's
// own secrets from the command it runs.
import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type MockSts, startMockSts } from '../../src/mock/index.js';
import { signRequest } from '../../src/sigv4/index.js';
import { runCli, tempHome } from '../helpers/cli.js';
import { startServe as startServeOn, stopAll } from '../helpers/serve.js';
import { neighbour } from '../helpers/neighbour.js';

const SECRET = 'sekret-Value-0123456789-abcdef';
const SIGNING_KEY = 'signing-key-of-the-mock-0123456789-abcdefgh';
const AUTH_TOKEN = 'ecs-auth-token-0123456789-abcdef';

let home: ReturnType<typeof tempHome>;
beforeEach(() => {
  home = tempHome();
});
afterEach(() => {
  stopAll();
  home.cleanup();
});

/** The built `serve` on a free port (test/helpers/serve.ts). */
const startServe = (args: string[], env: NodeJS.ProcessEnv) => startServeOn(['--port', '0', ...args], env);

async function stop(serve: ReturnType<typeof startServe>): Promise<void> {
  serve.child.kill('SIGTERM');
  expect(await serve.exited).toBe(0);
}

/** The status of a GetCallerIdentity signed for `test` with `secret`, POSTed to `url` (a base URL, or the ecs flavor's …/sts). */
async function whoamiStatus(url: string, secret: string): Promise<number> {
  const target = new URL(url).pathname === '/' ? new URL('/', url).href : url;
  const body = 'Action=GetCallerIdentity&Version=2011-06-15';
  const signed = signRequest(
    { method: 'POST', url: target, headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' }, body },
    { credentials: { accessKeyId: 'test', secretAccessKey: secret }, region: 'us-east-1', service: 'sts', now: new Date() },
  );
  const { host: _host, ...headers } = signed.headers;
  return (await fetch(target, { method: 'POST', headers, body })).status;
}

/** The pids whose parent is `pid`, from /proc. */
function childrenOf(pid: number): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((name) => {
      try {
        const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
        return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid;
      } catch {
        return false;
      }
    })
    .map(Number);
}

describe('a secret given as a flag is masked in every message, commander’s own included', () => {
  const cases: Array<[string, string[], RegExp]> = [
    ['a mistyped secret flag with its value', ['assume', `--auth-tokn=${SECRET}`], /unknown option '--auth-tokn=\*\*\*\*'/],
    // Short enough a value that commander still recognises the flag it meant.
    ['a mistyped secret flag that gets a suggestion', ['assume', '--auth-tok=ab'], /unknown option '--auth-tok=\*\*\*\*'\n\(Did you mean --auth-token\?\)/],
    ['a mistyped flag followed by the secret', ['assume', '--auth-tokn', SECRET], /unknown option '--auth-tokn'\n\(Did you mean --auth-token\?\)/],
    ['serve’s mistyped secret flag', ['serve', `--secret-keyy=${SECRET}`], /unknown option '--secret-keyy=\*\*\*\*'/],
    ['a secret flag before the command', [`--auth-token=${SECRET}`, 'assume'], /unknown option '--auth-token=\*\*\*\*'/],
    ['an unknown short option glued to a secret', ['assume', `-x${SECRET}`], /unknown option '-x\*\*\*\*'/],
    ['a missing argument after another secret', ['serve', `--signing-key=${SECRET}`, '--secret-key'], /option '--secret-key <secret>' argument missing/],
    ['a secret given to --auth instead of --auth-token', ['assume', '--auth', SECRET], /option '--auth <mode>' argument '\*\*\*\*' is invalid/],
    ['a good secret flag next to a bad option', ['assume-web-identity', '--web-identity-token', SECRET, '--bogus'], /unknown option '--bogus'/],
    ['a secret among too many arguments', ['serve', '--auth-token', SECRET, 'extra'], /too many arguments for 'serve'/],
  ];
  for (const [name, args, message] of cases) {
    it(name, async () => {
      const r = await runCli(args, { env: home.env });
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr + r.stdout).not.toContain(SECRET);
      expect(r.stderr + r.stdout).not.toContain(SECRET.slice(0, 12));
    });
  }

  it('a valid choice typo still shows what was typed', async () => {
    const r = await runCli(['assume', '--format', 'jsn'], { env: home.env });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("argument 'jsn' is invalid");
  });

  it('sts-cli’s own messages mask a secret flag’s value too', async () => {
    const r = await runCli(
      [
        'assume',
        '--auth',
        'ecs-token',
        '--auth-token',
        SECRET,
        '--endpoint-url',
        'http://127.0.0.1:9/',
        '--role-arn',
        `arn:aws:iam::123456789012:role/${SECRET}`,
      ],
      { env: home.env },
    );
    expect(r.code).not.toBe(0);
    expect(r.stderr).not.toContain(SECRET);
  });
});

describe('a secret given as a flag prints one warning naming the way that is not the command line', () => {
  let ecs: MockSts;
  beforeAll(async () => {
    ecs = await startMockSts({ flavor: 'ecs', authToken: AUTH_TOKEN });
  });
  afterAll(async () => ecs.close());
  const assume = ['assume', '--auth', 'ecs-token', '--role-arn', 'urn:ecs:iam::ns1:role/r', '--role-session-name', 'ww', '--format', 'json'];

  it('assume --auth-token warns and points at ECS_AUTH_TOKEN; ECS_AUTH_TOKEN alone is silent', async () => {
    const flag = await runCli([...assume, '--endpoint-url', ecs.url, '--auth-token', AUTH_TOKEN], { env: home.env });
    expect(flag.code).toBe(0);
    const warnings = flag.stderr.split('\n').filter((l) => l.includes('on the command line'));
    expect(warnings).toEqual(['sts-cli: --auth-token on the command line can be read by every user of this machine (ps, /proc); set ECS_AUTH_TOKEN instead.']);
    expect(flag.stderr).not.toContain(AUTH_TOKEN);
    const env = await runCli([...assume, '--endpoint-url', ecs.url], { env: { ...home.env, ECS_AUTH_TOKEN: AUTH_TOKEN } });
    expect(env.code).toBe(0);
    expect(env.stderr).not.toContain('on the command line');
  });

  it('--web-identity-token points at the token file', async () => {
    const r = await runCli(['assume-web-identity', '--web-identity-token', `${SECRET}.x.y`, '--role-arn', 'x'], { env: home.env });
    expect(r.stderr).toContain('sts-cli: --web-identity-token on the command line can be read by every user of this machine');
    expect(r.stderr).toContain('pass it in a file (--web-identity-token-file) or a variable (--web-identity-token-env) instead.');
  });

  it('serve --secret-key, --signing-key and --auth-token each point at their STS_CLI_ variable', async () => {
    const serve = startServe(['--secret-key', SECRET, '--signing-key', SIGNING_KEY, '--auth-token', AUTH_TOKEN], home.env);
    await serve.url;
    await stop(serve);
    for (const name of ['SECRET_KEY', 'SIGNING_KEY', 'AUTH_TOKEN']) expect(serve.stderr()).toContain(`; set STS_CLI_${name} instead.`);
    for (const secret of [SECRET, SIGNING_KEY, AUTH_TOKEN]) expect(serve.stderr()).not.toContain(secret);
  });
});

describe('serve takes every secret from the environment', () => {
  it('STS_CLI_SECRET_KEY is the accepted secret; a flag wins over it', async () => {
    const serve = startServe([], { ...home.env, STS_CLI_SECRET_KEY: SECRET });
    const url = await serve.url;
    expect(await whoamiStatus(url, SECRET)).toBe(200);
    expect(await whoamiStatus(url, 'test')).toBe(403);
    await stop(serve);
    expect(serve.stderr()).not.toContain('on the command line');
    const flag = startServe(['--secret-key', 'flag-secret-wins-0123'], { ...home.env, STS_CLI_SECRET_KEY: SECRET });
    expect(await whoamiStatus(await flag.url, 'flag-secret-wins-0123')).toBe(200);
    await stop(flag);
  });

  it('STS_CLI_AUTH_TOKEN is the ecs flavor’s token (default still test)', async () => {
    const withToken = startServe(['--flavor', 'ecs'], { ...home.env, STS_CLI_AUTH_TOKEN: AUTH_TOKEN });
    const assume = (url: string, token: string) =>
      runCli(['assume', '--auth', 'ecs-token', '--endpoint-url', url, '--role-arn', 'urn:ecs:iam::ns1:role/r', '--format', 'json'], {
        env: { ...home.env, ECS_AUTH_TOKEN: token },
      });
    const url = await withToken.url;
    expect((await assume(url, AUTH_TOKEN)).code).toBe(0);
    expect((await assume(url, 'test')).code).toBe(1);
    await stop(withToken);
    const byDefault = startServe(['--flavor', 'ecs'], home.env);
    expect((await assume(await byDefault.url, 'test')).code).toBe(0);
    await stop(byDefault);
  });
});

describe('exec keeps sts-cli’s own secrets out of the child’s environment', () => {
  it('ECS_AUTH_TOKEN and STS_CLI_* are not passed on; STS_CLI_PROFILE is set for the child', async () => {
    const { mkdirSync, writeFileSync } = await import('node:fs');
    mkdirSync(`${home.home}/.aws`, { mode: 0o700 });
    writeFileSync(home.credentialsFile, '[dev]\naws_access_key_id = AKIDEXAMPLE\naws_secret_access_key = secret-of-dev-0123\n', { mode: 0o600 });
    const env = {
      ...home.env,
      ECS_AUTH_TOKEN: AUTH_TOKEN,
      STS_CLI_SIGNING_KEY: SIGNING_KEY,
      STS_CLI_SECRET_KEY: SECRET,
      STS_CLI_AUTH_TOKEN: AUTH_TOKEN,
      KEPT: 'yes',
    };
    const r = await runCli(['exec', '--profile', 'dev', '--', 'env'], { env });
    expect(r.code).toBe(0);
    const names = r.stdout.split('\n').map((l) => l.split('=')[0]);
    expect(names).toContain('KEPT');
    expect(names).toContain('AWS_ACCESS_KEY_ID');
    expect(names.filter((n) => n === 'ECS_AUTH_TOKEN' || n?.startsWith('STS_CLI_'))).toEqual(['STS_CLI_PROFILE']);
    for (const secret of [AUTH_TOKEN, SIGNING_KEY, SECRET]) expect(r.stdout).not.toContain(secret);
  });
});

const nb = neighbour();
describe.skipIf(!nb)('serve --workers: no secret in a worker’s /proc/PID/cmdline, read as a second user (stscli-neighbour)', () => {
  async function workersOf(serve: ReturnType<typeof startServe>, count: number): Promise<number[]> {
    for (let i = 0; i < 50; i++) {
      const pids = childrenOf(serve.child.pid!);
      if (pids.length >= count) return pids;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error('the workers did not start');
  }
  const cmdlineAsNeighbour = (pid: number) => nb!.run('cat "/proc/$1/cmdline" | tr "\\0" " "', [String(pid)]).stdout;

  it('secrets given as flags reach the workers in their environment only, and the workers use them', async () => {
    const serve = startServe(['--workers', '2', '--flavor', 'ecs', '--secret-key', SECRET, '--signing-key', SIGNING_KEY, '--auth-token', AUTH_TOKEN], home.env);
    const url = await serve.url;
    const workers = await workersOf(serve, 2);
    for (const pid of workers) {
      const cmdline = cmdlineAsNeighbour(pid);
      expect(cmdline).toContain('serve');
      expect(cmdline).toContain('--workers 2');
      for (const secret of [SECRET, SIGNING_KEY, AUTH_TOKEN]) expect(cmdline).not.toContain(secret);
      // The environment, where they are, is not the neighbour's to read.
      expect(() => nb!.run('cat "/proc/$1/environ"', [String(pid)])).toThrow(/Permission denied/);
    }
    // Every worker took the secret and the token from its environment (8 requests reach both).
    const statuses = await Promise.all(
      Array.from({ length: 8 }, async (_, i) => (i % 2 ? whoamiStatus(`${url}/sts`, SECRET) : whoamiStatus(`${url}/sts`, 'test'))),
    );
    expect(statuses).toEqual(Array.from({ length: 8 }, (_, i) => (i % 2 ? 200 : 403)));
    const ecsAssume = await runCli(['assume', '--auth', 'ecs-token', '--endpoint-url', url, '--role-arn', 'urn:ecs:iam::ns1:role/r', '--format', 'json'], {
      env: { ...home.env, ECS_AUTH_TOKEN: AUTH_TOKEN },
    });
    expect(ecsAssume.code).toBe(0);
    await stop(serve);
  });

  it('secrets given in the environment appear in no process’s arguments', async () => {
    const serve = startServe(['--workers', '2'], { ...home.env, STS_CLI_SECRET_KEY: SECRET, STS_CLI_SIGNING_KEY: SIGNING_KEY });
    const url = await serve.url;
    for (const pid of [serve.child.pid!, ...(await workersOf(serve, 2))]) {
      const cmdline = cmdlineAsNeighbour(pid);
      for (const secret of [SECRET, SIGNING_KEY]) expect(cmdline).not.toContain(secret);
    }
    expect(await whoamiStatus(url, SECRET)).toBe(200);
    await stop(serve);
    expect(serve.stderr()).not.toContain('on the command line');
  });
});
