// The config file's side of `assume --profile NAME` against a real disk: region and endpoint_url
// spliced into [profile NAME] with every other byte kept, atomic, locked, 0600, the file left alone
// when it already says so, refusals (unsafe file, unparseable file, bad names and values) leaving it
// untouched; and what clashes with written keys, with the free name offered instead.
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { checkConfigWritable, configHeaderOf, writeProfileSettings } from '../../src/credentials/configStore.js';
import { parseIni } from '../../src/credentials/ini.js';
import { freeProfileName, shadowingSetting } from '../../src/credentials/shadowingSetting.js';
import { FileError, InvalidProfileNameError, UnsafeFileError, UsageError } from '../../src/errors.js';
import { sharedFiles } from './sharedFiles.js';

const root = mkdtempSync(join(tmpdir(), 'sts-config-store-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let dir: string;
let file: string;
let n = 0;
beforeEach(() => {
  dir = join(root, `t${n++}`);
  mkdirSync(dir, { mode: 0o700 });
  file = join(dir, 'config');
});

const ORIGINAL =
  '# my settings\r\n[default]\r\nregion = eu-west-1\r\n\r\n[profile dev]\r\n  region = us-west-2   \r\n  output = json ; not a comment\r\n\r\n[services s]\r\nsts =\r\n  endpoint_url = http://x\r\n';

describe('writeProfileSettings', () => {
  it('adds a [profile NAME] section at the end, keeping every other byte', async () => {
    writeFileSync(file, ORIGINAL, { mode: 0o600 });
    expect(await writeProfileSettings(file, 'minio', { region: 'us-east-1', endpointUrl: 'http://127.0.0.1:9000' })).toEqual([
      ['region', 'us-east-1'],
      ['endpoint_url', 'http://127.0.0.1:9000'],
    ]);
    expect(readFileSync(file, 'utf8')).toBe(`${ORIGINAL}\r\n[profile minio]\r\nregion = us-east-1\r\nendpoint_url = http://127.0.0.1:9000\r\n`);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir)).toEqual(['config']);
  });

  it('replaces the keys in place in an existing section, with its indentation', async () => {
    writeFileSync(file, ORIGINAL, { mode: 0o600 });
    await writeProfileSettings(file, 'dev', { region: 'eu-central-1', endpointUrl: 'http://127.0.0.1:9000' });
    expect(readFileSync(file, 'utf8')).toBe(
      ORIGINAL.replace('region = us-west-2', 'region = eu-central-1').replace(
        'json ; not a comment\r\n',
        'json ; not a comment\r\n  endpoint_url = http://127.0.0.1:9000\r\n',
      ),
    );
  });

  it('writes [default] for the default profile, and creates a missing file 0600 in a 0700 folder', async () => {
    const fresh = join(dir, 'aws', 'config');
    await writeProfileSettings(fresh, 'default', { region: 'ap-south-1' });
    expect(readFileSync(fresh, 'utf8')).toBe('[default]\nregion = ap-south-1\n');
    expect(statSync(fresh).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, 'aws')).mode & 0o777).toBe(0o700);
  });

  it('a fallback region is written only to a section without one', async () => {
    writeFileSync(file, ORIGINAL, { mode: 0o600 });
    expect(await writeProfileSettings(file, 'dev', { endpointUrl: 'http://h:1', fallbackRegion: 'us-east-1' })).toEqual([['endpoint_url', 'http://h:1']]);
    expect(readFileSync(file, 'utf8')).toContain('region = us-west-2');
    await writeProfileSettings(file, 'new', { endpointUrl: 'http://h:1', fallbackRegion: 'us-east-1' });
    expect(readFileSync(file, 'utf8')).toMatch(/\[profile new\]\r\nregion = us-east-1\r\nendpoint_url = http:\/\/h:1\r\n$/);
  });

  it('leaves the file untouched (same inode, same mode) when it already says so', async () => {
    writeFileSync(file, '[profile dev]\nregion = eu-west-1\nendpoint_url = http://h:1\n', { mode: 0o640 });
    const before = statSync(file);
    expect(await writeProfileSettings(file, 'dev', { region: 'eu-west-1', endpointUrl: 'http://h:1' })).toEqual([]);
    const after = statSync(file);
    expect([after.ino, after.mode, after.mtimeMs]).toEqual([before.ino, before.mode, before.mtimeMs]);
  });

  it('follows a symbolic link and keeps it', async () => {
    const real = join(dir, 'real-config');
    writeFileSync(real, '[profile a]\nregion = x\n', { mode: 0o600 });
    symlinkSync(real, file);
    await writeProfileSettings(file, 'a', { region: 'y' });
    expect(readFileSync(real, 'utf8')).toBe('[profile a]\nregion = y\n');
    expect(readdirSync(dir).sort()).toEqual(['config', 'real-config']);
  });

  it('refuses a file that does not parse, naming the line, and leaves it untouched', async () => {
    writeFileSync(file, '[profile dev]\nregion = x\nnot a key line\n', { mode: 0o600 });
    await expect(writeProfileSettings(file, 'dev', { region: 'y' })).rejects.toMatchObject({ exitCode: 5, message: expect.stringContaining('line 3') });
    await expect(checkConfigWritable(file)).rejects.toBeInstanceOf(FileError);
    expect(readFileSync(file, 'utf8')).toBe('[profile dev]\nregion = x\nnot a key line\n');
  });

  it('refuses a file others can write (exit 5), before and when writing', async () => {
    writeFileSync(file, '[profile dev]\n', { mode: 0o600 });
    chmodSync(file, 0o666);
    await expect(checkConfigWritable(file)).rejects.toBeInstanceOf(UnsafeFileError);
    await expect(writeProfileSettings(file, 'dev', { region: 'y' })).rejects.toBeInstanceOf(UnsafeFileError);
    expect(readFileSync(file, 'utf8')).toBe('[profile dev]\n');
  });

  it('refuses names the SDKs misread and values that are not one line (exit 2), writing nothing', async () => {
    await expect(writeProfileSettings(file, 'my name', { region: 'x' })).rejects.toBeInstanceOf(InvalidProfileNameError);
    await expect(writeProfileSettings(file, 'it"s', { region: 'x' })).rejects.toBeInstanceOf(InvalidProfileNameError);
    await expect(writeProfileSettings(file, 'dev', { endpointUrl: 'http://h:1\n[profile evil]' })).rejects.toBeInstanceOf(UsageError);
    await expect(writeProfileSettings(file, 'dev', { region: ' x' })).rejects.toMatchObject({ exitCode: 2 });
    expect(existsSync(file)).toBe(false);
  });
});

