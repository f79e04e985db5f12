// The one check behind SPEC §11's file guarantees, on the cases the readers and writers do not show.
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readProfiles } from '../../src/credentials/readIniFile.js';
import { checkSafeFile } from '../../src/credentials/safePath.js';
import { fifo, releaseFifos } from '../helpers/fifo.js';

const root = mkdtempSync(join(tmpdir(), 'sts-safe-'));
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

describe('checkSafeFile', () => {
  it('the walk stops at the home folder, as OpenSSH’s does', async () => {
    const open = join(dir, 'open');
    const home = join(open, 'home');
    mkdirSync(join(home, '.aws'), { recursive: true, mode: 0o700 });
    chmodSync(open, 0o777);
    const file = join(home, '.aws', 'credentials');
    writeFileSync(file, KEYS, { mode: 0o600 });
    expect((await checkSafeFile(file, { home })).stats?.isFile()).toBe(true);
    await expect(checkSafeFile(file, { home: '/nonexistent' })).rejects.toMatchObject({ code: 'ERR_FILE_UNSAFE' });
  });

  it('a missing file reads as empty even in an unsafe folder (nothing was trusted), but cannot be written there', async () => {
    const aws = join(dir, '.aws');
    mkdirSync(aws);
    chmodSync(aws, 0o777);
    expect((await readProfiles(join(aws, 'credentials'))).size).toBe(0);
    await expect(checkSafeFile(join(aws, 'credentials'), { action: 'write' })).rejects.toMatchObject({ code: 'ERR_FILE_UNSAFE' });
  });

  it('an entry (cache) that is a symbolic link, 0666 or a FIFO is passed over, not refused', async () => {
    const cache = join(dir, 'cache');
    mkdirSync(cache, { mode: 0o700 });
    writeFileSync(join(cache, 'mine.json'), '{}', { mode: 0o600 });
    writeFileSync(join(cache, 'open.json'), '{}');
    chmodSync(join(cache, 'open.json'), 0o666);
    symlinkSync('mine.json', join(cache, 'link.json'));
    fifo(join(cache, 'fifo.json'));
    expect((await checkSafeFile(join(cache, 'mine.json'), { entry: true })).stats?.isFile()).toBe(true);
    expect(await checkSafeFile(join(cache, 'open.json'), { entry: true })).toMatchObject({ ignored: 'mode 0666' });
    expect(await checkSafeFile(join(cache, 'link.json'), { entry: true })).toMatchObject({ ignored: 'a symbolic link' });
    expect(await checkSafeFile(join(cache, 'fifo.json'), { entry: true })).toMatchObject({ ignored: 'a FIFO' });
  });
});
