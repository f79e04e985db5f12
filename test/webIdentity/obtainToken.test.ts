// Every token source (SPEC §9): what it reads, and for each way it fails one sentence, exit 3 (or 5
// for an unreadable file) and neither the token nor the runner's request token in any message.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { obtainToken, type ObtainOptions } from '../../src/webIdentity/obtainToken.js';
import { programName } from '../../src/webIdentity/runTokenProcess.js';
import type { TokenSource } from '../../src/webIdentity/tokenSource.js';
import { type FakeGithubTokenService, handMadeJwt, REQUEST_TOKEN, startFakeGithubTokenService } from '../helpers/fakeGithubTokenService.js';

const JWT = handMadeJwt({ iss: 'https://token.actions.githubusercontent.com', sub: 'repo:octo-org/octo-repo:ref:refs/heads/main', aud: 'sts.amazonaws.com' });
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'sts-cli-tokens-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const options = (env: NodeJS.ProcessEnv = {}, extra: Partial<ObtainOptions> = {}): ObtainOptions => ({
  env: { PATH: process.env.PATH, ...env },
  timeoutMs: 5000,
  userAgent: 'sts-cli/test',
  accessTokenAllowed: false,
  ...extra,
});

/** The error `obtainToken` throws, checked to carry no secret. */
async function failure(source: TokenSource, opts: ObtainOptions, secrets: string[] = []) {
  const error = await obtainToken(source, opts).then(
    () => undefined,
    (e: unknown) => e as { code: string; exitCode: number; message: string; hint?: string },
  );
  expect(error, 'should have failed').toBeDefined();
  for (const secret of [JWT, REQUEST_TOKEN, ...secrets]) {
    expect(error!.message).not.toContain(secret);
    expect(error!.hint ?? '').not.toContain(secret);
  }
  // One clear sentence (a second, the hint, says what to do).
  expect(error!.message).toMatch(/^[A-Z$-].*\.$/s);
  return error!;
}

describe('inline and file tokens', () => {
  it('are read as given, trimmed; a token file that cannot be read is exit 5', async () => {
    expect(await obtainToken({ kind: 'inline', token: ' opaque-access-token \n' }, options())).toBe('opaque-access-token');
    const file = join(dir, 'token');
    writeFileSync(file, `${JWT}\n`);
    expect(await obtainToken({ kind: 'file', path: file }, options())).toBe(JWT);
    const error = await failure({ kind: 'file', path: join(dir, 'missing') }, options());
    expect(error).toMatchObject({ code: 'ERR_FILE', exitCode: 5 });
    expect(error.message).toContain('ENOENT');
  });
});

describe('--web-identity-token-env NAME and --oidc circleci', () => {
  it('read the variable', async () => {
    expect(await obtainToken({ kind: 'env', name: 'CI_JOB_JWT' }, options({ CI_JOB_JWT: `${JWT}\n` }))).toBe(JWT);
    expect(await obtainToken({ kind: 'circleci' }, options({ CIRCLE_OIDC_TOKEN_V2: JWT }))).toBe(JWT);
  });

  it('unset, empty or not a JWT: exit 3, naming the variable', async () => {
    const unset = await failure({ kind: 'env', name: 'CI_JOB_JWT' }, options());
    expect(unset).toMatchObject({ code: 'ERR_TOKEN_SOURCE', exitCode: 3 });
    expect(unset.message).toBe('CI_JOB_JWT is not set, so --web-identity-token-env CI_JOB_JWT has no token to read.');
    expect(unset.hint).toContain('id_tokens');
    expect((await failure({ kind: 'env', name: 'CI_JOB_JWT' }, options({ CI_JOB_JWT: '  ' }))).message).toContain('CI_JOB_JWT is empty');
    const notJwt = await failure({ kind: 'env', name: 'CI_JOB_JWT' }, options({ CI_JOB_JWT: 'hunter2-secret-value' }), ['hunter2-secret-value']);
    expect(notJwt.message).toBe('The token from --web-identity-token-env CI_JOB_JWT is not a JWT: it has 1 part, not 3 separated by dots.');
    const circle = await failure({ kind: 'circleci' }, options());
    expect(circle).toMatchObject({ exitCode: 3 });
    expect(circle.message).toBe('CIRCLE_OIDC_TOKEN_V2 is not set, so --oidc circleci has no token to read.');
  });

  it('an OAuth 2.0 access token passes when --provider-id allows one', async () => {
    expect(await obtainToken({ kind: 'env', name: 'T' }, options({ T: 'opaque-token' }, { accessTokenAllowed: true }))).toBe('opaque-token');
  });
});

