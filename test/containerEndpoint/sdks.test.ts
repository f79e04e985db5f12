// Real SDKs nobody here wrote as the child of the endpoint: boto3, @aws-sdk/client-sts and AWS CLI v2
// call GetCallerIdentity without pause against the mock STS while the endpoint renews the session.
//
// STS sessions last 900 s at least, so the endpoint reports a short Expiration (8 s) for each session
// it assumes on the mock, and renews it every 4 s; the SDKs trust the Expiration they are given. Such
// credentials are inside every SDK's refresh window (botocore 15 min, JS 5 min) from the start, so the
// SDKs fetch on (nearly) every call: what these tests prove is that renewals are invisible to the
// child (no failed call, no call with credentials past the Expiration it was told), that the key
// changes with each renewal, and that the STS sees one AssumeRole per session however often the
// child fetches. That fresh credentials are ready before a long session enters an SDK's window is
// proven with botocore itself on a clock 360 times faster (the last test): one fetch per session.
import { spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { type ContainerEndpoint, containerChildEnvironment, type Schedule, startContainerEndpoint } from '../../src/containerEndpoint/index.js';
import { StsServiceError } from '../../src/errors.js';
import { type MockRequestLog, type MockSts, startMockSts } from '../../src/mock/index.js';
import { createStsClient } from '../../src/sts/client.js';
import { tempHome } from '../helpers/cli.js';
import { AWS_CLI_V2, awsCliV2, boto3, skipWithout } from '../helpers/peers.js';

const ROLE = 'arn:aws:iam::123456789012:role/container-loop';
const REPO = new URL('../../', import.meta.url).pathname;
const LIFETIME_MS = 8_000;
// Each child loops at least MIN_SECONDS and until it has been answered with three sessions (two
// renewals), for at most MAX_SECONDS.
const LOOP_ENV = { MIN_SECONDS: '9', MAX_SECONDS: '45' };

interface Loop {
  sts: MockSts;
  endpoint: ContainerEndpoint;
  log: MockRequestLog[];
  /** The Expiration reported for each access key, on the endpoint's clock. */
  expiries: Map<string, number>;
  provided: () => number;
  env: NodeJS.ProcessEnv;
  cleanup: () => Promise<void>;
}

const running: Loop[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((l) => l.cleanup()));
});

