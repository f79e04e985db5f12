// End to end, through the built binary: what a newcomer meets in the first hour (issue 8) —
// flags that must not be silently ignored, values caught before anything is sent, and messages
// that name the flag to change, the real cause, and commands that can be pasted as they are.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { dirname } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type MockSts, startMockSts } from '../../src/mock/index.js';
import { runCli, tempHome } from '../helpers/cli.js';
import { serve, startServe, stopAll } from '../helpers/serve.js';

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

function writeFile(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}

/** How many STS requests the mock has answered so far. */
const sent = () => sts.requests().length;

describe('--format with --profile', () => {
  it('prints the credentials in that format as well as writing the profile', async () => {
    const result = await runCli(['assume', '--role-arn', ROLE, '--role-session-name', 'jq', '--profile', 'dev', '--format', 'json'], { env });
    expect(result.code).toBe(0);
    const printed = JSON.parse(result.stdout);
    expect(printed.Credentials.AccessKeyId).toMatch(/^ASIA/);
    expect(readFileSync(home.credentialsFile, 'utf8')).toContain(`aws_access_key_id = ${printed.Credentials.AccessKeyId}`);
  });

  it('without --format, --profile still prints nothing on stdout', async () => {
    const result = await runCli(['assume', '--role-arn', ROLE, '--profile', 'dev'], { env });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('');
  });
});

describe('serve on a port it cannot have', () => {
  it('a taken port is one sentence naming host:port and what to do, exit 2, with one worker or two', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = (taken.address() as AddressInfo).port;
    try {
      for (const workers of ['1', '2']) {
        const result = await runCli(['serve', '--port', String(port), '--workers', workers], { env: home.env, timeoutMs: 15_000 });
        expect(result.code, result.stderr).toBe(2);
        expect(result.stdout).toBe('');
        // With --workers, the first worker to start says it; the others are started only once one listens.
        expect(result.stderr).toBe(
          `sts-cli: Cannot listen on 127.0.0.1:${port}: the port is taken by another program; pass another --port, or --port 0 for a free one.\n`,
        );
      }
    } finally {
      taken.close();
    }
  });
});

describe('an expired source profile is caught before anything is sent', () => {
  const OLD =
    '[old]\naws_access_key_id = ASIAOLD0000000000000\naws_secret_access_key = old-secret\naws_session_token = old-token\nx_security_token_expires = 2020-01-01T00:00:00Z\n';
  const EXPIRED =
    'sts-cli: The credentials in profile "old" expired at 2020-01-01T00:00:00Z. Run "sts-cli assume --role-arn ROLE_ARN --profile old" again to refresh them.\n';

  it('assume --source-profile old: exit 3 in the words of env, exec and whoami', async () => {
    writeFile(home.credentialsFile, OLD);
    const before = sent();
    const assumed = await runCli(['assume', '--source-profile', 'old', '--endpoint-url', sts.url, '--role-arn', ROLE], { env: home.env });
    expect(assumed.code).toBe(3);
    expect(assumed.stderr).toBe(EXPIRED);
    expect(sent()).toBe(before);
    const env = await runCli(['env', 'old'], { env: home.env });
    expect([env.code, env.stderr]).toEqual([3, EXPIRED]);
  });

  it("expired AWS_* variables (AWS_CREDENTIAL_EXPIRATION) are said to be the environment's, not a profile's", async () => {
    const before = sent();
    const stale = { ...env, AWS_SESSION_TOKEN: 'old-token', AWS_CREDENTIAL_EXPIRATION: '2020-01-01T00:00:00Z' };
    for (const command of [['assume', '--role-arn', ROLE], ['whoami']]) {
      const result = await runCli(command, { env: stale });
      expect(result.code).toBe(3);
      expect(result.stderr).toMatch(
        /^sts-cli: The AWS_\* credentials in the environment expired at 2020-01-01T00:00:00Z \(AWS_CREDENTIAL_EXPIRATION\)\. Export fresh ones/,
      );
    }
    expect(sent()).toBe(before);
  });

  it('a role profile whose source_profile has expired: exit 3, nothing sent', async () => {
    writeFile(home.credentialsFile, OLD);
    writeFile(home.configFile, `[profile dev]\nrole_arn = ${ROLE}\nsource_profile = old\nendpoint_url = ${sts.url}\n`);
    const before = sent();
    const assumed = await runCli(['assume', 'dev'], { env: home.env });
    expect(assumed.code).toBe(3);
    expect(assumed.stderr).toBe(EXPIRED);
    expect(sent()).toBe(before);
  });
});

describe('expiry reads the same everywhere', () => {
  it('a fresh 1 h session: the same ISO time as the file and "in 1h" from assume, whoami and list', async () => {
    const assumed = await runCli(['assume', '--role-arn', ROLE, '--duration', '1h', '--profile', 'dev'], { env });
    expect(assumed.code).toBe(0);
    const expires = /^x_security_token_expires = (\S+)$/m.exec(readFileSync(home.credentialsFile, 'utf8'))![1]!;
    expect(expires).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(assumed.stderr).toContain(`credentials expire ${expires} (in 1h)`);
    const whoami = await runCli(['whoami', 'dev'], { env: home.env });
    expect(whoami.stdout).toContain(`Expires: ${expires} (in 1h)`);
    const list = await runCli(['list'], { env: home.env });
    expect(list.stdout).toContain(`${expires} (in 1h)`);
  });
});

