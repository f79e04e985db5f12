// Starts the BUILT `sts-cli serve` (npm test builds first) on a free port and stops it afterwards.
import { type ChildProcess, spawn } from 'node:child_process';
import { BIN } from './cli.js';

export interface Served {
  url: string;
  child: ChildProcess;
  /** What it wrote on stderr so far. */
  stderr(): string;
  /** SIGTERM, then its exit code. */
  stop(): Promise<number | null>;
}

/** `sts-cli serve --port 0 …args`; resolves once it printed its URL. */
export function serve(args: string[] = [], env: NodeJS.ProcessEnv = { PATH: process.env.PATH, NO_COLOR: '1' }): Promise<Served> {
  const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (d: string) => {
    if (stderr.length < 1_000_000) stderr += d;
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      if (!out.includes('\n')) return;
      resolve({
        url: out.split('\n')[0]!,
        child,
        stderr: () => stderr,
        stop: async () => {
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
          return exited;
        },
      });
    });
    child.once('exit', (code) => reject(new Error(`serve exited ${code}: ${stderr}`)));
  });
}
