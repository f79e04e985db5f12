// The one way sts-cli changes an INI file it shares with the AWS tools (the credentials file and
// the config file, SPEC §3 and §7): only a file nobody else can steer (safePath), under its lock,
// re-read and parsed under the lock, spliced by the caller, replaced atomically 0600. A file that
// cannot be parsed is reported and left as it was.
import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import { isStsCliError } from '../errors.js';
import { toFileError } from './fileError.js';
import type { IniDocument } from './ini.js';
import { withFileLock } from './lock.js';
import { parseIniFile, readTextFile } from './readIniFile.js';
import { checkSafeFile } from './safePath.js';
import { writeFileAtomic } from './writeFileAtomic.js';

export interface UpdateIniOptions {
  /** How long to wait for another sts-cli's lock before giving up (FileError naming its pid); default 10 s. */
  lockTimeoutMs?: number;
}

/**
 * Applies `edit` to the file at `path` (a missing file is an empty document; its folders are
 * created 0700). `edit` returns the new text, or undefined to leave the file as it is; it may throw
 * to refuse, and nothing is written. Follows a symbolic link and keeps it. Throws FileError (exit 5).
 */
export async function updateIniFile(path: string, edit: (doc: IniDocument) => string | undefined, opts: UpdateIniOptions = {}): Promise<void> {
  try {
    const { target, stats } = await checkSafeFile(path, { action: 'write', create: true });
    // A file its owner made read-only is not replaced behind their back (root may, as everywhere).
    if (stats) await access(target, constants.W_OK);
    const lockOptions = opts.lockTimeoutMs === undefined ? {} : { timeoutMs: opts.lockTimeoutMs };
    await withFileLock(
      `${target}.lock`,
      async () => {
        const doc = parseIniFile(path, (await readTextFile(target)) ?? '');
        const text = edit(doc);
        // 0600 whatever the old file's mode: a readable copy of temporary keys is a leak.
        if (text !== undefined && text !== doc.text) await writeFileAtomic(target, text, { mode: 0o600 });
      },
      lockOptions,
    );
  } catch (error) {
    if (isStsCliError(error)) throw error;
    throw toFileError(path, 'write', error);
  }
}
