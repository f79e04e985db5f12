// The resolver of assume, assume-web-identity and credential-process, driven through the
// CliContext seam (fake environment, HOME, clock and prompt), without spawning the binary.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { askTokenCode } from '../../src/cli/askTokenCode.js';
import type { CommandInputs } from '../../src/cli/inputs.js';
import { resolveCall } from '../../src/cli/resolveCall.js';
import { cacheKey } from '../../src/credentials/cache.js';
import { fakeContext, inputOf, tempHome } from './harness.js';

const ROLE = 'arn:aws:iam::123456789012:role/dev';
const KEYS = { AWS_ACCESS_KEY_ID: 'AKIAUNITTEST00000000', AWS_SECRET_ACCESS_KEY: 'unit-test-secret-key-0123456789abcdefghij' };
const POLICY = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}';

type Family = 'assume' | 'assume-web-identity' | 'credential-process';

let home: ReturnType<typeof tempHome>;
beforeEach(() => {
  home = tempHome();
});
afterEach(() => home.cleanup());

async function resolve<K extends Family>(command: K, args: string[], env: NodeJS.ProcessEnv = KEYS, extra: Parameters<typeof fakeContext>[0] = {}) {
  const ctx = fakeContext({ home: home.home, env, ...extra });
  // AWS STS (the default endpoint) needs a role ARN: tests about other things name one unless they name their own.
  const role = args.includes('--role-arn') || env.AWS_ROLE_ARN !== undefined || args.includes('--no-role') ? [] : ['--role-arn', ROLE];
  const input: CommandInputs[K] = await inputOf(command, [...role, ...args.filter((arg) => arg !== '--no-role')]);
  return { call: await resolveCall(command, input, ctx), ctx };
}

async function keyOf(args: string[], env: NodeJS.ProcessEnv = KEYS, now?: Date) {
  const { call } = await resolve('credential-process', args, env, now ? { now } : {});
  return cacheKey(call.cacheIdentity);
}

