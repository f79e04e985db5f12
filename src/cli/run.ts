// The single error boundary: every error thrown below reaches here, is printed as one or two
// sentences (the stack only with --debug) and becomes the exit code of SPEC §4.
import { ExitCode, isStsCliError, StsServiceError } from '../errors.js';
import { serviceHint } from './serviceHints.js';
import type { Output } from './output.js';

export async function runAction(out: Output, action: () => Promise<number | void>): Promise<number> {
  try {
    return (await action()) ?? ExitCode.ok;
  } catch (error) {
    return reportError(out, error);
  }
}

export function reportError(out: Output, error: unknown): number {
  if (isStsCliError(error)) {
    const hint = error instanceof StsServiceError && !error.hint ? serviceHint(error.serviceCode) : undefined;
    out.error(error, out.debugEnabled, hint);
    return error.exitCode;
  }
  const err = error instanceof Error ? error : new Error(String(error));
  const code = (err as NodeJS.ErrnoException).code;
  // Local I/O failures that escaped a module: still a file problem (exit 5), not a crash.
  if (code && ['EACCES', 'EPERM', 'ENOENT', 'EISDIR', 'ENOSPC', 'EROFS', 'ENOTDIR'].includes(code)) {
    out.error(new Error(`${err.message}.`), out.debugEnabled);
    return ExitCode.file;
  }
  out.error(new Error(`unexpected error: ${err.message} (run with --debug for details)`), out.debugEnabled);
  return ExitCode.service;
}
