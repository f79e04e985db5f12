// Where serve --tls puts the CA certificate clients trust: --tls-ca-file (checked before the mock
// starts, written atomically 0644 once it listens), else a private temporary file that stderr
// names and that is removed at exit.
import type { Stats } from 'node:fs';
import { lstat, mkdtemp, readlink, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { toFileError } from '../../credentials/fileError.js';
import { writeFileAtomic } from '../../credentials/writeFileAtomic.js';
import { FileError } from '../../errors.js';

/** Where the CA certificate was written; `remove()` deletes it when serve made the file up itself. */
export interface PublishedCa {
  path: string;
  remove(): Promise<void>;
}

function kindOf(st: Stats): string {
  if (st.isDirectory()) return 'a folder';
  if (st.isFIFO()) return 'a FIFO';
  if (st.isSocket()) return 'a socket';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  return 'not a regular file';
}

const MAX_LINKS = 40;

/**
 * Where `--tls-ca-file` will be written, checked before the mock starts: its symbolic links
 * followed (each must be the user's or root's: a link someone else planted, in /tmp say, would aim
 * the write at a file of their choosing), ending at a regular file or at none yet in an existing
 * folder. Anything else is refused and left untouched.
 */
export async function checkCaFile(path: string): Promise<string> {
  const uid = process.getuid?.();
  let target = path;
  for (let hops = 0; ; hops++) {
    let st: Stats;
    try {
      st = await lstat(target);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw toFileError(path, 'write', error);
      break;
    }
    if (!st.isSymbolicLink()) {
      if (st.isFile()) return target;
      throw new FileError(path, `Cannot write the CA certificate to ${path}: it is ${kindOf(st)}, not a regular file.`, {
        hint: 'Name a regular file (or a new one) for --tls-ca-file; it was left untouched.',
      });
    }
    if (uid !== undefined && st.uid !== uid && st.uid !== 0) {
      throw new FileError(path, `Refusing to write the CA certificate through ${path}: it is a symbolic link that belongs to another user.`, {
        hint: 'Name another --tls-ca-file; it was left untouched.',
      });
    }
    if (hops >= MAX_LINKS) throw toFileError(path, 'write', Object.assign(new Error('too many links'), { code: 'ELOOP' }));
    target = resolve(dirname(target), await readlink(target));
  }
  const folder = await stat(dirname(target)).catch(() => undefined);
  if (!folder?.isDirectory()) {
    throw new FileError(path, `Cannot write the CA certificate to ${path}: its folder ${dirname(target)} does not exist.`, {
      hint: 'Create the folder, or name another --tls-ca-file.',
    });
  }
  return target;
}

/** Writes the CA certificate to `--tls-ca-file` (atomically, 0644) or to a private temporary file. */
export async function publishCa(caPem: string, path: string | undefined): Promise<PublishedCa> {
  if (path === undefined) {
    // 0700 folder: the file is the user's alone, and nobody can swap it before a client reads it.
    const dir = await mkdtemp(join(tmpdir(), 'sts-cli-ca-'));
    const file = join(dir, 'ca.pem');
    await writeFileAtomic(file, caPem, { mode: 0o644 });
    return { path: file, remove: () => rm(dir, { recursive: true, force: true }) };
  }
  const target = await checkCaFile(path);
  try {
    await writeFileAtomic(target, caPem, { mode: 0o644 });
  } catch (error) {
    const failed = toFileError(path, 'write', error);
    throw new FileError(path, failed.message, { cause: error, hint: 'Check that you may write in its folder, or name another --tls-ca-file.' });
  }
  return { path, remove: async () => undefined };
}

/** The line that tells the user how to trust the CA. */
export function caLine(path: string): string {
  return `TLS: the CA certificate is in ${path}; trust it with --ca-bundle ${path} or AWS_CA_BUNDLE=${path}.`;
}
