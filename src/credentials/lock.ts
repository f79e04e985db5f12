// A lock file next to the file it guards, so that concurrent sts-cli PROCESSES take turns:
// `<file>.lock` is created with O_EXCL and holds "pid host time nonce". A lock whose process is
// dead (same host) is taken over at once, and one whose holder cannot be checked (another host,
// unreadable) once it is older than STALE_MS, so a killed process cannot block anyone. A live
// holder is waited for at most TIMEOUT_MS, then the error names its pid (SPEC §11). The lock is
// read without following a link or blocking: a FIFO or device in its place is refused at once.
import { link, open, rename, unlink } from 'node:fs/promises';
import { hostname } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { FileError } from '../errors.js';
import { toFileError } from './fileError.js';
import { openRegularFile } from './safePath.js';
import { nodeCrypto } from '../nodeCrypto.js';

export interface LockOptions {
  /** A lock older than this is stale. */
  staleMs?: number;
  /** Give up after waiting this long (default LOCK_TIMEOUT_MS). */
  timeoutMs?: number;
}

/** How long a lock held by a live process is waited for (SPEC §11). */
export const LOCK_TIMEOUT_MS = 10_000;
const STALE_MS = 5_000;
const LIVE_STALE_MS = 30_000;
const MAX_LOCK_BYTES = 256;

interface Held {
  content: string;
  mtimeMs: number;
}

// The lock's content and age, or undefined when it is gone. Reads at most MAX_LOCK_BYTES.
async function readLock(lockPath: string): Promise<Held | undefined> {
  let opened: Awaited<ReturnType<typeof openRegularFile>>;
  try {
    opened = await openRegularFile(lockPath, 'lock');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw toFileError(lockPath, 'lock', error);
  }
  try {
    const buffer = Buffer.alloc(MAX_LOCK_BYTES);
    const { bytesRead } = await opened.handle.read(buffer, 0, MAX_LOCK_BYTES, 0);
    return { content: buffer.subarray(0, bytesRead).toString('utf8'), mtimeMs: opened.stats.mtimeMs };
  } finally {
    await opened.handle.close();
  }
}

function holderOf(content: string): { pid: number | undefined; host: string | undefined } {
  const [pid, host] = content.trim().split(' ');
  const pidNumber = Number(pid);
  return { pid: Number.isInteger(pidNumber) && pidNumber > 0 ? pidNumber : undefined, host };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function isStale(held: Held, staleMs: number): boolean {
  const { pid, host } = holderOf(held.content);
  // Age by mtime: an empty lock may be one being written right now, and it is fresh.
  const age = Date.now() - held.mtimeMs;
  // On this host the holder's pid decides: a dead holder loses its lock at once, and a live one (a
  // slow fsync, say) keeps it for LIVE_STALE_MS, long past any write, after which only a reused pid
  // can explain it. A lock we cannot check (another host) goes by age alone.
  if (host === hostname() && pid !== undefined) return !isAlive(pid) || age > LIVE_STALE_MS;
  return age > staleMs;
}

function timedOut(lockPath: string, held: Held, timeoutMs: number): FileError {
  const { pid, host } = holderOf(held.content);
  const where = host && host !== hostname() ? ` on ${host}` : '';
  const holder = pid === undefined ? 'an unknown process' : `process ${pid}${where}`;
  return new FileError(lockPath, `Timed out after ${timeoutMs / 1000} s waiting for the lock ${lockPath}, held by ${holder}.`, {
    hint: `If ${pid === undefined ? 'no sts-cli is running' : `process ${pid} is not an sts-cli that is still writing`}, delete that lock file and try again.`,
  });
}

// Take a stale lock away by renaming it to a unique name first, so two processes breaking the
// same stale lock cannot delete each other's fresh one; if what we moved is not the stale lock
// we judged, put it back.
async function breakStale(lockPath: string, judged: Held): Promise<void> {
  const aside = `${lockPath}.${process.pid}.${nodeCrypto().randomBytes(4).toString('hex')}.stale`;
  try {
    await rename(lockPath, aside);
  } catch {
    return;
  }
  try {
    const moved = await readLock(aside).catch(() => undefined);
    if (moved?.content !== judged.content) await link(aside, lockPath).catch(() => undefined);
  } finally {
    await unlink(aside).catch(() => undefined);
  }
}

async function acquire(lockPath: string, staleMs: number, timeoutMs: number): Promise<string> {
  const content = `${process.pid} ${hostname()} ${Date.now()} ${nodeCrypto().randomBytes(6).toString('hex')}\n`;
  const deadline = Date.now() + timeoutMs;
  for (let attempt = 0; ; attempt++) {
    try {
      const handle = await open(lockPath, 'wx', 0o600);
      try {
        await handle.writeFile(content);
      } catch (error) {
        await handle.close();
        await unlink(lockPath).catch(() => undefined);
        throw toFileError(lockPath, 'lock', error);
      }
      await handle.close();
      return content;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw toFileError(lockPath, 'lock', error);
    }
    const held = await readLock(lockPath);
    if (held === undefined) continue; // released meanwhile: try again at once
    if (isStale(held, staleMs)) {
      await breakStale(lockPath, held);
      continue;
    }
    if (Date.now() > deadline) throw timedOut(lockPath, held, timeoutMs);
    await sleep(Math.min(100, 5 + attempt * 5) * (0.5 + Math.random()));
  }
}

async function release(lockPath: string, content: string): Promise<void> {
  try {
    // Only remove the lock if it is still ours (it may have been taken over as stale).
    if ((await readLock(lockPath))?.content === content) await unlink(lockPath);
  } catch {
    // already gone
  }
}

/** Runs `fn` while holding `<lockPath>` (created exclusively), and always removes the lock afterwards. */
export async function withFileLock<T>(lockPath: string, fn: () => Promise<T>, options: LockOptions = {}): Promise<T> {
  const content = await acquire(lockPath, options.staleMs ?? STALE_MS, options.timeoutMs ?? LOCK_TIMEOUT_MS);
  try {
    return await fn();
  } finally {
    await release(lockPath, content);
  }
}
