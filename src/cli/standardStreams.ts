// What the CLI prints, written straight to file descriptors 1 and 2 (SPEC §6 speed): for a pipe
// (how an SDK or `$(…)` reads us) process.stdout and process.stderr are node:net sockets, and
// creating the first loads node:net and its streams, about 1.5 ms at every start, for one write.
// A blocking descriptor takes the whole text at once, as the socket would have. When the descriptor
// refuses (EAGAIN: a parent left it non-blocking; EPIPE: the reader left; anything unusual), the
// rest and every later write go through the stream, which waits for the reader, keeps the order
// and reports what went wrong as it always did.
import { fstatSync, writeSync } from 'node:fs';

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

type Writer = (text: string) => void;

function descriptorWriter(fd: number, stream: () => NodeJS.WriteStream): Writer {
  let streaming = false;
  return (text) => {
    if (streaming) {
      stream().write(text);
      return;
    }
    let written = 0;
    try {
      // The string itself first: node encodes it without a Buffer of ours (the mock's log writes
      // thousands of lines a second). Only a short write needs its bytes, to go on from there.
      written = writeSync(fd, text);
      if (written === Buffer.byteLength(text, 'utf8')) return;
      const bytes = Buffer.from(text, 'utf8');
      while (written < bytes.length) written += writeSync(fd, bytes, written);
    } catch {
      streaming = true;
      stream().write(written === 0 ? text : Buffer.from(text, 'utf8').subarray(written));
    }
  };
}

/** Writes `text` to stdout. */
export const writeStdout: Writer = descriptorWriter(1, stdout);

/** Writes `text` to stderr. */
export const writeStderr: Writer = descriptorWriter(2, stderr);

/**
 * Whether stdout (1) or stderr (2) is a terminal. A pipe or a file is not even a character device,
 * which fstat tells without creating the stream (a terminal's is asked: /dev/null is one too).
 */
export function isTerminal(fd: 1 | 2): boolean {
  try {
    if (!fstatSync(fd).isCharacterDevice()) return false;
  } catch {
    return false;
  }
  return Boolean((fd === 1 ? stdout() : stderr()).isTTY);
}
