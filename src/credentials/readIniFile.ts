// Reads and parses an AWS INI file (credentials or config) from disk; the I/O edge of ini.ts.
// Only a file no other user can steer is read (SPEC §11, safePath.ts), and never by blocking on
// a FIFO or device.
import { FileError } from '../errors.js';
import { toFileError } from './fileError.js';
import { iniSections, IniSyntaxError, parseIni, type IniDocument } from './ini.js';
import { checkSafeFile, readRegularFile } from './safePath.js';

async function readSafely(path: string): Promise<Buffer | undefined> {
  const { target, stats } = await checkSafeFile(path);
  if (!stats) return undefined;
  try {
    const { bytes, stats: opened } = readRegularFile(target, 'read');
    // What we read must be what we checked: nobody but the user or root can swap it in a safe folder.
    if (opened.ino !== stats.ino || opened.dev !== stats.dev) {
      throw new FileError(path, `Cannot read ${path}: it was replaced while sts-cli was reading it.`, { hint: 'Try again.' });
    }
    return bytes;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw toFileError(path, 'read', error);
  }
}

/**
 * The file's text, or undefined when it does not exist. Throws UnsafeFileError (exit 5) when
 * another user could have changed it, FileError when it is not a regular file, cannot be read or
 * is not UTF-8.
 */
export async function readTextFile(path: string): Promise<string | undefined> {
  const bytes = await readSafely(path);
  if (bytes === undefined) return undefined;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (error) {
    throw new FileError(path, `Cannot read ${path}: it is not UTF-8 text.`, {
      cause: error,
      hint: 'Save it as UTF-8 (botocore cannot read it either); sts-cli left it untouched.',
    });
  }
}

/** Parses `text` read from `path`; a syntax error becomes a FileError naming the line. */
export function parseIniFile(path: string, text: string): IniDocument {
  try {
    return parseIni(text);
  } catch (error) {
    if (!(error instanceof IniSyntaxError)) throw error;
    throw new FileError(path, `Cannot parse ${path}, line ${error.line}: ${error.reason}.`, {
      cause: error,
      hint: 'Fix that line (the AWS CLI cannot read the file either); sts-cli left the file untouched.',
    });
  }
}

/** Reads and parses an INI file; undefined when it does not exist. */
export async function readIniFile(path: string): Promise<IniDocument | undefined> {
  const text = await readTextFile(path);
  return text === undefined ? undefined : parseIniFile(path, text);
}

/** Section name → lower-cased key → value. A missing file is an empty map. Throws FileError (exit 5) when unreadable or unparseable. */
export async function readProfiles(path: string): Promise<Map<string, Record<string, string>>> {
  const doc = await readIniFile(path);
  return doc ? iniSections(doc) : new Map();
}