describe('resolveCall: the request', () => {
  it('assume: parameters from flags, checked; destination and connection resolved', async () => {
    const { call, ctx } = await resolve('assume', ['--role-arn', ROLE, '--role-session-name', 'dev', '--duration', '1h', '--profile', 'dev']);
    expect(call.request).toEqual({ action: 'AssumeRole', params: { roleArn: ROLE, roleSessionName: 'dev', durationSeconds: 3600 } });
    expect(call.destination).toEqual({ kind: 'profile', name: 'dev', force: false });
    expect(call.connection).toMatchObject({
      origin: 'environment',
      auth: { kind: 'sigv4', credentials: { accessKeyId: KEYS.AWS_ACCESS_KEY_ID } },
      transport: { endpoint: 'https://sts.us-east-1.amazonaws.com', region: 'us-east-1', verifySsl: true, timeoutMs: 30_000 },
    });
    expect(ctx.secrets).toContain(KEYS.AWS_SECRET_ACCESS_KEY);
  });

  it('the session name: flag, else AWS_ROLE_SESSION_NAME, else sts-cli-<unix seconds of ctx.now>', async () => {
    const env = { ...KEYS, AWS_ROLE_SESSION_NAME: 'from-env' };
    expect((await resolve('assume', ['--role-session-name', 'from-flag'], env)).call.request.params.roleSessionName).toBe('from-flag');
    expect((await resolve('assume', [], env)).call.request.params.roleSessionName).toBe('from-env');
    const now = new Date('2026-03-01T12:00:00Z');
    expect((await resolve('assume', [], KEYS, { now })).call.request.params.roleSessionName).toBe(`sts-cli-${now.getTime() / 1000}`);
  });

  it('every duration form gives seconds; the two duration flags must agree', async () => {
    const seconds = async (args: string[]) => (await resolve('assume', args)).call.request.params.durationSeconds;
    expect(await seconds(['--duration', '1h'])).toBe(3600);
    expect(await seconds(['--duration-seconds', '3600'])).toBe(3600);
    expect(await seconds(['--duration', '15m'])).toBe(900);
    expect(await seconds(['--duration-seconds', '1h30m'])).toBe(5400);
    // Seven days only where the server may be MinIO; AWS STS allows 12h (test/sts/knownServer.test.ts).
    expect(await seconds(['--duration', '7d', '--endpoint-url', 'http://minio.test:9000'])).toBe(604800);
    expect(await seconds(['--duration', '2h', '--duration-seconds', '2h'])).toBe(7200);
    expect(await seconds([])).toBeUndefined();
    await expect(resolve('assume', ['--duration', '1h', '--duration-seconds', '3600'])).rejects.toMatchObject({ code: 'ERR_USAGE', exitCode: 2 });
  });

  it('the policy: inline JSON, file://path or @path, sent as its text', async () => {
    const file = home.write('policy.json', POLICY);
    for (const arg of [POLICY, `file://${file}`, `@${file}`]) {
      expect((await resolve('assume', ['--policy', arg])).call.request.params.policy).toBe(POLICY);
    }
    await expect(resolve('assume', ['--policy', `file://${home.home}/missing.json`])).rejects.toMatchObject({ code: 'ERR_FILE', exitCode: 5 });
  });

  it('lists and tags become STS parameters; empty ones are left out', async () => {
    const { call } = await resolve('assume', [
      '--policy-arns',
      'arn:aws:iam::aws:policy/ReadOnlyAccess',
      '--tags',
      'team=a=b',
      '--transitive-tag-keys',
      'team',
    ]);
    expect(call.request.params).toMatchObject({
      policyArns: ['arn:aws:iam::aws:policy/ReadOnlyAccess'],
      tags: [{ key: 'team', value: 'a=b' }],
      transitiveTagKeys: ['team'],
    });
    const bare = (await resolve('assume', ['--no-role', '--endpoint-url', 'http://minio.test:9000'])).call.request.params;
    expect(Object.keys(bare)).toEqual(['roleSessionName']);
  });

  it('a parameter that fails its check is exit 2, whether or not credentials exist', async () => {
    const cases = [
      ['--role-arn', 'short'],
      ['--role-session-name', 'bad name'],
      ['--duration', '899'],
      ['--duration', 'soon'],
      ['--policy', '{not json'],
      ['--tags', 'novalue'],
      ['--serial-number', 'arn:aws:iam::123456789012:mfa/me', '--token-code', '12345'],
      ['--token-code', '123456'],
      ['--external-id', 'x'],
      ['--policy-arns', Array.from({ length: 11 }, (_, i) => `arn:aws:iam::aws:policy/P${i}`).join(',')],
    ];
    for (const command of ['assume', 'credential-process'] as const) {
      for (const args of cases) {
        for (const env of [KEYS, {}]) {
          await expect(resolve(command, args, env), `${command} ${args.join(' ')}`).rejects.toMatchObject({ exitCode: 2 });
        }
      }
    }
  });

  it('no credentials is exit 3 once every flag is known good; a bad transport flag is still exit 2', async () => {
    await expect(resolve('credential-process', ['--role-arn', ROLE], {})).rejects.toMatchObject({ code: 'ERR_NO_CREDENTIALS', exitCode: 3 });
    await expect(resolve('assume', ['--timeout', 'abc'], {})).rejects.toMatchObject({ code: 'ERR_USAGE', exitCode: 2 });
    await expect(resolve('credential-process', ['--endpoint-url', 'ftp://x'], {})).rejects.toMatchObject({ code: 'ERR_USAGE', exitCode: 2 });
    await expect(resolve('assume', ['--region', 'not a region'], {})).rejects.toMatchObject({ exitCode: 2 });
  });

  it('web identity: token from the flag, the file flag or AWS_WEB_IDENTITY_TOKEN_FILE; AWS_ROLE_ARN; unsigned', async () => {
    const file = home.write('token', 'file.token.jwt\n');
    const env = { AWS_ROLE_ARN: ROLE, AWS_WEB_IDENTITY_TOKEN_FILE: file };
    const fromEnv = await resolve('assume-web-identity', [], env);
    expect(fromEnv.call.request).toEqual({
      action: 'AssumeRoleWithWebIdentity',
      params: expect.objectContaining({ roleArn: ROLE, webIdentityToken: 'file.token.jwt' }),
    });
    expect(fromEnv.call.connection.auth).toEqual({ kind: 'none' });
    expect(fromEnv.ctx.secrets).toContain('file.token.jwt');
    const inline = await resolve('assume-web-identity', ['--web-identity-token', ' inline.token.jwt ', '--role-arn', `${ROLE}2`], env);
    expect(inline.call.request.params).toMatchObject({ roleArn: `${ROLE}2`, webIdentityToken: 'inline.token.jwt' });
    await expect(resolve('assume-web-identity', ['--web-identity-token', 'a.b.c', '--web-identity-token-file', file], {})).rejects.toMatchObject({
      exitCode: 2,
    });
    await expect(resolve('assume-web-identity', [], {})).rejects.toMatchObject({ code: 'ERR_USAGE', exitCode: 2 });
    await expect(resolve('assume-web-identity', ['--web-identity-token', 'abc'], {})).rejects.toMatchObject({ exitCode: 2 });
    // AWS_ROLE_ARN describes a web identity: assume does not read it.
    expect(
      (await resolve('assume', ['--endpoint-url', 'http://minio.test:9000'], { ...KEYS, AWS_ROLE_ARN: ROLE })).call.request.params.roleArn,
    ).toBeUndefined();
  });

  it('credential-process is a web identity when given a token flag, and always prints process JSON', async () => {
    const file = home.write('token', 'file.token.jwt');
    const web = await resolve('credential-process', ['--web-identity-token-file', file, '--role-arn', ROLE], {});
    expect(web.call.request.action).toBe('AssumeRoleWithWebIdentity');
    expect(web.call.destination).toEqual({ kind: 'stdout', format: 'process' });
    expect((await resolve('credential-process', ['--role-arn', ROLE])).call.request.action).toBe('AssumeRole');
    expect((await resolve('assume', ['--format', 'fish'])).call.destination).toEqual({ kind: 'stdout', format: 'fish' });
  });

  it('--auth ecs-token: the flag, else ECS_AUTH_TOKEN; none is exit 2', async () => {
    const flag = await resolve('assume', ['--auth', 'ecs-token', '--auth-token', 'ecs-secret-token'], {});
    expect(flag.call.connection).toMatchObject({ auth: { kind: 'ecs-token', token: 'ecs-secret-token' }, origin: 'ECS token' });
    expect(flag.ctx.secrets).toContain('ecs-secret-token');
    expect((await resolve('assume', ['--auth', 'ecs-token'], { ECS_AUTH_TOKEN: 'from-env' })).call.connection.auth).toEqual({
      kind: 'ecs-token',
      token: 'from-env',
    });
    await expect(resolve('assume', ['--auth', 'ecs-token'], {})).rejects.toMatchObject({ code: 'ERR_USAGE', exitCode: 2 });
  });
});

