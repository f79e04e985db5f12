// process.stdout and process.stderr, created at their first use rather than at start-up: for a
// pipe (how an SDK or `$(…)` reads us) creating either loads node:net and builds a socket, about
// 1.5 ms, which a command that prints nothing (`exec … -- true`) never needs (SPEC §6 speed).
let stdoutGuarded = false;

/** process.stdout; `sts-cli … | head` closing it early is the reader's choice, not an error to report. */
export function stdout(): NodeJS.WriteStream {
  if (!stdoutGuarded) {
    stdoutGuarded = true;
    process.stdout.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw error;
    });
  }
  return process.stdout;
}

/** process.stderr. */
export function stderr(): NodeJS.WriteStream {
  return process.stderr;
}
