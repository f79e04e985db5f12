// How role profiles enter the resolver (SPEC §7), through the CliContext seam without spawning the
// binary: the session options, the source plan of a profile (hops checked before anything is sent),
// `assume PROFILE` with flags winning, exec's operands, and the cache identity of a call.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/cli/program.js';
import { planCall } from '../../src/cli/resolveCall.js';
import { callIdentity } from '../../src/cli/session/callIdentity.js';
import { sessionOptionsOf } from '../../src/cli/session/sessionOptions.js';
import { planHops } from '../../src/cli/session/planHops.js';
import { planProfile } from '../../src/cli/session/sourcePlan.js';
import { sharedFiles } from '../credentials/sharedFiles.js';
import { fakeContext, inputOf, tempHome } from './harness.js';

const NOW = new Date('2026-03-01T12:00:00Z');
const KEYS = '[base]\naws_access_key_id = AKIABASE000000000000\naws_secret_access_key = base-secret-value\n';
const CONFIG = `[profile mid]
role_arn = arn:aws:iam::222222222222:role/mid
source_profile = base
mfa_serial = arn:aws:iam::222222222222:mfa/me
[profile dev]
role_arn = arn:aws:iam::111111111111:role/dev
source_profile = mid
role_session_name = dev-session
duration_seconds = 1800
external_id = ext-1
region = eu-west-1
endpoint_url = http://127.0.0.1:9000
[profile env-role]
role_arn = arn:aws:iam::111111111111:role/env
credential_source = Environment
[profile sso]
sso_account_id = 123456789012
sso_role_name = Admin
[profile settings]
region = us-east-2
`;

describe('sessionOptionsOf', () => {
  const ctx = fakeContext();
  it('the cache policy, the MFA session length, the ECS token', () => {
    expect(sessionOptionsOf({ cache: true, refresh: false }, ctx)).toEqual({ cache: 'use', mfaSessionSeconds: 43200 });
    expect(sessionOptionsOf({ cache: true, refresh: true, mfaSessionDuration: '1h' }, ctx)).toMatchObject({ cache: 'refresh', mfaSessionSeconds: 3600 });
    expect(sessionOptionsOf({ cache: false, refresh: true }, ctx).cache).toBe('bypass');
    const withToken = fakeContext({ env: { ECS_AUTH_TOKEN: 'ecs-token-value' } });
    expect(sessionOptionsOf({}, withToken).ecsToken).toBe('ecs-token-value');
    expect(withToken.secrets).toContain('ecs-token-value');
  });

  it.each([
    [{ tokenCode: '12345' }, /^--token-code must be exactly 6 digits\.$/],
    [{ tokenCode: '12a456' }, /^--token-code must be exactly 6 digits\.$/],
    [{ mfaSessionDuration: '37h' }, /--mfa-session-duration must be 900 to 129600 seconds/],
    [{ mfaSessionDuration: '10m' }, /at least 900 seconds/],
    [{ mfaSessionDuration: 'soon' }, /not a number of seconds/],
  ])('%o is exit 2', (flags, message) => {
    expect(() => sessionOptionsOf(flags, ctx)).toThrow(expect.objectContaining({ exitCode: 2, message: expect.stringMatching(message) }));
  });
});

