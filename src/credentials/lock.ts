// A lock file next to the file it guards, so that concurrent sts-cli PROCESSES take turns:
// `<file>.lock` is created with O_EXCL and holds "pid host time nonce". A lock whose process is
// dead (same host) is taken over at once, and one whose holder cannot be checked (another host,
// unreadable) once it is older than STALE_MS, so a killed process cannot block anyone.
import { randomBytes } from 'node:crypto';
import { link, open, readFile, rename, stat, unlink } from 'node:fs/promises';
import { hostname } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { FileError } from '../errors.js';
import { toFileError } from './fileError.js';

export interface LockOptions {
  /** A lock older than this is stale. */
  staleMs?: number;
  /** Give up after waiting this long. */
  timeoutMs?: number;
}

const STALE_MS = 5_000;
const LIVE_STALE_MS = 30_000;
const TIMEOUT_MS = 20_000;

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function isStale(lockPath: string, content: string, staleMs: number): Promise<boolean> {
  const [pid, host] = content.trim().split(' ');
  const pidNumber = Number(pid);
  // Age by mtime: an empty lock may be one being written right now, and it is fresh.
  const age = Date.now() - (await stat(lockPath)).mtimeMs;
  // On this host the holder's pid decides: a dead holder loses its lock at once, and a live one (a
  // slow fsync, say) keeps it for LIVE_STALE_MS, long past any write, after which only a reused pid
  // can explain it. A lock we cannot check (another host) goes by age alone.
  if (host === hostname() && Number.isInteger(pidNumber) && pidNumber > 0) return !isAlive(pidNumber) || age > LIVE_STALE_MS;
  return age > staleMs;
}

// Take a stale lock away by renaming it to a unique name first, so two processes breaking the
// same stale lock cannot delete each other's fresh one; if what we moved is not the stale lock
// we judged, put it back.
async function breakStale(lockPath: string, judged: string): Promise<void> {
  const aside = `${lockPath}.${process.pid}.${randomBytes(4).toString('hex')}.stale`;
  try {
    await rename(lockPath, aside);
  } catch {
    return;
  }
  try {
    const moved = await readFile(aside, 'utf8');
    if (moved !== judged) await link(aside, lockPath).catch(() => undefined);
  } finally {
    await unlink(aside).catch(() => undefined);
  }
}

async function acquire(lockPath: string, staleMs: number, timeoutMs: number): Promise<string> {
  const content = `${process.pid} ${hostname()} ${Date.now()} ${randomBytes(6).toString('hex')}\n`;
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
    let held: string | undefined;
    try {
      held = await readFile(lockPath, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue; // released meanwhile: try again at once
      throw toFileError(lockPath, 'lock', error);
    }
    if (await isStale(lockPath, held, staleMs).catch(() => false)) {
      await breakStale(lockPath, held);
      continue;
    }
    if (Date.now() > deadline) {
      throw new FileError(lockPath, `Timed out waiting for the lock ${lockPath} held by another sts-cli.`, {
        hint: 'Try again; if no sts-cli is running, delete that lock file.',
      });
    }
    await sleep(Math.min(100, 5 + attempt * 5) * (0.5 + Math.random()));
  }
}

async function release(lockPath: string, content: string): Promise<void> {
  try {
    // Only remove the lock if it is still ours (it may have been taken over as stale).
    if ((await readFile(lockPath, 'utf8')) === content) await unlink(lockPath);
  } catch {
    // already gone
  }
}

/** Runs `fn` while holding `<lockPath>` (created exclusively), and always removes the lock afterwards. */
export async function withFileLock<T>(lockPath: string, fn: () => Promise<T>, options: LockOptions = {}): Promise<T> {
  const content = await acquire(lockPath, options.staleMs ?? STALE_MS, options.timeoutMs ?? TIMEOUT_MS);
  try {
    return await fn();
  } finally {
    await release(lockPath, content);
  }
}
