// Refuses files another local user could steer (SPEC §11), as OpenSSH's safe_path() refuses keys:
// the file, after its symbolic links, must be a regular file owned by the user or root and not
// writable by group or others, and so must every folder from it up to the home folder or `/`,
// including each folder that holds a symbolic link on the way. One exception, which OpenSSH does
// not make: a folder ABOVE the file's own may be writable by others when it has the sticky bit and
// belongs to root or the user (/tmp): there nobody else can rename or remove our folder, so the path
// cannot be redirected. The file's own folder gets no exception: there a neighbour could plant the
// file before it exists, its lock or a cache entry.
// The checks and reads are synchronous: they run at the start of nearly every command (SPEC §6
// speed), where nothing else waits, and the first asynchronous fs call starts libuv's four threads
// (about 2 ms; more on a loaded machine), each later one a round trip to them.
import { closeSync, constants, fstatSync, lstatSync, mkdirSync, openSync, readFileSync, readlinkSync, realpathSync, type Stats } from 'node:fs';
import { type FileHandle, open } from 'node:fs/promises';
import { homedir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { FileError, UnsafeFileError } from '../errors.js';
import { type FileAction, toFileError } from './fileError.js';

export interface SafeFileOptions {
  /** For messages, and: unless "read", the folders must be safe even when the file does not exist yet. */
  action?: FileAction;
  /** Create missing folders (0700) on the way to the file. */
  create?: boolean;
  /** A cache entry: one that is not a regular file of the user's own is `ignored`, not refused. */
  entry?: boolean;
  /** Where the walk up the folders stops (after checking it); default: the home folder. */
  home?: string;
  /** Whose files these are; default: process.getuid(). */
  uid?: number;
}

export interface SafeFile {
  /** The file's real path (symbolic links followed): read and replace this one. */
  target: string;
  /** lstat of the target, when it exists and may be used. */
  stats?: Stats;
  /** Why an entry was passed over (only with `entry`). */
  ignored?: string;
}

interface Walk {
  path: string;
  action: FileAction;
  uid: number | undefined;
  homes: Set<string>;
  target?: string;
}

const MAX_LINKS = 40;
const STICKY = 0o1000; // S_ISVTX
const NO_FOLLOW = constants.O_NOFOLLOW ?? 0;
const NO_BLOCK = constants.O_NONBLOCK ?? 0;
const NO_TTY = constants.O_NOCTTY ?? 0;

const mode = (st: Stats) => (st.mode & 0o7777).toString(8).padStart(4, '0');
const quote = (p: string) => (/^[\w./@%+=:,-]+$/.test(p) ? p : `'${p.replaceAll("'", `'\\''`)}'`);
const errno = (code: string, message: string) => Object.assign(new Error(message), { code });

function subject(walk: Walk): string {
  return walk.target && walk.target !== resolve(walk.path) ? `${walk.path} (which leads to ${walk.target})` : walk.path;
}

function unsafe(walk: Walk, reason: string, hint: string): UnsafeFileError {
  return new UnsafeFileError(walk.path, `Refusing to ${walk.action} ${subject(walk)}: ${reason}.`, { hint: `${hint}; sts-cli left it untouched.` });
}

function writableHint(path: string, st: Stats, walk: Walk): string {
  const fixable = st.uid === walk.uid && (st.mode & STICKY) === 0;
  return fixable ? `If nobody else should change it, run \`chmod go-w ${quote(path)}\`` : 'Keep the file in a folder that only you (or root) can write';
}

/** What a non-regular file is, for the message; undefined for a regular file or a folder. */
function kindOf(st: Stats): string | undefined {
  if (st.isFIFO()) return 'a FIFO';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isSocket()) return 'a socket';
  if (st.isSymbolicLink()) return 'a symbolic link';
  return undefined;
}

function notRegular(path: string, action: FileAction, kind: string): FileError {
  return new FileError(path, `Cannot ${action} ${path}: it is ${kind}, not a regular file.`, {
    hint: 'sts-cli only reads and writes regular files; point it at one (this one was left untouched).',
  });
}

function assertFolder(dir: string, st: Stats, own: boolean, walk: Walk): void {
  if (walk.uid === undefined) return; // no POSIX owners (Windows)
  if (st.uid !== walk.uid && st.uid !== 0) {
    throw unsafe(walk, `the folder ${dir} belongs to another user (uid ${st.uid})`, 'Keep the file in a folder of your own');
  }
  const sticky = (st.mode & STICKY) !== 0;
  if ((st.mode & 0o022) !== 0 && (own || !sticky)) {
    throw unsafe(walk, `the folder ${dir} can be written by other users (mode ${mode(st)})`, writableHint(dir, st, walk));
  }
}

// Up from `dir` (lexically, so that a folder holding a symbolic link is checked too) to the home
// folder or `/`; a symbolic link among them is also checked along its real path.
function checkFolders(dir: string, own: boolean, walk: Walk): void {
  for (let d = dir, first = own; ; d = dirname(d), first = false) {
    const st = lstatSync(d);
    if (st.isSymbolicLink()) checkFolders(realpath(d), first, walk);
    else assertFolder(d, st, first, walk);
    if (walk.homes.has(d) || d === dirname(d)) return;
  }
}

