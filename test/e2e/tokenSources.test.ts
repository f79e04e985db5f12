// End to end: the built binary takes its web identity token from a (fake) GitHub runner's token
// service, a CI variable or a command, against the in-process mock STS; and every failing source
// is one sentence, the right exit code, and no token in any output.
import { randomUUID } from 'node:crypto';
import { chmodSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request as httpRequest } from 'node:http';
import { type AddressInfo, connect } from 'node:net';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type MockRequestLog, type MockSts, startMockSts } from '../../src/mock/index.js';
import { createCertificateAuthority, issueServerCertificate } from '../../src/mock/tls/index.js';
import { runCli, tempHome } from '../helpers/cli.js';
import { type FakeGithubTokenService, REQUEST_TOKEN, startFakeGithubTokenService } from '../helpers/fakeGithubTokenService.js';

const ROLE = 'arn:aws:iam::123456789012:role/ci';
let sts: MockSts;
let runner: FakeGithubTokenService;
const log: MockRequestLog[] = [];
let subject = 'repo:octo-org/octo-repo:ref:refs/heads/main';
let lifetime = 300;
let home: ReturnType<typeof tempHome>;

beforeAll(async () => {
  sts = await startMockSts({ onRequest: (entry) => log.push(entry) });
  runner = await startFakeGithubTokenService({ mint: (aud) => sts.mintWebIdentityToken({ sub: subject, aud, expiresIn: lifetime, jti: randomUUID() }) });
});
afterAll(async () => {
  await runner.close();
  await sts.close();
});
beforeEach(() => {
  home = tempHome();
  subject = 'repo:octo-org/octo-repo:ref:refs/heads/main';
  lifetime = 300;
});
afterEach(() => home.cleanup());

const assumedWithToken = () => log.filter((e) => e.action === 'AssumeRoleWithWebIdentity' && e.status === 200).length;
function expectNoSecret(text: string, secrets: string[]) {
  for (const secret of [REQUEST_TOKEN, ...runner.issued, ...secrets]) expect(text).not.toContain(secret);
}

describe('--oidc github', () => {
  it('a workflow step: the runner variables → assume-web-identity --profile ci → whoami', async () => {
    const env = { ...home.env, ...runner.env };
    const assumed = await runCli(
      ['assume-web-identity', '--oidc', 'github', '--role-arn', ROLE, '--role-session-name', 'gha', '--endpoint-url', sts.url, '--profile', 'ci'],
      {
        env,
      },
    );
    expect(assumed.stderr).toMatch(/Assumed arn:aws:sts::123456789012:assumed-role\/ci\/gha; wrote profile \[ci\]/);
    expect(assumed.code).toBe(0);
    expect(runner.seen.at(-1)!.url.searchParams.get('audience')).toBe('sts.amazonaws.com');
    const who = await runCli(['whoami', '--profile', 'ci', '--endpoint-url', sts.url, '--format', 'json'], { env: home.env });
    expect(who.code).toBe(0);
    expect(JSON.parse(who.stdout).Arn).toBe('arn:aws:sts::123456789012:assumed-role/ci/gha');
    expectNoSecret(assumed.stdout + assumed.stderr, []);
  });

  it('--debug traces the token request without the request token or the token', async () => {
    const r = await runCli(['assume-web-identity', '--debug', '--oidc', 'github', '--role-arn', ROLE, '--endpoint-url', sts.url, '--format', 'json'], {
      env: { ...home.env, ...runner.env },
    });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/\[debug\] > GET http:\/\/127\.0\.0\.1:\d+\/_apis\/.*\/idtoken\?…audience=sts\.amazonaws\.com \(GitHub token service\)/);
    expect(r.stderr).toContain('[debug] < HTTP 200 (GitHub token service)');
    expectNoSecret(r.stderr, []);
  });

  it('credential-process: a session outlives its tokens; assuming again takes a fresh one; another subject gets its own', async () => {
    // Tokens live 3 s (at least 2: exp counts from iat's whole second); a fresh one reaches the mock well within that.
    lifetime = 3;
    const env = { ...home.env, ...runner.env };
    const args = ['credential-process', '--oidc', 'github', '--role-arn', ROLE, '--duration', '1h', '--endpoint-url', sts.url];
    const keyOf = async () => {
      const r = await runCli(args, { env });
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      return JSON.parse(r.stdout).AccessKeyId as string;
    };
    const before = assumedWithToken();
    const first = await keyOf();
    // The first token has expired by now; the cached session has not, and is given again.
    await new Promise((r) => setTimeout(r, 3500));
    expect(await keyOf()).toBe(first);
    expect(assumedWithToken()).toBe(before + 1);
    // Without the cache it assumes again, with a token fetched just now (the first one would be refused as expired).
    for (const name of readdirSync(join(home.home, '.cache', 'sts-cli'))) rmSync(join(home.home, '.cache', 'sts-cli', name));
    const again = await keyOf();
    expect(again).not.toBe(first);
    expect(assumedWithToken()).toBe(before + 2);
    // A job whose token names another subject never gets that session.
    subject = 'repo:octo-org/octo-repo:pull_request';
    const other = await keyOf();
    expect(other).not.toBe(again);
    expect(assumedWithToken()).toBe(before + 3);
  });

  it('without the runner variables: exit 3 and the permissions hint; a refusing service: exit 3', async () => {
    const r = await runCli(['assume-web-identity', '--oidc', 'github', '--role-arn', ROLE, '--endpoint-url', sts.url], { env: home.env });
    expect(r.code).toBe(3);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      'sts-cli: --oidc github needs ACTIONS_ID_TOKEN_REQUEST_URL and ACTIONS_ID_TOKEN_REQUEST_TOKEN, which GitHub Actions sets only for a job allowed to ask for an OIDC token. In the workflow, give the job `permissions: id-token: write` (and run sts-cli inside that job).\n',
    );
    const wrong = await runCli(['assume-web-identity', '--oidc', 'github', '--role-arn', ROLE, '--endpoint-url', sts.url], {
      env: { ...home.env, ...runner.env, ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'a-stale-request-token' },
    });
    expect(wrong.code).toBe(3);
    expect(wrong.stderr).toMatch(/refused to issue a token \(HTTP 401\)/);
    expect(wrong.stderr).not.toContain('a-stale-request-token');
    const unknown = await runCli(['assume-web-identity', '--oidc', 'gitlab', '--role-arn', ROLE], { env: home.env });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("argument 'gitlab' is invalid");
  });
});