describe('planProfile', () => {
  const files = sharedFiles(KEYS, CONFIG);
  const plan = (name: string, env: NodeJS.ProcessEnv = {}, f = files) => planProfile(name, f, 'from --profile', env, NOW);

  it('a chain: the source keys, then each hop checked, in the order they are assumed', () => {
    const { plan: p, settings } = plan('dev');
    expect(p.first).toEqual({
      kind: 'keys',
      credentials: { accessKeyId: 'AKIABASE000000000000', secretAccessKey: 'base-secret-value' },
      origin: 'profile base',
      profile: 'base',
    });
    expect(p.hops.map((hop) => hop.profile)).toEqual(['mid', 'dev']);
    // Each hop's AssumeRole, checked before the first is sent.
    expect(planHops(p.hops, NOW)).toEqual([
      {
        profile: 'mid',
        params: { roleArn: 'arn:aws:iam::222222222222:role/mid', roleSessionName: 'sts-cli-1772366400' },
        generatedSessionName: true,
        mfaSerial: 'arn:aws:iam::222222222222:mfa/me',
        auth: 'sigv4',
      },
      {
        profile: 'dev',
        params: { roleArn: 'arn:aws:iam::111111111111:role/dev', roleSessionName: 'dev-session', externalId: 'ext-1', durationSeconds: 1800 },
        generatedSessionName: false,
        auth: 'sigv4',
      },
    ]);
    // botocore sends every call of the chain to the profile asked for's region and endpoint.
    expect(settings).toEqual({ region: 'eu-west-1', endpointUrl: 'http://127.0.0.1:9000' });
  });

  it('stored keys are keys; Environment reads the AWS_* variables', () => {
    expect(plan('base').plan).toEqual({ first: expect.objectContaining({ kind: 'keys', origin: 'profile base' }), hops: [] });
    const fromEnv = plan('env-role', { AWS_ACCESS_KEY_ID: 'AKIAENV0000000000000', AWS_SECRET_ACCESS_KEY: 'env-secret', AWS_SESSION_TOKEN: 'tok' });
    expect(fromEnv.plan.first).toEqual({
      kind: 'keys',
      credentials: { accessKeyId: 'AKIAENV0000000000000', secretAccessKey: 'env-secret', sessionToken: 'tok' },
      origin: 'environment',
    });
  });

  it.each([
    ['nobody', 3, 'ERR_NO_CREDENTIALS', /^Profile "nobody" \(from --profile\) does not exist in /],
    ['settings', 3, 'ERR_NO_CREDENTIALS', /^Profile "settings" \(from --profile\) has no credentials in /],
    ['env-role', 3, 'ERR_NO_CREDENTIALS', /credential_source = Environment, but AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set/],
    ['sso', 2, 'ERR_PROFILE_CONFIG', /IAM Identity Center \(SSO\), which sts-cli does not speak/],
    ['bad;name', 2, 'ERR_PROFILE_NAME', /cannot be used/],
  ])('%s: exit %i', (name, exitCode, code, message) => {
    expect(() => plan(name)).toThrow(expect.objectContaining({ exitCode, code, message: expect.stringMatching(message) }));
  });

  it('a hop written wrong is exit 2 naming its profile, before anything is sent', () => {
    const bad = (extra: string) => sharedFiles(KEYS, `[profile r]\nrole_arn = arn:aws:iam::111111111111:role/r\nsource_profile = base\n${extra}`);
    const hops = (f: ReturnType<typeof sharedFiles>) => () => planHops(plan('r', {}, f).plan.hops, NOW);
    expect(hops(bad('duration_seconds = 600\n'))).toThrow(
      expect.objectContaining({ exitCode: 2, message: expect.stringMatching(/^Profile "r": duration_seconds must be at least 900/) }),
    );
    expect(hops(bad('role_session_name = has space\n'))).toThrow(
      expect.objectContaining({ exitCode: 2, message: expect.stringMatching(/^Profile "r": role_session_name may contain only/) }),
    );
    expect(hops(bad('mfa_serial = short\n'))).toThrow(expect.objectContaining({ exitCode: 2, message: expect.stringMatching(/^Profile "r": mfa_serial/) }));
    expect(hops(sharedFiles(KEYS, '[profile r]\nrole_arn =\nsource_profile = base\n'))).toThrow(
      expect.objectContaining({ exitCode: 2, message: expect.stringMatching(/role_arn must be 20 to 2048/) }),
    );
  });

  it('every profile of the chain has a name the SDKs read alike', () => {
    const f = sharedFiles(
      '[my keys]\naws_access_key_id = A\naws_secret_access_key = s\n',
      '[profile r]\nrole_arn = arn:aws:iam::111111111111:role/r\nsource_profile = my keys\n',
    );
    expect(() => plan('r', {}, f)).toThrow(expect.objectContaining({ code: 'ERR_PROFILE_NAME', message: expect.stringContaining('"my keys"') }));
  });
});