// fs.realpath's native form (realpath(3)), as fs/promises' realpath is.
const realpath = (path: string) => realpathSync.native(path);

function homesOf(home: string): Set<string> {
  const homes = new Set([resolve(home)]);
  try {
    homes.add(realpath(home));
  } catch {
    // A missing home folder: the walk stops at `/`.
  }
  return homes;
}

const missing = (error: unknown) => (error as NodeJS.ErrnoException).code === 'ENOENT';

function lstatIfAny(path: string): Stats | undefined {
  try {
    return lstatSync(path);
  } catch (error) {
    if (missing(error)) return undefined;
    throw error;
  }
}

function realFolder(dir: string, create: boolean): string | undefined {
  try {
    return realpath(dir);
  } catch (error) {
    if (!missing(error)) throw error;
    if (!create) return undefined;
  }
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  return realpath(dir);
}

function checkFile(target: string, st: Stats, walk: Walk, entry: boolean): SafeFile {
  const kind = st.isDirectory() ? 'a folder' : kindOf(st);
  const foreign = walk.uid !== undefined && (entry ? st.uid !== walk.uid : st.uid !== walk.uid && st.uid !== 0);
  const writable = walk.uid !== undefined && (st.mode & 0o022) !== 0;
  if (entry && (kind || foreign || writable)) return { target, ignored: kind ?? (foreign ? `owned by uid ${st.uid}` : `mode ${mode(st)}`) };
  if (st.isDirectory()) throw toFileError(walk.path, walk.action, errno('EISDIR', 'is a folder'));
  if (kind) throw notRegular(walk.path, walk.action, kind);
  if (foreign) throw unsafe(walk, `it belongs to another user (uid ${st.uid})`, 'Move it away, or point sts-cli at a file of your own');
  if (writable) throw unsafe(walk, `it can be written by other users (mode ${mode(st)})`, `${writableHint(target, st, walk)} after checking what it holds`);
  return { target, stats: st };
}

/**
 * Follows `path`'s symbolic links and checks the file and its folders (see the top of this file).
 * Returns the real path and, when the file exists, its lstat. A missing file is fine; when
 * `action` is not "read" its folders must be safe all the same. Throws UnsafeFileError (exit 5)
 * for what another user could steer, FileError for a FIFO, device, socket or folder: nothing is
 * ever opened here, so nothing blocks.
 */
export async function checkSafeFile(path: string, options: SafeFileOptions = {}): Promise<SafeFile> {
  const walk: Walk = { path, action: options.action ?? 'read', uid: options.uid ?? process.getuid?.(), homes: homesOf(options.home ?? homedir()) };
  try {
    let current = resolve(path);
    for (let hops = 0; hops <= MAX_LINKS; hops++) {
      const dir = dirname(current);
      const realDir = realFolder(dir, options.create === true);
      if (realDir === undefined) return { target: current };
      const target = join(realDir, basename(current));
      walk.target = target;
      const st = lstatIfAny(target);
      if (st === undefined && walk.action === 'read') return { target };
      checkFolders(dir, true, walk);
      if (st === undefined) return { target };
      if (!st.isSymbolicLink()) return checkFile(target, st, walk, options.entry === true);
      if (options.entry) return { target, ignored: 'a symbolic link' };
      current = resolve(realDir, readlinkSync(target));
    }
    throw errno('ELOOP', 'too many symbolic links');
  } catch (error) {
    throw toFileError(path, walk.action, error);
  }
}

const READ_ONLY = constants.O_RDONLY | NO_FOLLOW | NO_BLOCK | NO_TTY;

function refuseOpen(path: string, action: FileAction, error: unknown): never {
  if ((error as NodeJS.ErrnoException).code === 'ELOOP' && NO_FOLLOW !== 0) throw notRegular(path, action, 'a symbolic link');
  throw error;
}

function notAFile(path: string, action: FileAction, stats: Stats): FileError {
  if (stats.isDirectory()) return toFileError(path, action, errno('EISDIR', 'is a folder'));
  return notRegular(path, action, kindOf(stats) ?? 'not a file');
}

/**
 * Opens `path` to read without following a final symbolic link and without blocking on a FIFO,
 * and refuses (FileError, exit 5) anything but a regular file. Other fs errors (ENOENT) are thrown raw.
 */
export async function openRegularFile(path: string, action: FileAction): Promise<{ handle: FileHandle; stats: Stats }> {
  let handle: FileHandle;
  try {
    handle = await open(path, READ_ONLY);
  } catch (error) {
    refuseOpen(path, action, error);
  }
  const stats = await handle.stat();
  if (stats.isFile()) return { handle, stats };
  await handle.close();
  throw notAFile(path, action, stats);
}

/** The bytes of `path`, opened as openRegularFile opens it (the same refusals), and its fstat: what was read. */
export function readRegularFile(path: string, action: FileAction): { bytes: Buffer; stats: Stats } {
  let fd: number;
  try {
    fd = openSync(path, READ_ONLY);
  } catch (error) {
    refuseOpen(path, action, error);
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) throw notAFile(path, action, stats);
    return { bytes: readFileSync(fd), stats };
  } finally {
    closeSync(fd);
  }
}
