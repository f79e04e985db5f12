// Replaces a file atomically: write a temporary file in the same folder, fsync it, rename it
// over the target, fsync the folder. Readers see the old bytes or the new ones, never half.
// The temporary file is removed on any failure. The new file belongs to the user who runs
// sts-cli: an earlier file's owner is not kept (root would otherwise hand it to whoever owned it).
import { type FileHandle, open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { nodeCrypto } from '../nodeCrypto.js';

export interface AtomicWriteOptions {
  /** Permission bits of the new file (not subject to the umask). */
  mode: number;
}

async function fsyncDir(dir: string): Promise<void> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch {
    // Some file systems cannot fsync a folder; the rename is still atomic.
  } finally {
    await handle?.close();
  }
}

/** Writes `data` to `path` atomically with `options.mode`. Throws the raw fs error. */
export async function writeFileAtomic(path: string, data: string | Uint8Array, options: AtomicWriteOptions): Promise<void> {
  const dir = dirname(path);
  const temp = join(dir, `.${basename(path)}.${process.pid}.${nodeCrypto().randomBytes(6).toString('hex')}.tmp`);
  const handle = await open(temp, 'wx', options.mode);
  try {
    try {
      await handle.chmod(options.mode);
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  await fsyncDir(dir);
}
