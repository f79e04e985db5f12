// End to end: `sts-cli exec PROFILE --server -- cmd` (SPEC §8) through the built binary, with real
// SDK children against the mock: the child gets the container-credentials endpoint and no keys, its
// SDK (boto3) calls GetCallerIdentity as the assumed role, exit codes and signals pass through, the
// endpoint stops with the child, stored keys are refused, and no secret reaches stderr.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type MockRequestLog, type MockSts, startMockSts } from '../../src/mock/index.js';
import { BIN, runCli, tempHome } from '../helpers/cli.js';
import { boto3, skipWithout } from '../helpers/peers.js';

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
  mkdirSync(`${home.home}/.aws`, { mode: 0o700 });
  writeFileSync(home.credentialsFile, `[base]\naws_access_key_id = ${sts.accessKeyId}\naws_secret_access_key = ${sts.secretAccessKey}\n`, { mode: 0o600 });
  writeFileSync(
    home.configFile,
    `[profile dev]\nrole_arn = arn:aws:iam::123456789012:role/dev\nrole_session_name = served\nsource_profile = base\nregion = eu-west-1\nendpoint_url = ${sts.url}\n`,
    { mode: 0o600 },
  );
  env = {
    ...home.env,
    XDG_CACHE_HOME: `${home.home}/cache`,
    // What the child must not inherit: keys and a profile the SDKs would prefer, sts-cli's own secrets.
    AWS_ACCESS_KEY_ID: 'AKIAPARENTSHOULDNOTLEAK',
    AWS_SECRET_ACCESS_KEY: 'parent-secret-should-not-leak',
    AWS_SESSION_TOKEN: 'parent-token-should-not-leak',
    AWS_PROFILE: 'dev',
    STS_CLI_SIGNING_KEY: 'a-signing-key-that-must-stay-with-sts-cli',
    // The child's SDK finds the mock for its own STS calls this way (as a user's endpoint config would).
    AWS_ENDPOINT_URL_STS: sts.url,
  };
});
afterEach(() => home.cleanup());

const BOTO3_CHILD = `
import json, os, boto3
seen = {k: os.environ.get(k) for k in ["AWS_CONTAINER_CREDENTIALS_FULL_URI", "AWS_CONTAINER_AUTHORIZATION_TOKEN", "AWS_REGION", "AWS_DEFAULT_REGION",
  "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE", "STS_CLI_SIGNING_KEY", "STS_CLI_PROFILE"]}
session = boto3.Session()
arn = session.client("sts").get_caller_identity()["Arn"]
print(json.dumps({"env": seen, "arn": arn, "method": session.get_credentials().method}))
`;