describe('--web-identity-token-process CMD', () => {
  const run = (command: string, extra: Partial<ObtainOptions> = {}, env: NodeJS.ProcessEnv = {}) => ({
    source: { kind: 'process', command, origin: '--web-identity-token-process' } as TokenSource,
    opts: options(env, extra),
  });

  it('runs the command through the shell and takes its stdout, trimmed; the environment reaches it', async () => {
    const { source, opts } = run(`printf '%s\\n' "$MY_TOKEN" | cat`, {}, { MY_TOKEN: JWT });
    expect(await obtainToken(source, opts)).toBe(JWT);
  });

  it('non-zero exit, a signal, no output, not a JWT: one sentence naming the program, exit 3', async () => {
    // A stand-in for `buildkite-agent oidc request-token` that refuses, on PATH.
    const bin = join(dir, 'bin');
    const { mkdirSync, chmodSync } = await import('node:fs');
    mkdirSync(bin, { recursive: true });
    writeFileSync(join(bin, 'buildkite-agent'), '#!/bin/sh\necho "agent says no" >&2\nexit 4\n');
    chmodSync(join(bin, 'buildkite-agent'), 0o755);
    const refusing = run('buildkite-agent oidc request-token --audience sts.amazonaws.com', {}, { PATH: `${bin}:${process.env.PATH}` });
    const exited = await failure(refusing.source, refusing.opts);
    expect(exited).toMatchObject({ code: 'ERR_TOKEN_SOURCE', exitCode: 3 });
    expect(exited.message).toBe('The token process buildkite-agent (--web-identity-token-process) exited with code 4.');
    expect(exited.hint).toBe('Its own messages, if any, are above on stderr.');
    const missing = await failure(run('no-such-command-sts-cli --audience x').source, options());
    expect(missing.message).toBe('The token process no-such-command-sts-cli (--web-identity-token-process) exited with code 127.');
    expect(missing.hint).toContain('no such command');
    const killed = await failure(run('kill -TERM $$').source, options());
    expect(killed.message).toContain('was ended by SIGTERM');
    const empty = await failure(run('true').source, options());
    expect(empty.message).toBe('The token process true (--web-identity-token-process) printed no token on stdout.');
    const secret = 'sk-live-do-not-print-me';
    const notJwt = await failure(run(`echo ${secret}`).source, options(), [secret]);
    expect(notJwt.message).toBe('The token from --web-identity-token-process is not a JWT: it has 1 part, not 3 separated by dots.');
  });

  it('a command that hangs is stopped after the timeout, with what it started', async () => {
    const marker = join(dir, 'survivor');
    const started = Date.now();
    const { source } = run(`sleep 30; touch ${marker}`);
    const error = await failure(source, options({}, { timeoutMs: 300 }));
    expect(Date.now() - started).toBeLessThan(5000);
    expect(error).toMatchObject({ exitCode: 3 });
    expect(error.message).toBe('The token process sleep (--web-identity-token-process) did not finish within 0.3 seconds, so sts-cli stopped it.');
    // The sleep was in the process group that was killed: it never gets to touch the file.
    await new Promise((r) => setTimeout(r, 300));
    const { existsSync } = await import('node:fs');
    expect(existsSync(marker)).toBe(false);
  });

  it('names the program, never the rest of the command line', () => {
    expect(programName('TOKEN=secret /usr/bin/buildkite-agent oidc request-token --audience sts')).toBe('buildkite-agent');
    expect(programName('  "vault" read -field=token x')).toBe('vault');
    expect(programName('')).toBe('the command');
  });
});