describe("the token service through the project's HTTP stack", () => {
  it('over https with a private CA: trusted through --ca-bundle (besides the public CAs), refused without it', async () => {
    const ca = createCertificateAuthority({ commonName: 'runner CA' });
    const cert = issueServerCertificate(ca, { hosts: ['127.0.0.1'] });
    const tlsRunner = await startFakeGithubTokenService({
      mint: (aud) => sts.mintWebIdentityToken({ sub: subject, aud }),
      tls: { cert: cert.certPem, key: cert.keyPem },
    });
    try {
      const caFile = join(home.home, 'ca.pem');
      writeFileSync(caFile, ca.certPem);
      const args = ['assume-web-identity', '--oidc', 'github', '--role-arn', ROLE, '--endpoint-url', sts.url, '--format', 'json'];
      const ok = await runCli([...args, '--ca-bundle', caFile], { env: { ...home.env, ...tlsRunner.env } });
      expect(ok.stderr).not.toContain('sts-cli:');
      expect(ok.code).toBe(0);
      const refused = await runCli(args, { env: { ...home.env, ...tlsRunner.env } });
      expect(refused.code).toBe(3);
      expect(refused.stderr).toMatch(
        /^sts-cli: Could not reach GitHub's token service https:\/\/127\.0\.0\.1:\d+\/.*\/idtoken: its TLS certificate was not accepted \([A-Z_]+\)\. A TLS-inspecting proxy needs its CA in --ca-bundle/,
      );
      expect(tlsRunner.seen.length).toBe(1);
    } finally {
      await tlsRunner.close();
    }
  });

  it('through HTTP_PROXY, as the STS calls go', async () => {
    const proxied: string[] = [];
    // Either way a proxy is spoken to: a request in absolute form, or a CONNECT tunnel (undici's default).
    const proxy = createServer((req, res) => {
      proxied.push(`${req.method} ${req.url}`);
      const up = httpRequest(req.url!, { method: req.method, headers: req.headers }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      });
      req.pipe(up);
    });
    proxy.on('connect', (req, socket, head) => {
      proxied.push(`CONNECT ${req.url}`);
      const [host, port] = (req.url ?? '').split(':');
      const upstream = connect(Number(port), host!, () => {
        socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        upstream.write(head);
        upstream.pipe(socket);
        socket.pipe(upstream);
      });
      upstream.on('error', () => socket.destroy());
      socket.on('error', () => upstream.destroy());
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = proxy.address() as AddressInfo;
      const r = await runCli(['assume-web-identity', '--oidc', 'github', '--role-arn', ROLE, '--endpoint-url', sts.url, '--format', 'json'], {
        env: { ...home.env, ...runner.env, HTTP_PROXY: `http://127.0.0.1:${port}` },
      });
      expect(r.code, r.stderr).toBe(0);
      const runnerHost = new URL(runner.requestUrl).host;
      expect(proxied.some((line) => line === `CONNECT ${runnerHost}` || line.startsWith(`GET http://${runnerHost}/`))).toBe(true);
      expect(proxied.some((line) => line === `CONNECT ${new URL(sts.url).host}` || line === `POST ${sts.url}/`)).toBe(true);
      expect(runner.seen.at(-1)!.url.search).toBe('?api-version=2.0&audience=sts.amazonaws.com');
    } finally {
      proxy.closeAllConnections();
      await new Promise((resolve) => proxy.close(resolve));
    }
  });
});

