import { chmodSync, chownSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { cacheKey, clearCache, needsRefresh, readCachedCredentials, writeCachedCredentials } from '../../src/credentials/cache.js';
import type { StsCredentialsResult } from '../../src/sts/types.js';
import { fifo, releaseFifos } from '../helpers/fifo.js';
import { neighbour } from '../helpers/neighbour.js';

const root = mkdtempSync(join(tmpdir(), 'sts-cache-'));
// Traversable, so that the neighbour of the SPEC §11 tests can reach the cache folders in here.
chmodSync(root, 0o755);
afterAll(() => rmSync(root, { recursive: true, force: true }));
afterEach(releaseFifos);

const result: StsCredentialsResult = {
  credentials: { accessKeyId: 'ASIAX', secretAccessKey: 's', sessionToken: 't', expiration: new Date('2026-11-23T13:00:00Z') },
  expirationText: '2026-11-23T13:00:00.000000Z',
  assumedRoleUser: { arn: 'arn:aws:sts::1:assumed-role/r/s', assumedRoleId: 'AROA:s' },
};

describe('credential-process cache', () => {
  it('keys by a sha256 of the inputs, independent of key order', () => {
    const a = cacheKey({ roleArn: 'r', endpoint: 'e', nested: { x: 1, y: [1, 2] } });
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(cacheKey({ nested: { y: [1, 2], x: 1 }, endpoint: 'e', roleArn: 'r' })).toBe(a);
    expect(cacheKey({ roleArn: 'r2', endpoint: 'e', nested: { x: 1, y: [1, 2] } })).not.toBe(a);
    expect(cacheKey({ secret: 'hunter2' })).not.toContain('hunter2');
  });

  it('refreshes when fewer than 5 minutes are left', () => {
    const exp = new Date('2026-01-01T01:00:00Z');
    expect(needsRefresh(exp, new Date('2026-01-01T00:54:59Z'))).toBe(false);
    expect(needsRefresh(exp, new Date('2026-01-01T00:55:01Z'))).toBe(true);
    expect(needsRefresh(exp, new Date('2026-01-01T02:00:00Z'))).toBe(true);
  });

  it('round-trips a result in a 0600 file inside a 0700 folder', async () => {
    const dir = join(root, 'a', 'sts-cli');
    const key = cacheKey(['x']);
    expect(await readCachedCredentials(dir, key)).toBeUndefined();
    await writeCachedCredentials(dir, key, result);
    const back = await readCachedCredentials(dir, key);
    expect(back).toEqual(result);
    expect(back?.credentials.expiration).toBeInstanceOf(Date);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(statSync(join(dir, `${key}.json`)).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir)).toEqual([`${key}.json`]);
  });

  it('treats a corrupt file as a miss', async () => {
    const dir = join(root, 'b');
    const key = cacheKey(['y']);
    await writeCachedCredentials(dir, key, result);
    writeFileSync(join(dir, `${key}.json`), '{"version":1,"result":');
    expect(await readCachedCredentials(dir, key)).toBeUndefined();
  });

  it('reports an unwritable cache as FileError', async () => {
    const file = join(root, 'plainfile');
    writeFileSync(file, '');
    await expect(writeCachedCredentials(join(file, 'sub'), cacheKey(1), result)).rejects.toMatchObject({ code: 'ERR_FILE', exitCode: 5 });
  });
});

// SPEC §11: cache entries not the user's own are a miss, and a cache folder others can write is
// refused (exit 5). These fail on the code before safePath.ts, which returned a planted entry.
const planted = (accessKeyId: string) =>
  `${JSON.stringify({ version: 1, result: { ...result, credentials: { ...result.credentials, accessKeyId, expiration: '2099-01-01T00:00:00Z' } } })}\n`;

