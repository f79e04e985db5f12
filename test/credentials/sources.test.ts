// Source credentials, first found wins (SPEC §2), read from real temp files.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { loadProfile, resolveSourceCredentials } from '../../src/credentials/sources.js';
import { NoCredentialsError } from '../../src/errors.js';

const root = mkdtempSync(join(tmpdir(), 'sts-src-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let credentialsFile: string;
let configFile: string;
let n = 0;
beforeEach(() => {
  credentialsFile = join(root, `credentials${n}`);
  configFile = join(root, `config${n++}`);
});

const CREDS = `
[default]
aws_access_key_id = AKIADEFAULT
aws_secret_access_key = default-secret

[dev]
aws_access_key_id = AKIADEV
aws_secret_access_key = dev-secret
region = ap-south-1

[temp]
aws_access_key_id = ASIATEMP
aws_secret_access_key = temp-secret
aws_session_token = newer
aws_security_token = legacy
x_security_token_expires = 2026-11-23T13:00:00Z

[old]
aws_access_key_id = ASIAOLD
aws_secret_access_key = old-secret
aws_session_token = t
aws_expiration = 2025-01-01T00:00:00.000Z

[partial]
aws_access_key_id = AKIAPARTIAL
`;

const CONFIG = `
[default]
region = eu-west-3
endpoint_url = http://127.0.0.1:9000

[profile dev]
region = us-east-2
endpoint_url = http://dev.local:8900

[profile cfgonly]
aws_access_key_id = AKIACFG
aws_secret_access_key = cfg-secret
services = local

[services local]
sts =
  endpoint_url = http://sts.local:1234

[profile "spaced name"]
aws_access_key_id = AKIASPACED
aws_secret_access_key = spaced-secret

[profile nokeys]
role_arn = arn:aws:iam::1:role/r
`;

function files(creds = CREDS, config = CONFIG) {
  writeFileSync(credentialsFile, creds);
  writeFileSync(configFile, config);
  return { credentialsFile, configFile };
}

const envKeys = { AWS_ACCESS_KEY_ID: 'AKIAENV', AWS_SECRET_ACCESS_KEY: 'env-secret' };

describe('resolveSourceCredentials', () => {
  it('--source-profile wins over everything; credentials file keys, settings merged', async () => {
    const src = await resolveSourceCredentials({ sourceProfile: 'dev', env: { ...envKeys, AWS_PROFILE: 'temp' }, ...files() });
    expect(src).toEqual({
      credentials: { accessKeyId: 'AKIADEV', secretAccessKey: 'dev-secret' },
      origin: 'profile dev',
      profile: 'dev',
      region: 'ap-south-1', // the credentials file's section overrides the config's, as botocore merges them
      endpointUrl: 'http://dev.local:8900',
    });
  });

  it('--source-profile reads [profile NAME] of the config file, and its services block', async () => {
    const src = await resolveSourceCredentials({ sourceProfile: 'cfgonly', env: {}, ...files() });
    expect(src.credentials).toEqual({ accessKeyId: 'AKIACFG', secretAccessKey: 'cfg-secret' });
    expect(src.endpointUrl).toBe('http://sts.local:1234');
    const spaced = await resolveSourceCredentials({ sourceProfile: 'spaced name', env: {}, ...files() });
    expect(spaced.credentials.accessKeyId).toBe('AKIASPACED');
  });

  it('--source-profile default reads [default] of both files', async () => {
    const src = await resolveSourceCredentials({ sourceProfile: 'default', env: envKeys, ...files() });
    expect(src).toMatchObject({ origin: 'profile default', region: 'eu-west-3', endpointUrl: 'http://127.0.0.1:9000' });
    expect(src.credentials.accessKeyId).toBe('AKIADEFAULT');
    const cfgDefault = await resolveSourceCredentials({
      sourceProfile: 'default',
      env: {},
      ...files('', '[default]\naws_access_key_id = AKIAC\naws_secret_access_key = c\n'),
    });
    expect(cfgDefault.credentials.accessKeyId).toBe('AKIAC');
  });

  it('a missing --source-profile is exit 3 naming it, even with keys in the environment', async () => {
    const error = await resolveSourceCredentials({ sourceProfile: 'nope', env: envKeys, ...files() }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NoCredentialsError);
    expect((error as NoCredentialsError).exitCode).toBe(3);
    expect((error as Error).message).toContain('"nope"');
    await expect(resolveSourceCredentials({ sourceProfile: 'nokeys', env: {}, ...files() })).rejects.toMatchObject({ code: 'ERR_NO_CREDENTIALS' });
  });

  it("the AWS_* variables come next, with the active profile's region and endpoint", async () => {
    const src = await resolveSourceCredentials({ env: { ...envKeys, AWS_SESSION_TOKEN: 'envtok', AWS_PROFILE: 'dev' }, ...files() });
    expect(src).toEqual({
      credentials: { accessKeyId: 'AKIAENV', secretAccessKey: 'env-secret', sessionToken: 'envtok' },
      origin: 'environment',
      region: 'ap-south-1',
      endpointUrl: 'http://dev.local:8900',
    });
    const noFiles = await resolveSourceCredentials({ env: envKeys, credentialsFile: join(root, 'none1'), configFile: join(root, 'none2') });
    expect(noFiles).toEqual({ credentials: { accessKeyId: 'AKIAENV', secretAccessKey: 'env-secret' }, origin: 'environment' });
  });

  it('half of the key pair in the environment is exit 3, without the secret in the message', async () => {
    const error = await resolveSourceCredentials({ env: { AWS_SECRET_ACCESS_KEY: 'env-secret' }, ...files() }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'ERR_NO_CREDENTIALS', exitCode: 3 });
    expect((error as Error).message).toContain('AWS_ACCESS_KEY_ID');
    expect((error as Error).message).not.toContain('env-secret');
  });

  it('then the profile named by AWS_PROFILE', async () => {
    const src = await resolveSourceCredentials({ env: { AWS_PROFILE: 'temp' }, ...files() });
    expect(src.origin).toBe('profile temp');
    expect(src.credentials).toEqual({
      accessKeyId: 'ASIATEMP',
      secretAccessKey: 'temp-secret',
      sessionToken: 'legacy',
      expiration: new Date('2026-11-23T13:00:00Z'),
    });
    await expect(resolveSourceCredentials({ env: { AWS_PROFILE: 'ghost' }, ...files() })).rejects.toThrow(/"ghost"/);
  });

  it('then [default]', async () => {
    const src = await resolveSourceCredentials({ env: {}, ...files() });
    expect(src).toMatchObject({ origin: 'profile default', profile: 'default', region: 'eu-west-3' });
    expect(src.credentials.accessKeyId).toBe('AKIADEFAULT');
  });

  it('nothing anywhere is exit 3 saying what was looked at', async () => {
    const error = await resolveSourceCredentials({ env: {}, ...files('[x]\nk = v\n', '') }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NoCredentialsError);
    const message = `${(error as NoCredentialsError).message} ${(error as NoCredentialsError).hint}`;
    for (const part of ['--source-profile', 'AWS_ACCESS_KEY_ID', 'AWS_PROFILE', 'default', credentialsFile, configFile]) expect(message).toContain(part);
  });

  it('an unparseable file is exit 5', async () => {
    await expect(resolveSourceCredentials({ env: {}, ...files(CREDS, 'region = x\n') })).rejects.toMatchObject({ code: 'ERR_FILE', exitCode: 5 });
  });
});

describe('loadProfile', () => {
  it('reads expiration from x_security_token_expires or aws_expiration', async () => {
    const f = files();
    expect((await loadProfile('old', f)).credentials?.expiration).toEqual(new Date('2025-01-01T00:00:00Z'));
    expect((await loadProfile('temp', f)).credentials?.expiration).toEqual(new Date('2026-11-23T13:00:00Z'));
  });

  it('says whether the profile exists and returns its merged settings', async () => {
    const f = files();
    const nokeys = await loadProfile('nokeys', f);
    expect(nokeys).toEqual({ name: 'nokeys', exists: true, raw: { role_arn: 'arn:aws:iam::1:role/r' } });
    expect(await loadProfile('ghost', f)).toEqual({ name: 'ghost', exists: false, raw: {} });
    expect((await loadProfile('dev', f)).credentialsFrom).toBe(credentialsFile);
  });

  it('a key without its secret is exit 3', async () => {
    await expect(loadProfile('partial', files())).rejects.toMatchObject({ code: 'ERR_NO_CREDENTIALS', exitCode: 3 });
  });
});