describe('exec --server', () => {
  it('exec PROFILE --server: serves the role to a boto3 child: endpoint variables, no keys, GetCallerIdentity as the role', async () => {
    if (skipWithout(boto3())) return;
    const r = await runCli(['exec', 'dev', '--server', '--', 'python3', '-c', BOTO3_CHILD], { env, timeoutMs: 80_000 });
    expect(r.code, r.stderr).toBe(0);
    const { env: seen, arn, method } = JSON.parse(r.stdout) as { env: Record<string, string | null>; arn: string; method: string };
    expect(arn).toBe('arn:aws:sts::123456789012:assumed-role/dev/served');
    expect(method).toBe('container-role');
    expect(seen.AWS_CONTAINER_CREDENTIALS_FULL_URI).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/[0-9a-f]{32}$/);
    expect(seen.AWS_CONTAINER_AUTHORIZATION_TOKEN).toMatch(/^[\w-]{43}$/);
    expect([seen.AWS_REGION, seen.AWS_DEFAULT_REGION]).toEqual(['eu-west-1', 'eu-west-1']);
    expect([seen.AWS_ACCESS_KEY_ID, seen.AWS_SECRET_ACCESS_KEY, seen.AWS_SESSION_TOKEN, seen.AWS_PROFILE, seen.STS_CLI_SIGNING_KEY]).toEqual([
      null,
      null,
      null,
      null,
      null,
    ]);
    expect(seen.STS_CLI_PROFILE).toBe('dev');
    expect(r.stderr).toBe('');

    // The endpoint stopped with the child.
    await expect(fetch(seen.AWS_CONTAINER_CREDENTIALS_FULL_URI!, { headers: { authorization: seen.AWS_CONTAINER_AUTHORIZATION_TOKEN! } })).rejects.toThrow();
    // The session went through sts-cli's cache.
    expect(existsSync(`${home.home}/cache/sts-cli`)).toBe(true);
    // python3 with boto3 starts slowly on a busy machine.
  }, 90_000);

  it('answers only with the token: 403 otherwise', async () => {
    const probe = `const u = process.env.AWS_CONTAINER_CREDENTIALS_FULL_URI, t = process.env.AWS_CONTAINER_AUTHORIZATION_TOKEN;
      Promise.all([fetch(u), fetch(u, { headers: { authorization: 'wrong' } }), fetch(u, { headers: { authorization: t } })])
        .then(async ([a, b, c]) => console.log(JSON.stringify([a.status, b.status, c.status, Object.keys(await c.json())])));`;
    const r = await runCli(['exec', '--profile', 'dev', '--server', '--', process.execPath, '-e', probe], { env });
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([403, 403, 200, ['RoleArn', 'AccessKeyId', 'SecretAccessKey', 'Token', 'Expiration', 'AccountId']]);
  });

  it("passes the child's exit code through", async () => {
    const r = await runCli(['exec', '--profile', 'dev', '--server', '--', 'sh', '-c', 'exit 7'], { env });
    expect(r.code).toBe(7);
  });

  it('forwards a signal to the child and exits as it does', async () => {
    const child = spawn(process.execPath, [BIN, 'exec', '--profile', 'dev', '--server', '--', 'sh', '-c', 'trap "exit 42" TERM; echo ready; sleep 20 & wait'], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    await new Promise<void>((resolve) => child.stdout.on('data', (d: Buffer) => d.toString().includes('ready') && resolve()));
    child.kill('SIGTERM');
    expect(await new Promise((resolve) => child.once('exit', (code) => resolve(code)))).toBe(42);
  });

  it('stored keys: exit 2 with one sentence, and the command never runs', async () => {
    const marker = `${home.home}/ran`;
    const r = await runCli(['exec', '--profile', 'base', '--server', '--', 'touch', marker], { env });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('exec --server needs a profile it can renew, and "base" holds stored keys');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(existsSync(marker)).toBe(false);
  });

  it('a refusal of the first assume is exec’s error: nothing runs', async () => {
    const marker = `${home.home}/ran`;
    writeFileSync(home.credentialsFile, `[base]\naws_access_key_id = ${sts.accessKeyId}\naws_secret_access_key = wrong-secret\n`, { mode: 0o600 });
    const r = await runCli(['exec', '--profile', 'dev', '--server', '--', 'touch', marker], { env });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('SignatureDoesNotMatch');
    expect(existsSync(marker)).toBe(false);
  });

  it('warns when [default] has keys the SDKs would take before the endpoint', async () => {
    writeFileSync(
      home.credentialsFile,
      `[base]\naws_access_key_id = ${sts.accessKeyId}\naws_secret_access_key = ${sts.secretAccessKey}\n[default]\naws_access_key_id = AKIADEFAULT\naws_secret_access_key = x\n`,
      {
        mode: 0o600,
      },
    );
    const r = await runCli(['exec', '--profile', 'dev', '--server', '--', 'true'], { env });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('profile [default] has aws_access_key_id: the AWS SDKs in the command will use it instead of the endpoint');
  });

  it('--debug shows the endpoint but never the token or a secret', async () => {
    const r = await runCli(['--debug', 'exec', '--profile', 'dev', '--server', '--', 'sh', '-c', 'echo "$AWS_CONTAINER_AUTHORIZATION_TOKEN"'], { env });
    expect(r.code, r.stderr).toBe(0);
    const token = r.stdout.trim();
    expect(token).toMatch(/^[\w-]{43}$/);
    expect(r.stderr).toContain('exec --server: serving profile dev at http://127.0.0.1:');
    expect(r.stderr).not.toContain(token);
    expect(r.stderr).not.toContain('a-signing-key-that-must-stay-with-sts-cli');
    // The session served: from the cache entry it was stored in.
    const dir = `${home.home}/cache/sts-cli`;
    const entry = JSON.parse(readFileSync(`${dir}/${readdirSync(dir)[0]!}`, 'utf8')) as {
      result: { credentials: { secretAccessKey: string; sessionToken: string } };
    };
    expect(r.stderr).not.toContain(entry.result.credentials.secretAccessKey);
    expect(r.stderr).not.toContain(entry.result.credentials.sessionToken);
  });
});