async function loop(options: { lifetimeMs: number; now?: () => Date; schedule?: Schedule; failingRenewals?: number }): Promise<Loop> {
  const log: MockRequestLog[] = [];
  const sts = await startMockSts({ onRequest: (entry) => log.push(entry) });
  const client = createStsClient({
    endpoint: sts.url,
    region: 'us-east-1',
    auth: { kind: 'sigv4', credentials: { accessKeyId: sts.accessKeyId, secretAccessKey: sts.secretAccessKey } },
  });
  const now = options.now ?? (() => new Date());
  const expiries = new Map<string, number>();
  let provided = 0;
  let failing = options.failingRenewals ?? 0;
  const endpoint = await startContainerEndpoint({
    provide: async ({ refresh }) => {
      provided += 1;
      if (refresh && failing > 0) {
        failing -= 1;
        throw new StsServiceError('ServiceUnavailable', 'Service is unavailable', 503);
      }
      // A session name per session, so that the child sees each renewal in the ARN it is answered.
      const result = await client.assumeRole({ roleArn: ROLE, roleSessionName: `container-loop-${provided}`, durationSeconds: 900 });
      const expiration = new Date(now().getTime() + options.lifetimeMs);
      expiries.set(result.credentials.accessKeyId, expiration.getTime());
      return { ...result.credentials, expiration, roleArn: ROLE, accountId: '123456789012' };
    },
    now,
    ...(options.schedule ? { schedule: options.schedule } : {}),
  });
  const home = tempHome();
  const env = containerChildEnvironment({ ...process.env, ...home.env, AWS_PAGER: '', MOCK_URL: sts.url }, endpoint, 'us-east-1');
  const l: Loop = {
    sts,
    endpoint,
    log,
    expiries,
    provided: () => provided,
    env,
    cleanup: async () => {
      await endpoint.close();
      await client.close();
      await sts.close();
      home.cleanup();
    },
  };
  running.push(l);
  return l;
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

interface Summary {
  ok: number;
  fail: number;
  errors: string[];
  /** Distinct assumed-role ARNs the child was answered: one per session it used. */
  sessions: number;
}

/** What every SDK must show after the loop, and what it did, printed for the record. */
async function expectSeamless(name: string, l: Loop, result: { code: number | null; stdout: string; stderr: string }, minCalls: number, failedRenewals = 0) {
  const lastLine = result.stdout.trim().split('\n').pop() ?? '';
  expect(result.code, result.stderr).toBe(0);
  const summary = JSON.parse(lastLine) as Summary;
  const stats = l.endpoint.stats();
  await l.endpoint.close();
  expect(summary.errors).toEqual([]);
  expect(summary.fail).toBe(0);
  expect(summary.ok).toBeGreaterThanOrEqual(minCalls);
  expect(summary.sessions).toBeGreaterThanOrEqual(3);

  const calls = l.log.filter((e) => e.action === 'GetCallerIdentity');
  expect(calls).toHaveLength(summary.ok);
  expect(calls.filter((e) => e.status !== 200)).toEqual([]);
  // Never a call signed with credentials past the Expiration the child was told.
  const late = calls.filter((e) => Date.parse(e.time) >= (l.expiries.get(e.accessKeyId ?? '') ?? 0));
  expect(late).toEqual([]);
  const keys = new Set(calls.map((e) => e.accessKeyId));
  expect(keys.size).toBeGreaterThanOrEqual(3);

  // One AssumeRole per session, not per call nor per fetch.
  const assumes = l.log.filter((e) => e.action === 'AssumeRole');
  expect(assumes).toHaveLength(l.provided() - failedRenewals);
  expect(stats.provided).toBe(l.provided());
  expect(stats.failedRenewals).toBe(failedRenewals);
  expect(stats.provided).toBe(stats.renewals + 1 + failedRenewals);
  expect(stats.renewals).toBeGreaterThanOrEqual(2);
  expect(stats.refused + stats.unavailable).toBe(0);
  console.log(
    `[${name}] ${summary.ok} GetCallerIdentity calls, ${stats.served} credential fetches, ${stats.renewals} renewals, ${assumes.length} AssumeRole, ${keys.size} keys used`,
  );
  return { summary, stats, keys };
}

const BOTO3_LOOP = `
import json, os, time, boto3
sts = boto3.client('sts', endpoint_url=os.environ['MOCK_URL'])
start = time.time()
ok, fail, errors, arns = 0, 0, [], set()
while time.time() - start < float(os.environ['MAX_SECONDS']) and (len(arns) < 3 or time.time() - start < float(os.environ['MIN_SECONDS'])):
    try:
        arns.add(sts.get_caller_identity()['Arn'])
        ok += 1
    except Exception as e:
        fail += 1
        errors.append(type(e).__name__ + ': ' + str(e)[:300])
print(json.dumps({'ok': ok, 'fail': fail, 'errors': errors[:5], 'sessions': len(arns)}))
`;

const JS_LOOP = `
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
const sts = new STSClient({ endpoint: process.env.MOCK_URL, region: 'us-east-1' });
const start = Date.now();
const elapsed = () => (Date.now() - start) / 1000;
let ok = 0, fail = 0; const errors = []; const arns = new Set();
while (elapsed() < Number(process.env.MAX_SECONDS) && (arns.size < 3 || elapsed() < Number(process.env.MIN_SECONDS))) {
  try { arns.add((await sts.send(new GetCallerIdentityCommand({}))).Arn); ok++; }
  catch (e) { fail++; errors.push(e.name + ': ' + String(e.message).slice(0, 300)); }
}
console.log(JSON.stringify({ ok, fail, errors: errors.slice(0, 5), sessions: arns.size }));
`;

// One aws process per call, as a script would run it: each process fetches once.
const AWS_CLI_LOOP = `
ok=0; fail=0; errors=''; seen=' '; sessions=0
while [ $SECONDS -lt $MAX_SECONDS ] && { [ $sessions -lt 3 ] || [ $SECONDS -lt $MIN_SECONDS ]; }; do
  if out=$("$AWS" sts get-caller-identity --endpoint-url "$MOCK_URL" --query Arn --output text 2>&1); then
    ok=$((ok + 1))
    case "$seen" in *" $out "*) ;; *) seen="$seen$out "; sessions=$((sessions + 1)) ;; esac
  else
    fail=$((fail + 1)); errors="$out"
  fi
done
if [ -n "$errors" ]; then printf '%s\\n' "$errors" >&2; fi
printf '{"ok":%d,"fail":%d,"errors":[%s],"sessions":%d}\\n' "$ok" "$fail" "$([ -n "$errors" ] && echo '"see stderr"')" "$sessions"
`;

describe('SDKs as the child, across renewals', () => {
  describe('boto3', () => {
    const skip = skipWithout(boto3());
    it.skipIf(skip)('calls without pause across renewals: no failure, a new key per session, one AssumeRole per session', { timeout: 60_000 }, async () => {
      const l = await loop({ lifetimeMs: LIFETIME_MS });
      const result = await run('python3', ['-c', BOTO3_LOOP], { ...l.env, ...LOOP_ENV });
      const { summary, stats } = await expectSeamless('boto3', l, result, 50);
      // Inside botocore's windows from the start, it fetches before every call.
      expect(stats.served).toBeGreaterThanOrEqual(summary.ok);
    });

    it.skipIf(skip)('sees nothing of two failed renewal attempts: the old credentials are served until one succeeds', { timeout: 60_000 }, async () => {
      const l = await loop({ lifetimeMs: LIFETIME_MS, failingRenewals: 2 });
      const result = await run('python3', ['-c', BOTO3_LOOP], { ...l.env, ...LOOP_ENV });
      await expectSeamless('boto3, 2 failed renewals', l, result, 50, 2);
    });
  });

  describe('@aws-sdk/client-sts', () => {
    it('calls without pause across renewals: no failure, a new key per session, one AssumeRole per session', { timeout: 60_000 }, async () => {
      const l = await loop({ lifetimeMs: LIFETIME_MS });
      const result = await run(process.execPath, ['--input-type=module', '-e', JS_LOOP], { ...l.env, ...LOOP_ENV });
      await expectSeamless('@aws-sdk/client-sts', l, result, 50);
    });
  });

  describe('AWS CLI v2', () => {
    const skip = skipWithout(awsCliV2());
    it.skipIf(skip)('one process per call across renewals: no failure, a new key per session, one AssumeRole per session', { timeout: 120_000 }, async () => {
      const l = await loop({ lifetimeMs: LIFETIME_MS });
      const result = await run('bash', ['-c', AWS_CLI_LOOP], { ...l.env, AWS: AWS_CLI_V2, ...LOOP_ENV, MIN_SECONDS: '0', MAX_SECONDS: '80' });
      const { summary, stats } = await expectSeamless('aws-cli-v2', l, result, 3);
      // Each process fetches when it starts, and again only when its credentials are within its window.
      expect(stats.served).toBeGreaterThanOrEqual(summary.ok);
    });
  });
});

// botocore's RefreshableCredentials reads time through its _time_fetcher; the child points it at a
// clock K times faster, the endpoint plans on the same clock, and each reported session lasts one
// (fast) hour. Signing keeps the real clock, so the mock checks signatures as usual.
const K = 360;
const BOTO3_FAST_LOOP = `
import datetime, json, os, time, boto3
T0, K = float(os.environ['FAST_T0']) / 1000, float(os.environ['FAST_K'])
fast_now = lambda: datetime.datetime.fromtimestamp(T0 + (time.time() - T0) * K, tz=datetime.timezone.utc)
session = boto3.Session()
credentials = session.get_credentials()
credentials._time_fetcher = fast_now
sts = session.client('sts', endpoint_url=os.environ['MOCK_URL'])
end = time.time() + float(os.environ['LOOP_SECONDS'])
ok, fail, errors = 0, 0, []
while time.time() < end:
    try:
        sts.get_caller_identity()
        ok += 1
    except Exception as e:
        fail += 1
        errors.append(type(e).__name__ + ': ' + str(e)[:300])
    time.sleep(0.02)
print(json.dumps({'ok': ok, 'fail': fail, 'errors': errors[:5]}))
`;

describe('botocore on a fast clock, hour-long sessions', () => {
  const skip = skipWithout(boto3());
  it.skipIf(skip)('fetches once per session: the endpoint renewed before botocore’s 15-minute window opened', { timeout: 60_000 }, async () => {
    const t0 = Date.now();
    const now = () => new Date(t0 + (Date.now() - t0) * K);
    const schedule: Schedule = (at, run) => {
      const timer = setTimeout(run, Math.max(0, (at.getTime() - now().getTime()) / K));
      return () => clearTimeout(timer);
    };
    const l = await loop({ lifetimeMs: 3600_000, now, schedule });
    const result = await run('python3', ['-c', BOTO3_FAST_LOOP], { ...l.env, FAST_T0: String(t0), FAST_K: String(K), LOOP_SECONDS: '16' });
    expect(result.code, result.stderr).toBe(0);
    const summary = JSON.parse(result.stdout.trim()) as Summary;
    const stats = l.endpoint.stats();
    expect(summary).toMatchObject({ fail: 0, errors: [] });
    const calls = l.log.filter((e) => e.action === 'GetCallerIdentity');
    const keys = new Set(calls.map((e) => e.accessKeyId));
    // 16 s are 96 fast minutes: renewals at 40 and 80, botocore's fetches at 0, 45 and 85.
    expect(stats.renewals).toBeGreaterThanOrEqual(2);
    expect(keys.size).toBeGreaterThanOrEqual(3);
    // Each fetch brought a session botocore had not seen: it never fetched inside its window.
    expect(stats.served).toBe(keys.size);
    expect(summary.ok).toBeGreaterThan(stats.served * 20);
    expect(l.log.filter((e) => e.action === 'AssumeRole')).toHaveLength(stats.provided);
    console.log(`[boto3, ${K}x clock, 1 h sessions] ${summary.ok} calls, ${stats.served} fetches, ${stats.renewals} renewals, ${keys.size} keys used`);
  });
});