describe('resolveCall: the transport', () => {
  it('flag > AWS_* variables > the source profile > the default', async () => {
    home.write('.aws/credentials', '[src]\naws_access_key_id = AKIAPROFILE000000000\naws_secret_access_key = profile-secret\n');
    home.write('.aws/config', '[profile src]\nregion = eu-west-3\nendpoint_url = http://profile.example:9000\n');
    const transport = async (args: string[], env: NodeJS.ProcessEnv = {}) =>
      (await resolve('assume', ['--source-profile', 'src', ...args], env)).call.connection.transport;
    expect(await transport([])).toMatchObject({ region: 'eu-west-3', endpoint: 'http://profile.example:9000' });
    expect(await transport([], { AWS_DEFAULT_REGION: 'ap-south-1', AWS_ENDPOINT_URL: 'http://any.example' })).toMatchObject({
      region: 'ap-south-1',
      endpoint: 'http://any.example',
    });
    expect(
      await transport([], {
        AWS_REGION: 'us-west-2',
        AWS_DEFAULT_REGION: 'x',
        AWS_ENDPOINT_URL_STS: 'http://sts.example',
        AWS_ENDPOINT_URL: 'http://any.example',
      }),
    ).toMatchObject({
      region: 'us-west-2',
      endpoint: 'http://sts.example',
    });
    expect(
      await transport(['--region', 'ca-central-1', '--endpoint-url', 'https://flag.example'], {
        AWS_REGION: 'us-west-2',
        AWS_ENDPOINT_URL_STS: 'http://sts.example',
      }),
    ).toMatchObject({
      region: 'ca-central-1',
      endpoint: 'https://flag.example',
    });
    expect(await transport(['--ca-bundle', '/flag.pem', '--no-verify-ssl', '--timeout', '2.5'], { AWS_CA_BUNDLE: '/env.pem' })).toMatchObject({
      caBundle: '/flag.pem',
      verifySsl: false,
      timeoutMs: 2500,
    });
    expect((await transport([], { AWS_CA_BUNDLE: '/env.pem' })).caBundle).toBe('/env.pem');
    const fallback = (await resolve('assume', [], KEYS)).call.connection.transport;
    expect(fallback).toEqual({ endpoint: 'https://sts.us-east-1.amazonaws.com', region: 'us-east-1', verifySsl: true, timeoutMs: 30_000 });
  });

  it('names the flag that chose a missing profile', async () => {
    await expect(resolve('assume', ['--source-profile', 'nope'], {})).rejects.toMatchObject({
      exitCode: 3,
      message: expect.stringContaining('--source-profile'),
    });
  });
});

