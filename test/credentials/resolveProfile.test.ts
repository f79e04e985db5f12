// resolveProfile's own contract: kinds, the hop list, sts-cli's keys, and every refusal with its
// code, exit code and sentence. botocore agreement is roleProfile.botocore.test.ts.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readStaticCredentials } from '../../src/credentials/profileCredentialSource.js';
import { indexProfiles } from '../../src/credentials/profileIndex.js';
import type { ResolvedProfile, StaticSource } from '../../src/credentials/profileTypes.js';
import { readSharedConfigFiles } from '../../src/credentials/readSharedConfigFiles.js';
import { resolveProfile } from '../../src/credentials/resolveProfile.js';
import { ExitCode, FileError, ProfileConfigError, ProfileLoopError, ProfileNotFoundError, type StsCliError } from '../../src/errors.js';
import { sharedFiles } from './sharedFiles.js';

const CREDENTIALS = `
[base]
aws_access_key_id = AKIDBASE
aws_secret_access_key = base-secret-value

[temp]
aws_access_key_id = ASIATEMP
aws_secret_access_key = temp-secret-value
aws_session_token = newer-token
aws_security_token = legacy-token
x_security_token_expires = 2030-01-02T03:04:05Z

[half]
aws_access_key_id = AKIDHALF
`;

const CONFIG = `
[profile dev]
role_arn = arn:aws:iam::111111111111:role/dev
source_profile = mid
region = eu-west-1
[profile mid]
role_arn = arn:aws:iam::222222222222:role/mid
source_profile = base
role_session_name = mid-session
external_id = ext-1
mfa_serial = arn:aws:iam::222222222222:mfa/me
duration_seconds = 7200
region = ap-south-1
services = local
[services local]
sts =
  endpoint_url = http://127.0.0.1:9000
[profile wi]
role_arn = arn:aws:iam::1:role/ci
web_identity_token_file = /run/token
role_session_name = gha
[profile wip]
role_arn = arn:aws:iam::1:role/ci
web_identity_token_process = gh-oidc-token
[profile proc]
credential_process = /usr/bin/vault-creds --profile x
[profile sso]
sso_account_id = 123456789012
sso_role_name = Admin
sso_session = corp
[profile login]
login_session = arn:aws:iam::1:user/u
[profile settings]
region = us-east-2
[profile ecs]
role_arn = urn:ecs:iam::ns:role/r
sts_cli_auth = ecs-token
endpoint_url = https://ecs.example:4443
[profile over-ecs]
role_arn = arn:aws:iam::1:role/over
source_profile = ecs
`;

const files = sharedFiles(CREDENTIALS, CONFIG);

function refusal(fn: () => unknown): StsCliError {
  try {
    fn();
  } catch (error) {
    return error as StsCliError;
  }
  throw new Error('expected a refusal');
}

