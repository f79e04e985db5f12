// SPEC §11 on the read side: the credentials and config files are read only when no other user
// could have changed or redirected them, and a FIFO or device in their place is refused at once.
// These fail on the code before safePath.ts: it hung on FIFOs and read whatever it found.
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadProfile } from '../../src/credentials/loadProfile.js';
import { readProfiles } from '../../src/credentials/readIniFile.js';
import { FileError, UnsafeFileError } from '../../src/errors.js';
import { fifo, releaseFifos } from '../helpers/fifo.js';

const root = mkdtempSync(join(tmpdir(), 'sts-readini-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let dir: string;
let n = 0;
beforeEach(() => {
  dir = join(root, `t${n++}`);
  mkdirSync(dir, { mode: 0o755 });
  chmodSync(dir, 0o755);
});

afterEach(releaseFifos);

const KEYS = '[default]\naws_access_key_id = AKIAEXAMPLE\naws_secret_access_key = s\n';

describe('reading refuses a FIFO, device or socket without blocking', () => {
  it('a FIFO as the credentials file is exit 5 at once', { timeout: 5_000 }, async () => {
    const file = fifo(join(dir, 'credentials'));
    const error = await readProfiles(file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FileError);
    expect(error).toMatchObject({ code: 'ERR_FILE', exitCode: 5 });
    expect((error as Error).message).toBe(`Cannot read ${file}: it is a FIFO, not a regular file.`);
  });

  it('a FIFO as the config file is exit 5 at once', { timeout: 5_000 }, async () => {
    writeFileSync(join(dir, 'credentials'), KEYS, { mode: 0o600 });
    const config = fifo(join(dir, 'config'));
    const error = await loadProfile('default', { credentialsFile: join(dir, 'credentials'), configFile: config }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'ERR_FILE', exitCode: 5 });
    expect((error as Error).message).toContain('FIFO');
  });

  it('a symbolic link to /dev/null as the credentials file is refused as a device', async () => {
    const file = join(dir, 'credentials');
    symlinkSync('/dev/null', file);
    const error = await readProfiles(file).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'ERR_FILE', exitCode: 5 });
    expect((error as Error).message).toBe(`Cannot read ${file}: it is a character device, not a regular file.`);
  });

  it('a folder in place of the file is still the plain folder error', async () => {
    mkdirSync(join(dir, 'credentials'));
    await expect(readProfiles(join(dir, 'credentials'))).rejects.toMatchObject({ code: 'ERR_FILE', message: expect.stringContaining('is a folder') });
  });
});

describe('reading refuses what another user could have changed', () => {
  it('a credentials file others can write (0666): exit 5 with `chmod go-w FILE`', async () => {
    const file = join(dir, 'credentials');
    writeFileSync(file, KEYS);
    chmodSync(file, 0o666);
    const error = await readProfiles(file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnsafeFileError);
    expect(error).toMatchObject({ code: 'ERR_FILE_UNSAFE', exitCode: 5 });
    expect((error as Error).message).toBe(`Refusing to read ${file}: it can be written by other users (mode 0666).`);
    expect((error as UnsafeFileError).hint).toContain(`chmod go-w ${file}`);
  });

  it('a config file in a folder others can write: exit 5 naming the folder', async () => {
    const aws = join(dir, '.aws');
    mkdirSync(aws);
    chmodSync(aws, 0o777);
    writeFileSync(join(aws, 'config'), '[default]\nregion = eu-west-1\n', { mode: 0o600 });
    const error = await loadProfile('default', { credentialsFile: join(aws, 'credentials'), configFile: join(aws, 'config') }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'ERR_FILE_UNSAFE', exitCode: 5 });
    expect((error as Error).message).toContain(`the folder ${aws} can be written by other users (mode 0777)`);
    expect((error as UnsafeFileError).hint).toContain(`chmod go-w ${aws}`);
  });

  it('a sticky world-writable folder: refused as the file’s own folder, accepted above it (as /tmp)', async () => {
    const shared = join(dir, 'shared');
    mkdirSync(shared);
    chmodSync(shared, 0o1777);
    writeFileSync(join(shared, 'credentials'), KEYS, { mode: 0o600 });
    const own = await readProfiles(join(shared, 'credentials')).catch((e: unknown) => e);
    expect(own).toMatchObject({ code: 'ERR_FILE_UNSAFE' });
    expect((own as UnsafeFileError).hint).not.toContain('chmod');
    mkdirSync(join(shared, 'mine'), { mode: 0o700 });
    writeFileSync(join(shared, 'mine', 'credentials'), KEYS, { mode: 0o600 });
    expect((await readProfiles(join(shared, 'mine', 'credentials'))).get('default')?.aws_access_key_id).toBe('AKIAEXAMPLE');
  });

  it('a world-writable folder higher up without the sticky bit is refused', async () => {
    const open = join(dir, 'open');
    mkdirSync(join(open, 'mine'), { recursive: true, mode: 0o700 });
    chmodSync(open, 0o777);
    writeFileSync(join(open, 'mine', 'credentials'), KEYS, { mode: 0o600 });
    await expect(readProfiles(join(open, 'mine', 'credentials'))).rejects.toMatchObject({
      code: 'ERR_FILE_UNSAFE',
      message: expect.stringContaining(`the folder ${open} can be written`),
    });
  });

  it('a folder that holds a symbolic link on the way is checked, and so is the link’s real folder', async () => {
    const safe = join(dir, 'safe');
    mkdirSync(safe, { mode: 0o700 });
    writeFileSync(join(safe, 'credentials'), KEYS, { mode: 0o600 });
    const open = join(dir, 'open');
    mkdirSync(open);
    chmodSync(open, 0o777);
    symlinkSync(safe, join(open, 'aws'));
    // The real path is safe, but a neighbour could swap the link in `open`.
    await expect(readProfiles(join(open, 'aws', 'credentials'))).rejects.toMatchObject({
      code: 'ERR_FILE_UNSAFE',
      message: expect.stringContaining(`the folder ${open} can be written`),
    });
    // A safe link into an open folder: the target's folder decides.
    const openTarget = join(dir, 'open-target');
    mkdirSync(openTarget);
    chmodSync(openTarget, 0o777);
    writeFileSync(join(openTarget, 'credentials'), KEYS, { mode: 0o600 });
    symlinkSync(join(openTarget, 'credentials'), join(safe, 'linked'));
    await expect(readProfiles(join(safe, 'linked'))).rejects.toMatchObject({
      code: 'ERR_FILE_UNSAFE',
      message: expect.stringContaining(`(which leads to ${join(openTarget, 'credentials')}): the folder ${openTarget} can be written`),
    });
  });
});