describe('--oidc github', () => {
  let service: FakeGithubTokenService;
  let failing: FakeGithubTokenService;
  let statuses: number[] = [];
  beforeAll(async () => {
    service = await startFakeGithubTokenService({
      mint: (audience) => handMadeJwt({ iss: 'https://token.actions.githubusercontent.com', sub: 'repo:o/r:ref:refs/heads/main', aud: audience }),
    });
    failing = await startFakeGithubTokenService({
      mint: () => JWT,
      answer: (res) => {
        const status = statuses.shift();
        if (status === undefined) return false;
        res.writeHead(status, { 'content-type': 'application/json' }).end(status === 200 ? '{"value":"not-a-jwt"}' : `{"message":"echo ${REQUEST_TOKEN}"}`);
        return true;
      },
    });
  });
  afterAll(async () => {
    await service.close();
    await failing.close();
  });
  const github = (audience = 'sts.amazonaws.com'): TokenSource => ({ kind: 'github', audience });
  const noSleep = { sleep: async () => undefined } as never;

  it("GETs the runner URL with &audience=AUD and the request token as bearer; the JWT is the answer's value", async () => {
    const token = await obtainToken(github('api://AzureADTokenExchange'), options(service.env));
    expect(token).toBe(service.issued.at(-1));
    const seen = service.seen.at(-1)!;
    expect(seen.url.pathname).toBe('/_apis/distributedtask/hubs/Actions/plans/p1/jobs/j1/idtoken');
    expect(seen.url.search).toBe('?api-version=2.0&audience=api%3A%2F%2FAzureADTokenExchange');
    expect(seen.headers.authorization).toBe(`Bearer ${REQUEST_TOKEN}`);
    expect(seen.headers['user-agent']).toBe('sts-cli/test');
  });

  it('without the two variables: exit 3 and the `permissions: id-token: write` hint', async () => {
    for (const env of [{}, { ACTIONS_ID_TOKEN_REQUEST_URL: service.requestUrl }, { ACTIONS_ID_TOKEN_REQUEST_TOKEN: REQUEST_TOKEN }]) {
      const error = await failure(github(), options(env));
      expect(error).toMatchObject({ code: 'ERR_TOKEN_SOURCE', exitCode: 3 });
      expect(error.message).toMatch(
        /^--oidc github needs ACTIONS_ID_TOKEN_REQUEST_(URL|TOKEN)( and ACTIONS_ID_TOKEN_REQUEST_TOKEN)?, which GitHub Actions sets only for a job allowed to ask for an OIDC token\.$/,
      );
      expect(error.hint).toContain('permissions: id-token: write');
    }
    const bad = await failure(github(), options({ ACTIONS_ID_TOKEN_REQUEST_URL: 'not a url', ACTIONS_ID_TOKEN_REQUEST_TOKEN: REQUEST_TOKEN }));
    expect(bad.message).toBe('ACTIONS_ID_TOKEN_REQUEST_URL is not an http(s) URL.');
  });

  it('a refusal (401/403) is not retried and hints at the permission; a 5xx is retried', async () => {
    statuses = [403];
    const refused = await failure(github(), options(failing.env, noSleep));
    expect(refused.message).toMatch(/^GitHub's token service http:\/\/127\.0\.0\.1:\d+\/_apis\/.*\/idtoken refused to issue a token \(HTTP 403\)\.$/);
    expect(refused.hint).toContain('permissions: id-token: write');
    expect(statuses).toEqual([]);
    const retries: number[] = [];
    statuses = [503, 502];
    expect(await obtainToken(github(), options(failing.env, { ...noSleep, onRetry: (e) => retries.push(e.attempt) }))).toBe(JWT);
    expect(retries).toEqual([1, 2]);
    statuses = [500, 500, 500];
    expect((await failure(github(), options(failing.env, noSleep))).message).toContain('answered HTTP 500 instead of a token');
  });

  it('an answer without a JWT: no value, not JSON, not a JWT', async () => {
    statuses = [200];
    expect((await failure(github(), options(failing.env))).message).toBe('The token from --oidc github is not a JWT: it has 1 part, not 3 separated by dots.');
    const odd = await startFakeGithubTokenService({
      mint: () => JWT,
      answer: (res) => {
        res.writeHead(200).end('<html>sign in</html>');
        return true;
      },
    });
    expect((await failure(github(), options(odd.env))).message).toMatch(/answered without a token \(no "value" in a JSON answer\)\.$/);
    await odd.close();
  });

  it('an answer over 1 MiB is not read; a service that does not answer times out; a closed port', async () => {
    const flood = await startFakeGithubTokenService({
      mint: () => JWT,
      answer: (res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(`{"value":"${'a'.repeat(1024 * 1024 + 10)}"}`);
        return true;
      },
    });
    expect((await failure(github(), options(flood.env, noSleep))).message).toMatch(/sent more than an OIDC token can be \(the answer is over 1 MiB\)/);
    await flood.close();
    const silent = await startFakeGithubTokenService({ mint: () => JWT, answer: () => new Promise<boolean>(() => undefined) });
    const timedOut = await failure(github(), options(silent.env, { ...noSleep, timeoutMs: 200 }));
    expect(timedOut).toMatchObject({ exitCode: 3 });
    expect(timedOut.message).toMatch(/^No answer from GitHub's token service http:\/\/127\.0\.0\.1:\d+\/.* within 0\.2 seconds\.$/);
    await silent.close();
    const closed = await failure(
      github(),
      options({ ACTIONS_ID_TOKEN_REQUEST_URL: 'http://127.0.0.1:9/idtoken?api-version=2.0', ACTIONS_ID_TOKEN_REQUEST_TOKEN: REQUEST_TOKEN }, noSleep),
    );
    expect(closed.message).toBe("Could not reach GitHub's token service http://127.0.0.1:9/idtoken: the connection was refused.");
  });
});
