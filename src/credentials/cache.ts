// sts-cli's credential cache (SPEC §7): every session it assumes (each hop of a chain, MFA
// sessions, credential-process answers), one JSON file per request, named by a sha256 of what
// decides whom its credentials belong to, 0600 in a 0700 folder, written atomically. A corrupt,
// unreadable or foreign file is a miss.
import type { Dirent } from 'node:fs';
import { mkdir, readdir, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { UnsafeFileError } from '../errors.js';
import type { StsCredentialsResult } from '../sts/types.js';
import { toFileError } from './fileError.js';
import { checkSafeFile, readRegularFile } from './safePath.js';
import { sha256Hex } from '../sigv4/sha256.js';

const REFRESH_MS = 5 * 60_000;
const FORMAT_VERSION = 1;

// JSON with object keys sorted at every level, so equal inputs hash equally whatever their order.
function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * Everything that decides whom cached credentials belong to and what they may do (SPEC §7), as
 * resolved, never as typed: the policy's text, not its file name; 3600 for `1h` and `3600` alike.
 */
export interface CacheIdentity {
  action: 'AssumeRole' | 'AssumeRoleWithWebIdentity' | 'GetSessionToken';
  /** The STS parameters sent, without the one-time MFA code, the token or a generated session name. */
  params: Record<string, unknown>;
  endpoint: string;
  region: string;
  /** Who asks: the auth mode, the source's access key id and digests (secretDigest) of its secret and of any token. */
  caller: Record<string, string>;
}

/** sha256 (hex) of a secret, for a cache identity: the identity names secrets by digest only. */
export function secretDigest(secret: string): string {
  return sha256Hex(secret);
}

/** sha256 (hex) of the request inputs (a CacheIdentity); secrets among them never reach the disk in clear. */
export function cacheKey(parts: unknown): string {
  return sha256Hex(stableJson(parts));
}

/** True when fewer than 5 minutes are left before `expiration`. */
export function needsRefresh(expiration: Date, now: Date): boolean {
  return expiration.getTime() - now.getTime() < REFRESH_MS;
}

const ENTRY = /^[0-9a-f]{16,128}\.json$/;
// writeFileAtomic's temporary files for entries (`.KEY.json.PID.RANDOM.tmp`), left by a killed process.
const TEMPORARY = /^\.[0-9a-f]{16,128}\.json\.\d+\.[0-9a-f]+\.tmp$/;

function fileOf(dir: string, key: string): string {
  if (!/^[0-9a-f]{16,128}$/.test(key)) throw new TypeError('cache key must be a hex digest from cacheKey()');
  return join(dir, `${key}.json`);
}

function revive(text: string): StsCredentialsResult | undefined {
  try {
    const data = JSON.parse(text) as { version?: number; result?: StsCredentialsResult & { credentials: { expiration: string } } };
    const c = data.result?.credentials;
    if (data.version !== FORMAT_VERSION || !c || !c.accessKeyId || !c.secretAccessKey || !c.sessionToken) return undefined;
    const expiration = new Date(c.expiration);
    if (Number.isNaN(expiration.getTime())) return undefined;
    return { ...data.result!, credentials: { ...c, expiration } };
  } catch {
    return undefined;
  }
}

/** The cached result for `key`, or undefined (missing, corrupt or unreadable). */
export async function readCachedCredentials(dir: string, key: string): Promise<StsCredentialsResult | undefined> {
  // SPEC §11: a folder others can write is refused (exit 5); an entry not the user's own, or unreadable, is a miss.
  const safe = await checkSafeFile(fileOf(dir, key), { action: 'use', entry: true }).catch((error: unknown) => {
    if (error instanceof UnsafeFileError) throw error;
  });
  if (!safe?.stats) return undefined;
  try {
    // Opened as checked (no second walk up the folders): the same file, never a FIFO, never through a link.
    const { bytes, stats } = readRegularFile(safe.target, 'read');
    if (stats.ino !== safe.stats.ino || stats.dev !== safe.stats.dev) return undefined;
    return revive(bytes.toString('utf8'));
  } catch {
    return undefined;
  }
}

/** Stores `result` under `key` (file 0600, folder 0700, atomic). Throws FileError (exit 5) when it cannot. */
export async function writeCachedCredentials(dir: string, key: string, result: StsCredentialsResult): Promise<void> {
  const path = fileOf(dir, key);
  try {
    // Loaded only now (it loads node:crypto): an answer from the cache writes nothing.
    const { writeFileAtomic } = await import('./writeFileAtomic.js');
    await mkdir(dir, { recursive: true, mode: 0o700 });
    await checkSafeFile(path, { action: 'write', entry: true });
    await writeFileAtomic(path, `${JSON.stringify({ version: FORMAT_VERSION, result })}\n`, { mode: 0o600 });
  } catch (error) {
    throw toFileError(path, 'write', error);
  }
}

/**
 * Removes every entry of the cache in `dir` (and temporary files a killed process left; a planted
 * link or FIFO in an entry's place too, never what it leads to), nothing else; returns how many
 * entries it removed. A missing folder is an empty cache. Throws UnsafeFileError (exit 5) for a
 * folder other users can write, FileError when it cannot remove one.
 */
export async function clearCache(dir: string): Promise<number> {
  await checkSafeFile(join(dir, '*.json'), { action: 'write', entry: true });
  let names: Dirent[];
  try {
    names = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw toFileError(dir, 'read', error);
  }
  let removed = 0;
  for (const dirent of names) {
    const { name } = dirent;
    const entry = ENTRY.test(name);
    // A folder is never one of ours (sts-cli writes files): it stays, as anything else not ours does.
    if ((!entry && !TEMPORARY.test(name)) || dirent.isDirectory()) continue;
    try {
      await unlink(join(dir, name));
      if (entry) removed++;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw toFileError(join(dir, name), 'write', error);
    }
  }
  return removed;
}