describe('credential-process cache against planted entries', () => {
  it('a 0666 entry, a symbolic link or a FIFO as an entry is a miss, without blocking', { timeout: 5_000 }, async () => {
    const dir = join(root, 'entries');
    mkdirSync(dir, { mode: 0o700 });
    const [open, linked, pipe] = [cacheKey('open'), cacheKey('link'), cacheKey('fifo')];
    writeFileSync(join(dir, `${open}.json`), planted('ASIAOPEN'));
    chmodSync(join(dir, `${open}.json`), 0o666);
    writeFileSync(join(root, 'elsewhere.json'), planted('ASIALINKED'), { mode: 0o600 });
    symlinkSync(join(root, 'elsewhere.json'), join(dir, `${linked}.json`));
    fifo(join(dir, `${pipe}.json`));
    expect(await readCachedCredentials(dir, open)).toBeUndefined();
    expect(await readCachedCredentials(dir, linked)).toBeUndefined();
    expect(await readCachedCredentials(dir, pipe)).toBeUndefined();
    // The next write replaces a passed-over entry with the user's own 0600 file.
    await writeCachedCredentials(dir, pipe, result);
    expect(statSync(join(dir, `${pipe}.json`)).isFile()).toBe(true);
    expect(statSync(join(dir, `${pipe}.json`)).mode & 0o7777).toBe(0o600);
    expect(await readCachedCredentials(dir, pipe)).toEqual(result);
  });

  it('a cache folder others can write is refused (exit 5, `chmod go-w FOLDER`) for reading and writing', async () => {
    const dir = join(root, 'open', 'sts-cli');
    const key = cacheKey('open-folder');
    await writeCachedCredentials(dir, key, result);
    chmodSync(dir, 0o777);
    const error = await readCachedCredentials(dir, key).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'ERR_FILE_UNSAFE', exitCode: 5 });
    expect((error as Error).message).toContain(`the folder ${dir} can be written by other users (mode 0777)`);
    expect((error as { hint: string }).hint).toContain(`chmod go-w ${dir}`);
    // Also when the entry does not exist yet: a neighbour could plant it next time.
    await expect(readCachedCredentials(dir, cacheKey('missing'))).rejects.toMatchObject({ code: 'ERR_FILE_UNSAFE' });
    await expect(writeCachedCredentials(dir, cacheKey('new'), result)).rejects.toMatchObject({ code: 'ERR_FILE_UNSAFE', exitCode: 5 });
    expect(readdirSync(dir)).toEqual([`${key}.json`]);
  });

  const nb = neighbour();
  it.skipIf(!nb)('an entry owned by another uid is a miss, and is replaced by the next write', async () => {
    const dir = join(root, 'foreign');
    const key = cacheKey('foreign');
    await writeCachedCredentials(dir, key, result);
    chownSync(join(dir, `${key}.json`), nb!.uid, nb!.gid);
    expect(await readCachedCredentials(dir, key)).toBeUndefined();
    await writeCachedCredentials(dir, key, result);
    expect(statSync(join(dir, `${key}.json`)).uid).toBe(process.getuid!());
    expect(await readCachedCredentials(dir, key)).toEqual(result);
  });

  it.skipIf(!nb)('an entry the neighbour planted in a cache folder it can write is never returned', async () => {
    const dir = join(root, 'shared', 'sts-cli');
    mkdirSync(dir, { recursive: true });
    chmodSync(dir, 0o777);
    const key = cacheKey('planted');
    nb!.run('printf %s "$2" > "$1"', [join(dir, `${key}.json`), planted('ASIAPLANTED')]);
    expect(statSync(join(dir, `${key}.json`)).uid).toBe(nb!.uid);
    const error = await readCachedCredentials(dir, key).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'ERR_FILE_UNSAFE', exitCode: 5 });
    expect(readFileSync(join(dir, `${key}.json`), 'utf8')).toContain('ASIAPLANTED');
  });
});

describe('clearCache', () => {
  it('removes the entries and the temporary files a killed process left, and nothing else', async () => {
    const dir = join(root, 'clear', 'sts-cli');
    await writeCachedCredentials(dir, cacheKey('one'), result);
    await writeCachedCredentials(dir, cacheKey('two'), result);
    writeFileSync(join(dir, `.${cacheKey('three')}.json.4242.abcdef012345.tmp`), 'half', { mode: 0o600 });
    writeFileSync(join(dir, 'README'), 'not ours');
    mkdirSync(join(dir, `${cacheKey('folder')}.json`));
    writeFileSync(join(dir, 'ABC.json'), 'not a digest');
    expect(await clearCache(dir)).toBe(2);
    expect(readdirSync(dir).sort()).toEqual(['ABC.json', 'README', `${cacheKey('folder')}.json`].sort());
    expect(await clearCache(dir)).toBe(0);
  });

  it('a missing folder is an empty cache; a folder others can write is refused (exit 5)', async () => {
    expect(await clearCache(join(root, 'never', 'sts-cli'))).toBe(0);
    const dir = join(root, 'clear-open', 'sts-cli');
    await writeCachedCredentials(dir, cacheKey('x'), result);
    chmodSync(dir, 0o777);
    await expect(clearCache(dir)).rejects.toMatchObject({ code: 'ERR_FILE_UNSAFE', exitCode: 5 });
    expect(readdirSync(dir)).toHaveLength(1);
  });
});