describe('assume PROFILE: the profile is a source of the request after flags and the environment', () => {
  let home: ReturnType<typeof tempHome>;
  beforeEach(() => {
    home = tempHome();
    home.write('.aws/credentials', KEYS);
    home.write('.aws/config', CONFIG);
  });
  afterEach(() => home.cleanup());

  const planned = async (args: string[], env: NodeJS.ProcessEnv = {}) => {
    const ctx = fakeContext({ home: home.home, env, now: NOW });
    return planCall('assume', await inputOf('assume', args), ctx, 'dev');
  };

  it('the profile’s role, session name, duration and external id; its chain below; its region and endpoint', async () => {
    const call = await planned([]);
    expect(call.request).toEqual({
      action: 'AssumeRole',
      params: { roleArn: 'arn:aws:iam::111111111111:role/dev', roleSessionName: 'dev-session', externalId: 'ext-1', durationSeconds: 1800 },
    });
    expect(call.fromProfile).toBe(true);
    expect(call.auth).toMatchObject({ kind: 'source', plan: { first: { kind: 'keys', profile: 'base' }, hops: [{ profile: 'mid' }] } });
    expect(call.transport).toMatchObject({ region: 'eu-west-1', endpoint: 'http://127.0.0.1:9000' });
  });

  it('flags win, then the environment, then the profile', async () => {
    const call = await planned(['--role-session-name', 'flag', '--duration', '1h', '--region', 'ap-south-1'], { AWS_ENDPOINT_URL_STS: 'http://env.example' });
    expect(call.request.params).toMatchObject({ roleSessionName: 'flag', durationSeconds: 3600, externalId: 'ext-1' });
    expect(call.transport).toMatchObject({ region: 'ap-south-1', endpoint: 'http://env.example' });
    expect((await planned([], { AWS_ROLE_SESSION_NAME: 'from-env' })).request.params.roleSessionName).toBe('from-env');
    // --source-profile replaces the chain below the role.
    expect((await planned(['--source-profile', 'base'])).auth).toMatchObject({ kind: 'source', plan: { hops: [] } });
  });

  it('a bad flag is exit 2 before a missing source (exit 3)', async () => {
    home.write('.aws/config', '[profile dev]\nrole_arn = arn:aws:iam::111111111111:role/dev\ncredential_source = Environment\n');
    await expect(planned(['--duration', 'soon'])).rejects.toMatchObject({ exitCode: 2 });
    await expect(planned([])).rejects.toMatchObject({ exitCode: 3 });
  });
});

describe('exec’s operands', () => {
  const operands = async (argv: string[]) => {
    let got: string[] = [];
    const program = buildProgram(async (_name, _input, args) => {
      got = args;
    }, 'exec');
    program.exitOverride();
    await program.parseAsync(argv, { from: 'user' });
    return got;
  };

  it('the profile before --, the command after it; options on both sides of the profile are sts-cli’s', async () => {
    expect(await operands(['exec', 'dev', '--', 'terraform', 'plan', '-lock=false'])).toEqual(['dev', '--', 'terraform', 'plan', '-lock=false']);
    expect(await operands(['exec', '--', 'sh', '-c', 'x -- y'])).toEqual(['--', 'sh', '-c', 'x -- y']);
    expect(await operands(['exec', '--profile', 'p', '--', 'a', '--', 'b'])).toEqual(['--', 'a', '--', 'b']);
    expect(await operands(['exec', 'dev', '--no-cache', '--token-code', '123456', '--', 'true'])).toEqual(['dev', '--', 'true']);
    expect(await operands(['exec', 'dev', '--', '--', 'x'])).toEqual(['dev', '--', '--', 'x']);
  });
});

describe('callIdentity', () => {
  const transport = { endpoint: 'http://e', region: 'r', verifySsl: true, timeoutMs: 1 };
  const request = { action: 'AssumeRole' as const, params: { roleArn: 'arn:aws:iam::1:role/r', roleSessionName: 'sts-cli-1', tokenCode: '123456' } };

  it('names who asks by key id and digests only; a session token changes it', () => {
    const long = callIdentity(request, { transport, auth: { kind: 'sigv4', credentials: { accessKeyId: 'AKID', secretAccessKey: 'secret-one' } } }, true);
    expect(long).toEqual({
      action: 'AssumeRole',
      params: { roleArn: 'arn:aws:iam::1:role/r' },
      endpoint: 'http://e',
      region: 'r',
      caller: { auth: 'sigv4', accessKeyId: 'AKID', secretSha256: expect.stringMatching(/^[0-9a-f]{64}$/) },
    });
    const temporary = callIdentity(
      request,
      { transport, auth: { kind: 'sigv4', credentials: { accessKeyId: 'AKID', secretAccessKey: 'secret-one', sessionToken: 'tok' } } },
      true,
    );
    expect(temporary.caller.sessionTokenSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(temporary)).not.toMatch(/secret-one|tok"|123456/);
    const mfa = callIdentity(
      { action: 'GetSessionToken', params: { durationSeconds: 43200, serialNumber: 'arn:aws:iam::1:mfa/me', tokenCode: '123456' } },
      { transport, auth: { kind: 'sigv4', credentials: { accessKeyId: 'AKID', secretAccessKey: 'secret-one' } } },
      false,
    );
    expect(mfa).toMatchObject({ action: 'GetSessionToken', params: { durationSeconds: 43200, serialNumber: 'arn:aws:iam::1:mfa/me' } });
    expect(mfa.params).not.toHaveProperty('tokenCode');
  });
});
