// The token sources of assume-web-identity and credential-process (SPEC §9), driven through the
// CliContext seam: which flag picks which source, that every flag is checked before any source is
// touched, and what the credential cache keys each kind of token on.
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { run as credentialProcess } from '../../src/cli/commands/credentialProcess.js';
import type { CommandInputs } from '../../src/cli/inputs.js';
import { resolveCall } from '../../src/cli/resolveCall.js';
import { cacheKey } from '../../src/credentials/cache.js';
import { type MockRequestLog, type MockSts, startMockSts } from '../../src/mock/index.js';
import { type FakeGithubTokenService, handMadeJwt, REQUEST_TOKEN, startFakeGithubTokenService } from '../helpers/fakeGithubTokenService.js';
import { fakeContext, inputOf, tempHome } from './harness.js';

const ROLE = 'arn:aws:iam::123456789012:role/ci';
const ISSUER = 'https://token.actions.githubusercontent.com';
type Family = 'assume-web-identity' | 'credential-process';

let home: ReturnType<typeof tempHome>;
let service: FakeGithubTokenService;
/** The subject the fake runner's next tokens name. */
let subject = 'repo:octo-org/octo-repo:ref:refs/heads/main';

beforeAll(async () => {
  // A new token at every request, as GitHub's service hands them out: new iat, exp and jti.
  let clock = 1_700_000_000;
  service = await startFakeGithubTokenService({
    mint: (audience) => {
      clock += 60;
      return handMadeJwt({
        iss: ISSUER,
        sub: subject,
        aud: audience,
        repository: 'octo-org/octo-repo',
        iat: clock,
        nbf: clock,
        exp: clock + 300,
        jti: randomUUID(),
      });
    },
  });
});
afterAll(() => service.close());
beforeEach(() => {
  home = tempHome();
  subject = 'repo:octo-org/octo-repo:ref:refs/heads/main';
});
afterEach(() => home.cleanup());

async function resolve<K extends Family>(command: K, args: string[], env: NodeJS.ProcessEnv = service.env) {
  const ctx = fakeContext({ home: home.home, env });
  const input: CommandInputs[K] = await inputOf(command, args);
  return { call: await resolveCall(command, input, ctx), ctx };
}

const refused = (command: Family, args: string[], env?: NodeJS.ProcessEnv) =>
  resolve(command, args, env).then(
    () => undefined,
    (e: unknown) => e,
  );

