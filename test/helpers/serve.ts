// `sts-cli serve` as a child process for one test: its URL (the first stdout line), its stderr,
// and a stop that always runs (call stopAll from afterEach/afterAll).
import { type ChildProcess, spawn } from 'node:child_process';
import { BIN } from './cli.js';

export interface Served {
  child: ChildProcess;
  url: Promise<string>;
  exited: Promise<number | null>;
  stderr(): string;
}

const running: ChildProcess[] = [];

export function startServe(args: string[], env: NodeJS.ProcessEnv): Served {
  const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  running.push(child);
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const url = new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      if (out.includes('\n')) resolve(out.split('\n')[0]!);
    });
    child.once('exit', (code) => reject(new Error(`serve exited ${code}: ${stderr}`)));
  });
  url.catch(() => undefined);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, url, exited, stderr: () => stderr };
}

/** Kills every server started here that still runs. */
export function stopAll(): void {
  for (const child of running.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
}