describe('variables and commands', () => {
  it('--web-identity-token-env and --oidc circleci read the job variable', async () => {
    const token = await sts.mintWebIdentityToken({ sub: 'project/x' });
    for (const [flags, variable] of [
      [['--web-identity-token-env', 'GITLAB_OIDC_TOKEN'], 'GITLAB_OIDC_TOKEN'],
      [['--oidc', 'circleci'], 'CIRCLE_OIDC_TOKEN_V2'],
    ] as const) {
      const r = await runCli(['assume-web-identity', ...flags, '--role-arn', ROLE, '--endpoint-url', sts.url, '--format', 'json'], {
        env: { ...home.env, [variable]: token },
      });
      expect(r.code, r.stderr).toBe(0);
      expect(JSON.parse(r.stdout).Credentials.AccessKeyId).toMatch(/^ASIA/);
      const missing = await runCli(['assume-web-identity', ...flags, '--role-arn', ROLE, '--endpoint-url', sts.url], { env: home.env });
      expect(missing.code).toBe(3);
      expect(missing.stderr).toContain(`${variable} is not set`);
    }
  });

  it("--web-identity-token-process: the command's stdout, its stderr passed through", async () => {
    const token = await sts.mintWebIdentityToken({ sub: 'pipeline/deploy' });
    const script = join(home.home, 'request-token');
    writeFileSync(script, `#!/bin/sh\necho "requesting a token for $1" >&2\ncat "${join(home.home, 'jwt')}"\n`);
    chmodSync(script, 0o755);
    writeFileSync(join(home.home, 'jwt'), `${token}\n`);
    const r = await runCli(
      ['assume-web-identity', '--web-identity-token-process', `${script} sts.amazonaws.com`, '--role-arn', ROLE, '--endpoint-url', sts.url, '--format', 'json'],
      {
        env: home.env,
      },
    );
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('requesting a token for sts.amazonaws.com');
    expect(r.stderr).not.toContain(token);
  });

  it('a command that fails, hangs, prints nothing or prints no JWT: one sentence, exit 3, nothing sent', async () => {
    const secret = 'sk-live-printed-by-mistake';
    const sent = log.length;
    const cases: Array<[string, RegExp]> = [
      ['echo nope >&2; exit 3', /^nope\nsts-cli: The token process echo \(--web-identity-token-process\) exited with code 3\. /],
      ['sleep 20', /^sts-cli: The token process sleep \(--web-identity-token-process\) did not finish within 1 second, so sts-cli stopped it\. /],
      ['true', /^sts-cli: The token process true \(--web-identity-token-process\) printed no token on stdout\. /],
      [`echo ${secret}`, /^sts-cli: The token from --web-identity-token-process is not a JWT: it has 1 part, not 3 separated by dots\. /],
    ];
    for (const [command, stderr] of cases) {
      const started = Date.now();
      const r = await runCli(
        ['assume-web-identity', '--web-identity-token-process', command, '--role-arn', ROLE, '--endpoint-url', sts.url, '--timeout', '1'],
        {
          env: home.env,
        },
      );
      expect(r.code, command).toBe(3);
      expect(r.stderr).toMatch(stderr);
      expect(r.stderr.trim().split('\n').length).toBeLessThanOrEqual(2);
      expect(r.stderr).not.toContain(secret);
      expect(Date.now() - started).toBeLessThan(8000);
    }
    expect(log.length).toBe(sent);
  });
});