describe('choosing the source', () => {
  it("--oidc github: the runner's token, fetched for --audience (default sts.amazonaws.com), registered as a secret", async () => {
    const { call, ctx } = await resolve('assume-web-identity', ['--oidc', 'github', '--role-arn', ROLE]);
    const token = service.issued.at(-1)!;
    expect(call.request).toEqual({ action: 'AssumeRoleWithWebIdentity', params: expect.objectContaining({ roleArn: ROLE, webIdentityToken: token }) });
    expect(service.seen.at(-1)!.url.searchParams.get('audience')).toBe('sts.amazonaws.com');
    expect(ctx.secrets).toContain(token);
    await resolve('assume-web-identity', ['--oidc', 'github', '--audience', 'minio', '--role-arn', ROLE]);
    expect(service.seen.at(-1)!.url.searchParams.get('audience')).toBe('minio');
  });

  it('--oidc circleci, --web-identity-token-env, --web-identity-token-process', async () => {
    const token = handMadeJwt({ iss: 'https://oidc.circleci.com/org/o', sub: 'org/o/project/p/user/u' });
    const circle = await resolve('assume-web-identity', ['--oidc', 'circleci', '--role-arn', ROLE], { CIRCLE_OIDC_TOKEN_V2: token });
    expect(circle.call.request.params).toMatchObject({ webIdentityToken: token });
    const gitlab = await resolve('assume-web-identity', ['--web-identity-token-env', 'GITLAB_OIDC_TOKEN', '--role-arn', ROLE], { GITLAB_OIDC_TOKEN: token });
    expect(gitlab.call.request.params).toMatchObject({ webIdentityToken: token });
    const processed = await resolve('assume-web-identity', ['--web-identity-token-process', 'printf %s "$T"', '--role-arn', ROLE], {
      PATH: process.env.PATH,
      T: token,
    });
    expect(processed.call.request.params).toMatchObject({ webIdentityToken: token });
    expect(processed.ctx.secrets).toContain(token);
  });

  it('credential-process is a web identity with any token source flag', async () => {
    for (const args of [
      ['--oidc', 'github'],
      ['--web-identity-token-env', 'T'],
      ['--web-identity-token-process', 'printf %s "$T"'],
    ]) {
      const { call } = await resolve('credential-process', [...args, '--role-arn', ROLE], {
        ...service.env,
        PATH: process.env.PATH,
        T: handMadeJwt({ sub: 'x' }),
      });
      expect(call.request.action).toBe('AssumeRoleWithWebIdentity');
      expect(call.connection.auth).toEqual({ kind: 'none' });
    }
  });

  it('missing CI variables are exit 3 with the hint that fixes them', async () => {
    const github = await refused('assume-web-identity', ['--oidc', 'github', '--role-arn', ROLE], {});
    expect(github).toMatchObject({ code: 'ERR_TOKEN_SOURCE', exitCode: 3, hint: expect.stringContaining('permissions: id-token: write') });
    expect(await refused('credential-process', ['--oidc', 'circleci', '--role-arn', ROLE], {})).toMatchObject({ exitCode: 3 });
    expect(await refused('assume-web-identity', ['--web-identity-token-env', 'NOPE', '--role-arn', ROLE], {})).toMatchObject({ exitCode: 3 });
  });

  it('bad usage is exit 2, and then no token source is touched', async () => {
    const before = service.seen.length;
    const cases: string[][] = [
      ['--oidc', 'github', '--web-identity-token', 'a.b.c'],
      ['--oidc', 'github', '--web-identity-token-env', 'T'],
      ['--web-identity-token-process', 'true', '--web-identity-token-file', '/dev/null'],
      ['--oidc', 'circleci', '--audience', 'x'],
      ['--audience', 'x', '--web-identity-token-env', 'T'],
      ['--oidc', 'github', '--audience', ' '],
      ['--web-identity-token-env', '$CI_JOB_JWT'],
      ['--web-identity-token-process', '  '],
      ['--oidc', 'github', '--role-session-name', 'bad name'],
      ['--oidc', 'github', '--duration', '899'],
      ['--oidc', 'github', '--timeout', 'soon'],
      ['--oidc', 'github', '--endpoint-url', 'ftp://sts'],
    ];
    for (const args of cases) {
      const error = await refused('assume-web-identity', [...args, '--role-arn', ROLE]);
      expect(error, args.join(' ')).toMatchObject({ exitCode: 2 });
    }
    expect(service.seen.length).toBe(before);
    expect(await refused('assume-web-identity', ['--oidc', 'github', '--web-identity-token-file', '/x', '--role-arn', ROLE])).toMatchObject({
      message: 'Give one source of the web identity token, not --web-identity-token-file and --oidc github.',
    });
  });
});