describe('resolveProfile: kinds', () => {
  it.each([
    ['base', 'long-term', 'static'],
    ['temp', 'temporary', 'static'],
    ['dev', 'role', 'static'],
    ['wi', 'web-identity', 'web-identity'],
    ['wip', 'web-identity', 'web-identity'],
    ['proc', 'process', 'process'],
    ['sso', 'sso', 'sso'],
    ['login', 'login', 'login'],
    ['settings', 'none', 'none'],
    ['ecs', 'role', 'ecs-token'],
  ])('%s is %s', (name, kind, source) => {
    const p = resolveProfile(name, files);
    expect(p.kind).toBe(kind);
    expect(p.source.type).toBe(source);
  });

  it('lists the hops in the order they are assumed, with each profile’s own settings', () => {
    const p = resolveProfile('dev', files) as Extract<ResolvedProfile, { kind: 'role' }>;
    expect(p.via).toEqual(['mid', 'base']);
    expect(p.source).toEqual({ type: 'static', profile: 'base', file: 'credentials', temporary: false });
    expect(p.hops).toEqual([
      {
        profile: 'mid',
        roleArn: 'arn:aws:iam::222222222222:role/mid',
        roleSessionName: 'mid-session',
        externalId: 'ext-1',
        mfaSerial: 'arn:aws:iam::222222222222:mfa/me',
        durationSeconds: 7200,
        region: 'ap-south-1',
        endpointUrl: 'http://127.0.0.1:9000',
        auth: 'sigv4',
      },
      { profile: 'dev', roleArn: 'arn:aws:iam::111111111111:role/dev', region: 'eu-west-1', auth: 'sigv4' },
    ]);
    // botocore sends every call of the chain to the region and endpoint of the profile asked for.
    expect(p.region).toBe('eu-west-1');
    expect(p.endpointUrl).toBeUndefined();
    expect(p.warnings).toEqual([]);
  });

  it('reads stored expiry and, on demand only, the keys (aws_security_token first, as botocore)', () => {
    const p = resolveProfile('temp', files);
    const source = p.source as StaticSource;
    expect(source).toEqual({ type: 'static', profile: 'temp', file: 'credentials', temporary: true, expiration: new Date('2030-01-02T03:04:05Z') });
    expect(readStaticCredentials(indexProfiles(files), source)).toEqual({
      accessKeyId: 'ASIATEMP',
      secretAccessKey: 'temp-secret-value',
      sessionToken: 'legacy-token',
      expiration: new Date('2030-01-02T03:04:05Z'),
    });
  });

  it('never carries a secret in what it returns', () => {
    const all = ['base', 'temp', 'dev', 'wi', 'proc', 'ecs', 'over-ecs'].map((n) => JSON.stringify(resolveProfile(n, files))).join('\n');
    for (const secret of ['base-secret-value', 'temp-secret-value', 'newer-token', 'legacy-token']) expect(all).not.toContain(secret);
  });

  it('reads sts-cli’s own keys: web_identity_token_process and sts_cli_auth = ecs-token', () => {
    expect(resolveProfile('wip', files).source).toEqual({
      type: 'web-identity',
      profile: 'wip',
      roleArn: 'arn:aws:iam::1:role/ci',
      tokenProcess: 'gh-oidc-token',
    });
    const ecs = resolveProfile('ecs', files) as Extract<ResolvedProfile, { kind: 'role' }>;
    expect(ecs.hops).toEqual([{ profile: 'ecs', roleArn: 'urn:ecs:iam::ns:role/r', endpointUrl: 'https://ecs.example:4443', auth: 'ecs-token' }]);
    expect(ecs.endpointUrl).toBe('https://ecs.example:4443');
    const over = resolveProfile('over-ecs', files) as Extract<ResolvedProfile, { kind: 'role' }>;
    expect(over.hops.map((h) => [h.profile, h.auth])).toEqual([
      ['ecs', 'ecs-token'],
      ['over-ecs', 'sigv4'],
    ]);
  });

  it('a deeper hop’s broken [services] reference is a warning (botocore never reads it), the top one’s an error', () => {
    const f = sharedFiles(
      '[k]\naws_access_key_id = A\naws_secret_access_key = s\n',
      '[profile top]\nrole_arn = arn:x:top\nsource_profile = low\n[profile low]\nrole_arn = arn:x:low\nsource_profile = k\nservices = gone\n',
    );
    expect(resolveProfile('top', f).warnings).toEqual([expect.stringContaining('no [services gone] section')]);
    expect(refusal(() => resolveProfile('low', f))).toBeInstanceOf(ProfileConfigError);
  });

  it('ignore_configured_endpoint_urls = true drops the configured endpoint and says so', () => {
    const f = sharedFiles('', '[profile x]\nendpoint_url = http://e\nignore_configured_endpoint_urls = true\n');
    expect(resolveProfile('x', f)).toMatchObject({ ignoreConfiguredEndpointUrls: true });
    expect(resolveProfile('x', f).endpointUrl).toBeUndefined();
  });
});