describe('configHeaderOf', () => {
  it('finds the header botocore reads a profile from, else the one to add', () => {
    const doc = parseIni('[profile  dev]\nregion = x\n[default]\n[profile default]\n');
    expect(configHeaderOf(doc, 'dev')).toBe('profile  dev');
    expect(configHeaderOf(doc, 'default')).toBe('profile default');
    expect(configHeaderOf(doc, 'other')).toBe('profile other');
    expect(configHeaderOf(undefined, 'default')).toBe('default');
  });
});

describe('shadowingSetting', () => {
  const config = `
[profile role]
role_arn = arn:aws:iam::1:role/r
[profile wi]
role_arn = arn:aws:iam::1:role/r
web_identity_token_file = /t
[profile proc]
credential_process = /bin/creds
[profile sso]
sso_account_id = 1
sso_role_name = r
[profile plain]
region = eu-west-1
[profile role-sts]
region = x
`;
  const files = sharedFiles('[keys]\naws_access_key_id = A\naws_secret_access_key = S\n[own]\nrole_arn = arn:x\n', config);

  it('names the key that makes the AWS tools use something else than written keys', () => {
    expect(shadowingSetting('role', files)).toMatchObject({ key: 'role_arn', file: 'config', section: 'profile role' });
    expect(shadowingSetting('proc', files)).toMatchObject({ key: 'credential_process' });
    expect(shadowingSetting('sso', files)).toMatchObject({ key: 'sso_account_id' });
    expect(shadowingSetting('wi', files)?.key).toBe('web_identity_token_file');
    expect(shadowingSetting('own', files)).toMatchObject({ key: 'role_arn', file: 'credentials', section: 'own' });
    expect(shadowingSetting('proc', files)!.effect('[proc] of ~/.aws/credentials')).toBe(
      'keys written to [proc] of ~/.aws/credentials would silently replace it for the AWS CLI and the SDKs',
    );
  });

  it('finds none for plain, key-only and unknown profiles', () => {
    for (const name of ['plain', 'keys', 'nowhere']) expect(shadowingSetting(name, files)).toBeUndefined();
  });

  it('offers a free name: NAME-sts, else NAME-sts-2…', () => {
    expect(freeProfileName('proc', files)).toBe('proc-sts');
    expect(freeProfileName('role', files)).toBe('role-sts-2');
  });
});