describe('the cache key of a token', () => {
  const keyOf = async (args: string[], env?: NodeJS.ProcessEnv) =>
    cacheKey((await resolve('credential-process', [...args, '--role-arn', ROLE], env)).call.cacheIdentity);

  it('GitHub hands out a new token at every fetch: the key is its stable claims, so the cache meets it again', async () => {
    const first = await keyOf(['--oidc', 'github']);
    const second = await keyOf(['--oidc', 'github']);
    expect(service.issued.at(-1)).not.toBe(service.issued.at(-2));
    expect(second).toBe(first);
    const identity = JSON.stringify((await resolve('credential-process', ['--oidc', 'github', '--role-arn', ROLE])).call.cacheIdentity);
    expect(identity).not.toContain(service.issued.at(-1)!);
    expect(identity).not.toContain(REQUEST_TOKEN);
    expect(identity).toContain('tokenClaimsSha256');
  });

  it('a token for another subject, or another audience, never meets the cached credentials', async () => {
    const main = await keyOf(['--oidc', 'github']);
    subject = 'repo:octo-org/octo-repo:ref:refs/heads/feature';
    expect(await keyOf(['--oidc', 'github'])).not.toBe(main);
    subject = 'repo:octo-org/octo-repo:ref:refs/heads/main';
    expect(await keyOf(['--oidc', 'github', '--audience', 'other'])).not.toBe(main);
    expect(await keyOf(['--oidc', 'github'])).toBe(main);
  });

  it("a token process is keyed the same way; a variable's token by its digest (SPEC §7)", async () => {
    const claims = { iss: ISSUER, sub: 'pipeline:one' };
    const env = (extra: Record<string, unknown>) => ({ PATH: process.env.PATH, T: handMadeJwt({ ...claims, ...extra }) });
    const proc = ['--web-identity-token-process', 'printf %s "$T"'];
    expect(await keyOf(proc, env({ iat: 1, jti: 'a' }))).toBe(await keyOf(proc, env({ iat: 2, jti: 'b' })));
    expect(await keyOf(proc, env({ sub: 'pipeline:two' }))).not.toBe(await keyOf(proc, env({})));
    const variable = ['--web-identity-token-env', 'T'];
    expect(await keyOf(variable, env({ iat: 1 }))).not.toBe(await keyOf(variable, env({ iat: 2 })));
    const { call } = await resolve('credential-process', [...variable, '--role-arn', ROLE], env({}));
    expect(Object.keys(call.cacheIdentity.caller)).toContain('webIdentityTokenSha256');
  });
});

describe('credential-process with --oidc github against the mock', () => {
  let sts: MockSts;
  let runner: FakeGithubTokenService;
  const log: MockRequestLog[] = [];
  beforeAll(async () => {
    sts = await startMockSts({ onRequest: (entry) => log.push(entry) });
    // The runner's tokens live five minutes, like GitHub's.
    runner = await startFakeGithubTokenService({ mint: (aud) => sts.mintWebIdentityToken({ sub: subject, aud, expiresIn: 300, jti: randomUUID() }) });
  });
  afterAll(async () => {
    await runner.close();
    await sts.close();
  });

  it('an hour-long session outlives the five-minute tokens: reused for the hour, assumed again near its end with a fresh token', async () => {
    const args = ['--oidc', 'github', '--role-arn', ROLE, '--duration', '1h', '--endpoint-url', sts.url];
    const input = await inputOf('credential-process', args);
    const at = (minutes: number) => fakeContext({ home: home.home, env: runner.env, now: new Date(Date.now() + minutes * 60_000) });
    const assumed = () => log.filter((e) => e.action === 'AssumeRoleWithWebIdentity').length;
    const printed = async (minutes: number) => {
      const ctx = at(minutes);
      await credentialProcess(input, ctx);
      return JSON.parse(ctx.stdout.join('')) as { AccessKeyId: string; Expiration: string };
    };
    const start = assumed();
    const first = await printed(0);
    expect(assumed()).toBe(start + 1);
    // 10, 30 and 50 minutes on: every token of the start has long expired; the session has not.
    for (const minutes of [10, 30, 50]) expect((await printed(minutes)).AccessKeyId).toBe(first.AccessKeyId);
    expect(assumed()).toBe(start + 1);
    // 57 minutes on, fewer than 5 are left: assumed again, with the token fetched just now.
    const renewed = await printed(57);
    expect(renewed.AccessKeyId).not.toBe(first.AccessKeyId);
    expect(assumed()).toBe(start + 2);
    expect(runner.issued.length).toBe(5);
    expect(new Set(runner.issued).size).toBe(5);
  });

  it('a token for another subject does not get the cached credentials', async () => {
    const input = await inputOf('credential-process', ['--oidc', 'github', '--role-arn', ROLE, '--endpoint-url', sts.url]);
    const once = async () => {
      const ctx = fakeContext({ home: home.home, env: runner.env });
      await credentialProcess(input, ctx);
      return (JSON.parse(ctx.stdout.join('')) as { AccessKeyId: string }).AccessKeyId;
    };
    const main = await once();
    expect(await once()).toBe(main);
    subject = 'repo:octo-org/octo-repo:pull_request';
    const pr = await once();
    expect(pr).not.toBe(main);
    subject = 'repo:octo-org/octo-repo:ref:refs/heads/main';
    expect(await once()).toBe(main);
  });
});