describe('what AWS STS is known to refuse is refused before sending', () => {
  // Were anything sent, it would go through this proxy, which nothing answers (exit 4).
  const viaDeadProxy = () => ({
    ...env,
    AWS_ENDPOINT_URL_STS: 'https://sts.amazonaws.com',
    HTTPS_PROXY: 'http://127.0.0.1:9',
    https_proxy: 'http://127.0.0.1:9',
  });

  it('a missing --role-arn: exit 2, one line, nothing sent', async () => {
    const result = await runCli(['assume', '--timeout', '2'], { env: viaDeadProxy() });
    expect(result.stderr).toBe('sts-cli: AWS STS needs --role-arn: pass the ARN of the role to assume (only MinIO does without one).\n');
    expect(result.code).toBe(2);
  });

  it('--duration 20h: exit 2, naming the flag and the maximum', async () => {
    const result = await runCli(['assume', '--role-arn', ROLE, '--duration', '20h', '--timeout', '2'], { env: viaDeadProxy() });
    expect(result.stderr).toBe('sts-cli: --duration-seconds must be at most 43200 seconds (12h) for AWS STS; got 72000.\n');
    expect(result.code).toBe(2);
  });

  it('an endpoint that may be MinIO still gets a request without RoleArn', async () => {
    const before = sent();
    const result = await runCli(['assume'], { env });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('MissingParameter');
    expect(sent()).toBe(before + 1);
  });
});

describe('the real cause, said once', () => {
  it('help nosuch: "unknown command", with a did-you-mean, exit 2', async () => {
    const unknown = await runCli(['help', 'nosuch'], { env: home.env });
    expect([unknown.code, unknown.stdout, unknown.stderr]).toEqual([2, '', "sts-cli: unknown command 'nosuch'\n"]);
    const typo = await runCli(['help', 'asume'], { env: home.env });
    expect([typo.code, typo.stderr]).toEqual([2, "sts-cli: unknown command 'asume'\n(Did you mean assume?)\n"]);
    const known = await runCli(['help', 'env'], { env: home.env });
    expect(known.code).toBe(0);
    expect(known.stdout).toMatch(/^Usage: sts-cli env/);
  });

  it('[default without ]: the line and the real cause, file untouched, exit 5', async () => {
    const text = '[default\naws_access_key_id = AKIAEXAMPLE\naws_secret_access_key = long-term-secret\n';
    writeFile(home.credentialsFile, text);
    const result = await runCli(['assume', '--role-arn', ROLE, '--profile', 'dev'], { env });
    expect(result.code).toBe(5);
    expect(result.stderr).toContain(`Cannot parse ${home.credentialsFile}, line 1: section header '[default' has no closing ']'.`);
    expect(result.stderr).not.toContain('before the first');
    expect(readFileSync(home.credentialsFile, 'utf8')).toBe(text);
  });
});

describe('serve --log json', () => {
  afterEach(() => stopAll());

  const jsonLines = (stderr: string) =>
    stderr
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);

  it('every stderr line is JSON: listening, dashboard, warnings off loopback, requests, SIGTERM: closing', async () => {
    const served = await serve(['--host', '0.0.0.0', '--log', 'json'], home.env);
    await fetch(served.url.replace('0.0.0.0', '127.0.0.1'));
    await served.stderrMatch(/"status":200/);
    expect(await served.stop()).toBe(0);
    const lines = jsonLines(served.stderr());
    const messages = lines.map((line) => line.message ?? `request ${line.method} ${line.path}`);
    expect(messages[0]).toMatch(/^mock STS \(aws\) listening on http:\/\/0\.0\.0\.0:\d+/);
    expect(messages).toContain('request GET /');
    expect(messages.at(-1)).toBe('SIGTERM: closing');
    expect(lines.filter((line) => line.level === 'warn').length).toBeGreaterThanOrEqual(1);
    expect(lines.every((line) => typeof line.time === 'string')).toBe(true);
  });

  it('a request answered just before SIGTERM is logged, before the closing line (the log holds lines a moment)', async () => {
    const served = await serve(['--log', 'json'], home.env);
    // The signal goes as soon as the answer's head arrives: well inside the time a line is held.
    await fetch(`${served.url}/held-line`).then((response) => {
      served.child.kill('SIGTERM');
      return response.text();
    });
    expect(await served.exited).toBe(0);
    const messages = jsonLines(served.stderr()).map((line) => line.message ?? `request ${line.method} ${line.path}`);
    expect(messages.slice(-2)).toEqual(['request GET /held-line', 'SIGTERM: closing']);
  });

  it('with --workers 2 too, and a start that fails is a JSON error line', async () => {
    const served = await serve(['--workers', '2', '--log', 'json'], home.env);
    expect(await served.stop()).toBe(0);
    expect(jsonLines(served.stderr()).map((line) => line.message)).toContain('SIGTERM: closing 2 workers');
    const failed = await runCli(['serve', '--port', '0', '--log', 'json', '--config', `${home.home}/missing.json`], { env: home.env });
    expect(failed.code).toBe(5);
    expect(jsonLines(failed.stderr)).toEqual([expect.objectContaining({ level: 'error', message: expect.stringContaining('missing.json') })]);
  });

  it('SIGTERM right after the URL line closes cleanly (exit 0), every time', async () => {
    for (let i = 0; i < 5; i++) {
      const started = startServe(['--port', '0'], home.env);
      await started.url;
      started.child.kill('SIGTERM');
      expect(await started.exited).toBe(0);
      expect(started.stderr()).toContain('SIGTERM: closing');
    }
  });
});