describe('resolveProfile: refusals (exit 2, one sentence, the profiles named)', () => {
  const cases: Array<[string, string, string, new (...args: never[]) => StsCliError, RegExp]> = [
    ['unknown profile', '', '', ProfileNotFoundError, /^Profile "nobody" is not in \/home\/u\/\.aws\/credentials or \/home\/u\/\.aws\/config\.$/],
    [
      'missing source',
      '',
      '[profile a]\nrole_arn = arn:x\nsource_profile = ghost\n',
      ProfileNotFoundError,
      /^Profile "a" has source_profile = ghost, but that profile is not in/,
    ],
    [
      'loop',
      '',
      '[profile a]\nrole_arn = arn:x\nsource_profile = b\n[profile b]\nrole_arn = arn:y\nsource_profile = c\n[profile c]\nrole_arn = arn:z\nsource_profile = b\n',
      ProfileLoopError,
      /loop: a -> b -> c -> b\.$/,
    ],
    ['self loop', '', '[profile a]\nrole_arn = arn:x\nsource_profile = a\n', ProfileLoopError, /loop: a -> a\.$/],
    [
      'both sources',
      '',
      '[profile a]\nrole_arn = arn:x\nsource_profile = b\ncredential_source = Environment\n',
      ProfileConfigError,
      /both source_profile and credential_source/,
    ],
    ['no source', '', '[profile a]\nrole_arn = arn:x\n', ProfileConfigError, /has role_arn but neither source_profile nor credential_source/],
    [
      'Ec2InstanceMetadata',
      '',
      '[profile a]\nrole_arn = arn:x\ncredential_source = Ec2InstanceMetadata\n',
      ProfileConfigError,
      /reads only credential_source = Environment/,
    ],
    ['EcsContainer', '', '[profile a]\nrole_arn = arn:x\ncredential_source = EcsContainer\n', ProfileConfigError, /reads only credential_source = Environment/],
    [
      'unknown credential_source',
      '',
      '[profile a]\nrole_arn = arn:x\ncredential_source = environment\n',
      ProfileConfigError,
      /credential_source = environment, which is not valid/,
    ],
    ['partial keys', '[a]\naws_access_key_id = AKID\n', '', ProfileConfigError, /has aws_access_key_id but no aws_secret_access_key/],
    [
      'source without credentials',
      '',
      '[profile a]\nrole_arn = arn:x\nsource_profile = b\n[profile b]\nregion = r\n',
      ProfileConfigError,
      /"b" has no credentials/,
    ],
    ['web identity without role_arn', '', '[profile a]\nweb_identity_token_file = /t\n', ProfileConfigError, /web identity token but no role_arn/],
    [
      'two web identity tokens',
      '',
      '[profile a]\nrole_arn = arn:x\nweb_identity_token_file = /t\nweb_identity_token_process = p\n',
      ProfileConfigError,
      /both web_identity_token_file and web_identity_token_process/,
    ],
    [
      'ecs-token with a source',
      '[b]\naws_access_key_id = A\naws_secret_access_key = s\n',
      '[profile a]\nrole_arn = arn:x\nsts_cli_auth = ecs-token\nsource_profile = b\n',
      ProfileConfigError,
      /ecs-token, which needs no source credentials, and also source_profile/,
    ],
    [
      'unknown sts_cli_auth',
      '',
      '[profile a]\nrole_arn = arn:x\nsts_cli_auth = token\n',
      ProfileConfigError,
      /sts_cli_auth = token; sts-cli knows sigv4 and ecs-token/,
    ],
    [
      'missing services section',
      '',
      '[profile a]\nservices = s\n',
      ProfileConfigError,
      /uses services = s, but \/home\/u\/\.aws\/config has no \[services s\] section/,
    ],
    ['empty credential_process', '', '[profile a]\ncredential_process =\n', ProfileConfigError, /empty credential_process/],
  ];

  it.each(cases)('%s', (_title, credentials, config, type, message) => {
    const name = config || credentials ? 'a' : 'nobody';
    const error = refusal(() => resolveProfile(name, sharedFiles(credentials, config)));
    expect(error).toBeInstanceOf(type);
    expect(error.exitCode).toBe(ExitCode.usage);
    expect(error.message).toMatch(message);
    expect(error.hint).toBeTruthy();
  });

  it('names the members of a loop', () => {
    const error = refusal(() =>
      resolveProfile('a', sharedFiles('', '[profile a]\nrole_arn = x\nsource_profile = b\n[profile b]\nrole_arn = y\nsource_profile = a\n')),
    );
    expect(error).toMatchObject({ code: 'ERR_PROFILE_LOOP', profiles: ['a', 'b', 'a'] });
  });

  it('hints at [NAME] in the config file, which botocore does not read as a profile', () => {
    const error = refusal(() => resolveProfile('dev', sharedFiles('', '[dev]\nregion = r\n')));
    expect(error).toMatchObject({ code: 'ERR_PROFILE_NOT_FOUND', profile: 'dev' });
    expect(error.hint).toMatch(/has \[dev\], which botocore does not read as a profile in the config file: name it \[profile dev\]/);
  });

  it('warns about a duration_seconds botocore would ignore, and keeps empty values botocore would send', () => {
    const p = resolveProfile(
      'a',
      sharedFiles(
        '[b]\naws_access_key_id = A\naws_secret_access_key = s\n',
        '[profile a]\nrole_arn =\nsource_profile = b\nexternal_id =\nduration_seconds = 2h\n',
      ),
    );
    expect(p.warnings).toEqual(['Profile "a" has duration_seconds = 2h, which is not a whole number of seconds: ignored, as botocore ignores it.']);
    expect(p.kind === 'role' && p.hops[0]).toEqual({ profile: 'a', roleArn: '', externalId: '', auth: 'sigv4' });
  });
});

describe('readSharedConfigFiles', () => {
  const root = mkdtempSync(join(tmpdir(), 'sts-shared-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('reads both files; a missing one is empty', async () => {
    writeFileSync(join(root, 'config'), '[profile x]\nregion = r\n');
    const f = await readSharedConfigFiles({ credentialsFile: join(root, 'nope'), configFile: join(root, 'config') });
    expect(f.credentials.size).toBe(0);
    expect(resolveProfile('x', f)).toMatchObject({ kind: 'none', region: 'r' });
  });

  it('a file that does not parse is a FileError (exit 5) naming its line', async () => {
    writeFileSync(join(root, 'bad'), '[profile x]\nregion = r\njunk\n');
    const error = await readSharedConfigFiles({ credentialsFile: join(root, 'nope'), configFile: join(root, 'bad') }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FileError);
    expect((error as FileError).exitCode).toBe(ExitCode.file);
    expect((error as FileError).message).toMatch(/line 3/);
  });
});
