// End to end, expiry and retries with the mock's clock and faults instead of waiting an hour or
// scripting a server: the built binary against startMockSts, with a throw-away HOME.
import { writeFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startMockSts, type MockSts } from '../../src/mock/index.js';
import { runCli, tempHome } from '../helpers/cli.js';

const ROLE = 'arn:aws:iam::123456789012:role/dev';
let sts: MockSts;
let home: ReturnType<typeof tempHome>;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  sts = await startMockSts();
});
afterAll(async () => sts?.close());
beforeEach(() => {
  home = tempHome();
  env = { ...home.env, AWS_ACCESS_KEY_ID: sts.accessKeyId, AWS_SECRET_ACCESS_KEY: sts.secretAccessKey, AWS_ENDPOINT_URL_STS: sts.url };
  sts.clearRequests();
  sts.clearFaults();
  sts.clock.reset();
});
afterEach(() => home.cleanup());

const assumed = () => sts.requests({ action: 'AssumeRole' }).filter((r) => r.status === 200).length;

describe('expiry, by the mock’s clock', () => {
  it('credential-process assumes again once its cached credentials are within 5 minutes of expiry', async () => {
    const args = ['credential-process', '--role-arn', ROLE, '--role-session-name', 'cp-expiry'];
    // Issued 58 minutes "ago": a one-hour session that ends in 2 minutes by this machine's clock.
    sts.clock.advance(-58 * 60);
    const first = await runCli(args, { env });
    expect(first.code, first.stderr).toBe(0);
    const stale = JSON.parse(first.stdout);
    expect(Date.parse(stale.Expiration) - Date.now()).toBeLessThan(5 * 60_000);
    sts.clock.reset();
    const second = await runCli(args, { env });
    expect(second.code, second.stderr).toBe(0);
    const fresh = JSON.parse(second.stdout);
    expect(fresh.AccessKeyId).not.toBe(stale.AccessKeyId);
    expect(Date.parse(fresh.Expiration) - Date.now()).toBeGreaterThan(55 * 60_000);
    // Fresh credentials come from the cache from now on.
    const third = await runCli(args, { env });
    expect(JSON.parse(third.stdout).AccessKeyId).toBe(fresh.AccessKeyId);
    expect(assumed()).toBe(2);
  });

  it('a profile whose session the mock has seen expire: whoami exits 1 with ExpiredToken and the hint to refresh', async () => {
    const assume = await runCli(['assume', '--role-arn', ROLE, '--duration', '15m', '--profile', 'dev'], { env });
    expect(assume.code, assume.stderr).toBe(0);
    const who = () => runCli(['whoami', '--profile', 'dev'], { env: { ...home.env, AWS_ENDPOINT_URL_STS: sts.url } });
    expect((await who()).code).toBe(0);
    sts.clock.advance(16 * 60);
    const late = await who();
    expect(late.code).toBe(1);
    expect(late.stdout).toBe('');
    expect(late.stderr).toContain('ExpiredToken');
    expect(late.stderr).toMatch(/session token has expired; refresh them/);
  });

  it('credentials issued already expired (the mock’s clock two hours behind) are refused locally by env: exit 3', async () => {
    sts.clock.advance(-2 * 3600);
    expect((await runCli(['assume', '--role-arn', ROLE, '--profile', 'old'], { env })).code).toBe(0);
    const printed = await runCli(['env', '--profile', 'old'], { env: home.env });
    expect(printed.code).toBe(3);
    expect(printed.stdout).toBe('');
    expect(printed.stderr).toContain('expired');
  });

  it('a web identity token past its exp by the mock’s clock: exit 1 with ExpiredTokenException', async () => {
    const tokenFile = `${home.home}/token`;
    writeFileSync(tokenFile, await sts.mintWebIdentityToken({ sub: 'ci', expiresIn: 300 }));
    const web = () =>
      runCli(['assume-web-identity', '--role-arn', ROLE, '--web-identity-token-file', tokenFile, '--format', 'json'], {
        env: { ...home.env, AWS_ENDPOINT_URL_STS: sts.url },
      });
    expect((await web()).code).toBe(0);
    sts.clock.advance(301);
    const late = await web();
    expect(late.code).toBe(1);
    expect(late.stderr).toContain('ExpiredTokenException');
    expect(late.stderr).toContain('The web identity token has expired: fetch a fresh one.');
  });
});

describe('retries and timeouts, by injected faults', () => {
  it('assume rides out two Throttling answers', async () => {
    sts.injectFault({ action: 'AssumeRole', error: 'Throttling', count: 2 });
    const r = await runCli(['assume', '--role-arn', ROLE, '--format', 'json'], { env });
    expect(r.code, r.stderr).toBe(0);
    expect(sts.requests().map((e) => e.errorCode ?? e.status)).toEqual(['Throttling', 'Throttling', 200]);
  });

  it('every connection dropped: exit 4 after 3 attempts', async () => {
    sts.injectFault({ drop: true });
    const r = await runCli(['assume', '--role-arn', ROLE], { env });
    expect(r.code).toBe(4);
    expect(r.stdout).toBe('');
    expect(sts.requests({ action: 'AssumeRole' }).map((e) => e.status)).toEqual([0, 0, 0]);
  });

  it('a mock slower than --timeout: exit 4 saying so', async () => {
    sts.injectFault({ delayMs: 3000 });
    const r = await runCli(['assume', '--role-arn', ROLE, '--timeout', '0.3'], { env });
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/after 3 attempts in [\d.]+ m?s \(timeout 0\.3 s each\)/);
  });

  it('a refusal that is not retried is asked once: AccessDenied from a fault, exit 1', async () => {
    sts.injectFault({ action: 'AssumeRole', error: 'AccessDenied', count: 1 });
    const r = await runCli(['assume', '--role-arn', ROLE], { env });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('AccessDenied');
    expect(sts.requests()).toHaveLength(1);
  });
});