describe('the MFA step comes after resolving', () => {
  const SERIAL = 'arn:aws:iam::123456789012:mfa/me';

  it('resolving never prompts; askTokenCode asks once on a terminal and checks the code', async () => {
    const { call, ctx } = await resolve('assume', ['--role-arn', ROLE, '--serial-number', SERIAL], KEYS, { interactive: true, answer: '123456' });
    expect(ctx.prompts).toEqual([]);
    expect(call.request).toMatchObject({ action: 'AssumeRole', tokenCodeFor: SERIAL });
    const request = await askTokenCode(call.request, ctx);
    expect(ctx.prompts).toEqual([`MFA code for ${SERIAL}: `]);
    expect(request).toEqual({ action: 'AssumeRole', params: expect.objectContaining({ serialNumber: SERIAL, tokenCode: '123456' }) });
    const typo = fakeContext({ interactive: true, answer: '12345' });
    await expect(askTokenCode(call.request, typo)).rejects.toMatchObject({ code: 'ERR_INVALID_PARAMETER', exitCode: 2 });
  });

  it('without a terminal the missing code is exit 2; a given code is used as is', async () => {
    const { call, ctx } = await resolve('assume', ['--serial-number', SERIAL]);
    await expect(askTokenCode(call.request, ctx)).rejects.toMatchObject({ exitCode: 2, message: expect.stringContaining('--token-code') });
    const given = await resolve('assume', ['--serial-number', SERIAL, '--token-code', '654321']);
    expect(given.call.request).not.toHaveProperty('tokenCodeFor');
    expect(await askTokenCode(given.call.request, given.ctx)).toBe(given.call.request);
    expect(given.ctx.prompts).toEqual([]);
  });

  it('every other parameter is checked before the prompt', async () => {
    await expect(resolve('assume', ['--serial-number', 'short', '--role-arn', ROLE], KEYS, { interactive: true })).rejects.toMatchObject({ exitCode: 2 });
  });
});

