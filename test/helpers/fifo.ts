// FIFOs for tests of "refused without blocking" (SPEC §11). A reader stuck in open() on a FIFO
// (what the old code did) is released by `releaseFifos()`, so a failing test cannot hang its worker.
import { execFileSync } from 'node:child_process';
import { closeSync, constants, openSync } from 'node:fs';

const made: string[] = [];

/** Creates a FIFO at `path` and returns the path. */
export function fifo(path: string): string {
  execFileSync('mkfifo', [path]);
  made.push(path);
  return path;
}

/** Call in afterEach: opens each FIFO for writing, which gives a blocked reader end-of-file. */
export function releaseFifos(): void {
  for (const path of made.splice(0)) {
    try {
      closeSync(openSync(path, constants.O_WRONLY | constants.O_NONBLOCK));
    } catch {
      // no reader waiting (ENXIO), or already removed
    }
  }
}