// Across renewals through the binary: the mock's clock runs 888 s behind, so that the 900 s sessions
// it issues expire 12 s from now (its SigV4 window of 15 minutes still accepts our signatures); the
// endpoint renews each at half its life. The children loop GetCallerIdentity without pause until they
// have been answered with three sessions: no call may fail, and the STS sees one AssumeRole per session.
describe('exec --server across renewals', () => {
  const LOOP_ENV = { MIN_SECONDS: '14', MAX_SECONDS: '45' };
  const BOTO3_LOOP = `
import json, os, time, boto3
sts = boto3.client('sts')
start = time.time()
ok, fail, errors, arns = 0, 0, [], set()
while time.time() - start < float(os.environ['MAX_SECONDS']) and (len(arns) < 3 or time.time() - start < float(os.environ['MIN_SECONDS'])):
    try:
        arns.add(sts.get_caller_identity()['Arn'])
        ok += 1
    except Exception as e:
        fail += 1
        errors.append(type(e).__name__ + ': ' + str(e)[:300])
    time.sleep(0.05)
print(json.dumps({'ok': ok, 'fail': fail, 'errors': errors[:5], 'sessions': len(arns)}))
`;
  const JS_LOOP = `
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
const sts = new STSClient({});
const start = Date.now();
const elapsed = () => (Date.now() - start) / 1000;
let ok = 0, fail = 0; const errors = []; const arns = new Set();
while (elapsed() < Number(process.env.MAX_SECONDS) && (arns.size < 3 || elapsed() < Number(process.env.MIN_SECONDS))) {
  try { arns.add((await sts.send(new GetCallerIdentityCommand({}))).Arn); ok++; }
  catch (e) { fail++; errors.push(e.name + ': ' + String(e.message).slice(0, 300)); }
  await new Promise((r) => setTimeout(r, 50));
}
console.log(JSON.stringify({ ok, fail, errors: errors.slice(0, 5), sessions: arns.size }));
`;
  let behind: MockSts;
  const log: MockRequestLog[] = [];
  beforeAll(async () => {
    behind = await startMockSts({ now: () => new Date(Date.now() - 888_000), onRequest: (entry) => log.push(entry) });
  });
  afterAll(async () => {
    await behind.close();
  });

  async function loop(child: string[]) {
    log.length = 0;
    // No role_session_name: each session gets its own generated name, so the child sees each renewal in its ARN.
    writeFileSync(
      home.configFile,
      `[profile dev]\nrole_arn = arn:aws:iam::123456789012:role/dev\nsource_profile = base\nduration_seconds = 900\nregion = eu-west-1\nendpoint_url = ${behind.url}\n`,
      {
        mode: 0o600,
      },
    );
    return runCli(['exec', '--profile', 'dev', '--server', '--', ...child], {
      env: { ...env, AWS_ENDPOINT_URL_STS: behind.url, ...LOOP_ENV },
      timeoutMs: 80_000,
    });
  }

  function expectSeamless(r: { code: number | null; stdout: string; stderr: string }, minCalls: number) {
    expect(r.code, r.stderr).toBe(0);
    const summary = JSON.parse(r.stdout.trim().split('\n').pop()!) as { ok: number; fail: number; errors: string[]; sessions: number };
    expect(summary.errors).toEqual([]);
    expect(summary.fail).toBe(0);
    expect(summary.ok).toBeGreaterThanOrEqual(minCalls);
    expect(summary.sessions).toBeGreaterThanOrEqual(3);
    const calls = log.filter((e) => e.action === 'GetCallerIdentity');
    expect(calls.filter((e) => e.status !== 200)).toEqual([]);
    // One AssumeRole per session the child saw (a renewal may be under way when it stops), never one per call.
    const assumes = log.filter((e) => e.action === 'AssumeRole');
    expect(assumes.length).toBeGreaterThanOrEqual(summary.sessions);
    expect(assumes.length).toBeLessThanOrEqual(summary.sessions + 1);
    expect(calls.length).toBeGreaterThan(assumes.length * 3);
  }

  it('boto3: no failed call, a new session at each renewal, one AssumeRole per session', async () => {
    if (skipWithout(boto3())) return;
    expectSeamless(await loop(['python3', '-c', BOTO3_LOOP]), 20);
  }, 90_000);

  it('@aws-sdk/client-sts: no failed call, a new session at each renewal, one AssumeRole per session', async () => {
    expectSeamless(await loop([process.execPath, '--no-warnings', '--input-type=module', '-e', JS_LOOP]), 20);
  }, 90_000);
});
