// Turns a failed file operation into a FileError (exit 5) with one sentence that names the
// path and says what to do. Never includes file contents.
import { FileError } from '../errors.js';

/** What was being done, for the message: "read", "write", "lock", "use" (read now, write later: a cache entry). */
export type FileAction = 'read' | 'write' | 'lock' | 'use';

export function toFileError(path: string, action: FileAction, error: unknown): FileError {
  if (error instanceof FileError) return error;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return new FileError(path, `Cannot ${action} ${path}: permission denied.`, {
        cause: error,
        hint: `Check the owner and mode of the file and its folder, or point AWS_SHARED_CREDENTIALS_FILE elsewhere.`,
      });
    case 'ENOTDIR':
      return new FileError(path, `Cannot ${action} ${path}: a part of its folder path is a file, not a folder.`, {
        cause: error,
        hint: 'Fix the path or move that file away.',
      });
    case 'EISDIR':
      return new FileError(path, `Cannot ${action} ${path}: it is a folder, not a file.`, { cause: error, hint: 'Point the variable at a file.' });
    case 'EROFS':
      return new FileError(path, `Cannot ${action} ${path}: the file system is read-only.`, {
        cause: error,
        hint: 'Point AWS_SHARED_CREDENTIALS_FILE at a writable place.',
      });
    case 'ENOSPC':
    case 'EDQUOT':
      return new FileError(path, `Cannot ${action} ${path}: the disk is full.`, {
        cause: error,
        hint: 'Free some space and try again; the file was left as it was.',
      });
    case 'ELOOP':
      return new FileError(path, `Cannot ${action} ${path}: too many symbolic links.`, { cause: error, hint: 'Fix the symbolic link loop.' });
    default:
      return new FileError(path, `Cannot ${action} ${path}${code ? ` (${code})` : ''}.`, {
        cause: error,
        hint: 'Check the file and its folder, then try again; the file was left as it was.',
      });
  }
}