describe('the credential-process cache key comes from the resolved request', () => {
  it('1h and 3600 alike; an inline policy and the same text in a file alike', async () => {
    const base = ['--role-arn', ROLE, '--role-session-name', 'cp'];
    expect(await keyOf([...base, '--duration', '1h'])).toBe(await keyOf([...base, '--duration-seconds', '3600']));
    expect(await keyOf([...base, '--duration', '60m'])).toBe(await keyOf([...base, '--duration-seconds', '3600']));
    const file = home.write('policy.json', POLICY);
    const inline = await keyOf([...base, '--policy', POLICY]);
    expect(await keyOf([...base, '--policy', `file://${file}`])).toBe(inline);
    expect(await keyOf([...base, '--policy', `@${file}`])).toBe(inline);
  });

  it('a policy file edited since is another key', async () => {
    const file = home.write('policy.json', POLICY);
    const before = await keyOf(['--role-arn', ROLE, '--policy', `file://${file}`]);
    home.write('policy.json', POLICY.replace('s3:GetObject', 's3:*'));
    expect(await keyOf(['--role-arn', ROLE, '--policy', `file://${file}`])).not.toBe(before);
  });

  it('changes with what decides who the credentials are for, not with how it was typed', async () => {
    const base = await keyOf(['--role-arn', ROLE]);
    // The generated session name changes every second; the key does not.
    expect(await keyOf(['--role-arn', ROLE], KEYS, new Date('2030-01-01T00:00:00Z'))).toBe(base);
    expect(await keyOf(['--role-arn', ROLE, '--role-session-name', 'chosen'])).not.toBe(base);
    expect(await keyOf(['--role-arn', ROLE], { ...KEYS, AWS_ROLE_SESSION_NAME: 'chosen' })).toBe(
      await keyOf(['--role-arn', ROLE, '--role-session-name', 'chosen']),
    );
    expect(await keyOf(['--role-arn', `${ROLE}2`])).not.toBe(base);
    expect(await keyOf(['--role-arn', ROLE, '--region', 'eu-west-1'])).not.toBe(base);
    expect(await keyOf(['--role-arn', ROLE], { ...KEYS, AWS_ENDPOINT_URL_STS: 'http://127.0.0.1:9000' })).not.toBe(base);
    expect(await keyOf(['--role-arn', ROLE], { ...KEYS, AWS_ACCESS_KEY_ID: 'AKIAOTHER00000000000' })).not.toBe(base);
    expect(await keyOf(['--role-arn', ROLE], { ...KEYS, AWS_SECRET_ACCESS_KEY: 'another-secret' })).not.toBe(base);
    // Display and transport details do not change whose credentials they are.
    expect(await keyOf(['--role-arn', ROLE, '--timeout', '5', '--no-verify-ssl', '--debug'])).toBe(base);
    // The same keys from a profile are the same caller.
    home.write('.aws/credentials', `[src]\naws_access_key_id = ${KEYS.AWS_ACCESS_KEY_ID}\naws_secret_access_key = ${KEYS.AWS_SECRET_ACCESS_KEY}\n`);
    expect(await keyOf(['--role-arn', ROLE, '--source-profile', 'src'], {})).toBe(base);
  });

  it('leaves the one-time MFA code out, and holds secrets only as digests', async () => {
    const serial = ['--role-arn', ROLE, '--serial-number', 'arn:aws:iam::123456789012:mfa/me'];
    expect(await keyOf([...serial, '--token-code', '111111'])).toBe(await keyOf([...serial, '--token-code', '222222']));
    const file = home.write('token', 'header.payload-one.signature');
    const { call } = await resolve('credential-process', ['--web-identity-token-file', file, '--role-arn', ROLE], {});
    const web = cacheKey(call.cacheIdentity);
    const identity = JSON.stringify(call.cacheIdentity);
    expect(identity).not.toContain('payload-one');
    expect(call.cacheIdentity.params).not.toHaveProperty('webIdentityToken');
    home.write('token', 'header.payload-two.signature');
    expect(cacheKey((await resolve('credential-process', ['--web-identity-token-file', file, '--role-arn', ROLE], {})).call.cacheIdentity)).not.toBe(web);
    const signed = JSON.stringify((await resolve('credential-process', ['--role-arn', ROLE])).call.cacheIdentity);
    expect(signed).toContain(KEYS.AWS_ACCESS_KEY_ID);
    expect(signed).not.toContain(KEYS.AWS_SECRET_ACCESS_KEY);
  });
});
