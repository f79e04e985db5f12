// SPEC §7's cache key as issue 9 item 1 reproduced it: credential-process must not hand the
// credentials cached for one proof of identity to a caller with another one. Each case first
// fills the cache with a caller the mock accepts, then asks again with the same flags but a
// different proof (a pull-request token, a token file rewritten, a wrong ECS token, a wrong secret
// with the same key id): the answer must be the mock's refusal, never the cached credentials.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type MockSts, startMockSts } from '../../src/mock/index.js';
import { runCli, tempHome, withoutSecretFlagWarnings } from '../helpers/cli.js';

const MAIN_ONLY = 'arn:aws:iam::123456789012:role/deploy-main';
const SIGNED = 'arn:aws:iam::123456789012:role/signed';
const MAIN = 'repo:org/app:ref:refs/heads/main';
const PULL_REQUEST = 'repo:org/app:pull_request';
const ECS_ROLE = 'urn:ecs:iam::ns1:role/s3role';

let sts: MockSts;
let ecs: MockSts;
let home: ReturnType<typeof tempHome>;

beforeAll(async () => {
  [sts, ecs] = await Promise.all([
    startMockSts({
      config: {
        users: [{ accessKeyId: 'AKIDCACHEKEY0000001', secretAccessKey: 'the-right-secret-of-the-user' }],
        roles: [
          { arn: MAIN_ONLY, trust: { oidc: [{ issuer: 'self', subjects: [MAIN] }] } },
          { arn: SIGNED, trust: { users: ['AKIDCACHEKEY0000001'] } },
        ],
      },
    }),
    startMockSts({ flavor: 'ecs', authToken: 'the-right-ecs-token' }),
  ]);
});
afterAll(async () => Promise.all([sts.close(), ecs.close()]));
beforeEach(() => {
  home = tempHome();
});
afterEach(() => home.cleanup());

const webArgs = (...rest: string[]) => ['credential-process', '--endpoint-url', sts.url, '--role-arn', MAIN_ONLY, '--role-session-name', 'ci', ...rest];

function accessKeyOf(stdout: string): string {
  return JSON.parse(stdout).AccessKeyId;
}

describe('credential-process never answers from the cache for another proof of identity (issue 9 item 1)', () => {
  it('a pull-request token does not get the credentials cached for the main branch token', async () => {
    const main = await sts.mintWebIdentityToken({ sub: MAIN, aud: 'sts-cli' });
    const pr = await sts.mintWebIdentityToken({ sub: PULL_REQUEST, aud: 'sts-cli' });
    const first = await runCli(webArgs('--web-identity-token', main), { env: home.env });
    expect(withoutSecretFlagWarnings(first.stderr)).not.toContain('sts-cli: ');
    expect(first.code).toBe(0);
    // Sent directly, the role refuses the pull-request token ...
    const direct = await runCli(['assume-web-identity', '--endpoint-url', sts.url, '--role-arn', MAIN_ONLY, '--web-identity-token', pr], { env: home.env });
    expect(direct.code).toBe(1);
    // ... and through credential-process's cache it is refused just the same.
    const cached = await runCli(webArgs('--web-identity-token', pr), { env: home.env });
    expect(cached.stdout).toBe('');
    expect(cached.code).toBe(1);
    expect(cached.stderr).toContain('IDPRejectedClaim');
    // The main branch's token still answers from its cache entry.
    const again = await runCli(webArgs('--web-identity-token', main), { env: home.env });
    expect(accessKeyOf(again.stdout)).toBe(accessKeyOf(first.stdout));
  });

  it('a token file whose content changed is not answered from the entry of its old content', async () => {
    const file = join(home.home, 'token');
    writeFileSync(file, await sts.mintWebIdentityToken({ sub: MAIN, aud: 'sts-cli' }));
    const first = await runCli(webArgs('--web-identity-token-file', file), { env: home.env });
    expect(first.code).toBe(0);
    writeFileSync(file, await sts.mintWebIdentityToken({ sub: PULL_REQUEST, aud: 'sts-cli' }));
    const changed = await runCli(webArgs('--web-identity-token-file', file), { env: home.env });
    expect(changed.stdout).toBe('');
    expect(changed.code).toBe(1);
    expect(changed.stderr).toContain('IDPRejectedClaim');
  });

  it('a wrong ECS token does not get the credentials cached for the right one', async () => {
    const args = ['credential-process', '--auth', 'ecs-token', '--endpoint-url', ecs.url, '--role-arn', ECS_ROLE, '--role-session-name', 'ecs'];
    const first = await runCli(args, { env: { ...home.env, ECS_AUTH_TOKEN: 'the-right-ecs-token' } });
    expect(withoutSecretFlagWarnings(first.stderr)).not.toContain('sts-cli: ');
    expect(first.code).toBe(0);
    const wrong = await runCli(args, { env: { ...home.env, ECS_AUTH_TOKEN: 'a-wrong-ecs-token' } });
    expect(wrong.stdout).toBe('');
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('InvalidClientTokenId');
  });

  it('a wrong secret with the same access key id does not get the credentials cached for the right secret', async () => {
    const args = ['credential-process', '--endpoint-url', sts.url, '--role-arn', SIGNED, '--role-session-name', 'signed'];
    const keys = (secret: string) => ({ ...home.env, AWS_ACCESS_KEY_ID: 'AKIDCACHEKEY0000001', AWS_SECRET_ACCESS_KEY: secret });
    const first = await runCli(args, { env: keys('the-right-secret-of-the-user') });
    expect(withoutSecretFlagWarnings(first.stderr)).not.toContain('sts-cli: ');
    expect(first.code).toBe(0);
    const wrong = await runCli(args, { env: keys('a-wrong-secret-same-key-id') });
    expect(wrong.stdout).toBe('');
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('SignatureDoesNotMatch');
  });
});
