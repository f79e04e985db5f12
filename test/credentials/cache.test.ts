import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cacheKey, needsRefresh, readCachedCredentials, writeCachedCredentials } from '../../src/credentials/cache.js';
import type { StsCredentialsResult } from '../../src/sts/types.js';

const root = mkdtempSync(join(tmpdir(), 'sts-cache-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

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
