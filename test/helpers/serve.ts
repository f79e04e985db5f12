// Starts the BUILT `sts-cli serve` as a user would, waits for the URL it prints first, and stops it
// (every process a test started is stopped by stopAll(), even when an assertion failed midway).
import { type ChildProcess, spawn } from 'node:child_process';
import { BIN } from './cli.js';

export interface ServeProcess {
  child: ChildProcess;
  /** The first line of stdout: the base URL. Rejects when serve exits first. */
  url: Promise<string>;
  exited: Promise<number | null>;
  stdout(): string;
  stderr(): string;
  /** SIGTERM, then the exit code. */
  stop(): Promise<number | null>;
  /** Resolves with the first match of `pattern` in stderr, once it has been written (stderr may lag the URL on stdout). */
  stderrMatch(pattern: RegExp, timeoutMs?: number): Promise<RegExpExecArray>;
}

const started: ChildProcess[] = [];

export function startServe(args: string[], env: NodeJS.ProcessEnv): ServeProcess {
  const child = spawn(process.execPath, [BIN, 'serve', ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  started.push(child);
  let stdout = '';
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = new Promise<string>((resolve, reject) => {
    child.stdout!.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
      if (stdout.includes('\n')) resolve(stdout.split('\n')[0]!);
    });
    void exited.then((code) => reject(new Error(`serve exited ${code} before printing its URL: ${stderr}`)));
  });
  url.catch(() => undefined);
  return {
    child,
    url,
    exited,
    stdout: () => stdout,
    stderr: () => stderr,
    stderrMatch: async (pattern, timeoutMs = 10_000) => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const match = pattern.exec(stderr);
        if (match) return match;
        if (Date.now() > deadline || child.exitCode !== null) throw new Error(`serve wrote no ${pattern} on stderr: ${stderr}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    stop: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}

/** Kills whatever is still running; call in afterEach/afterAll. */
export function stopAll(): void {
  for (const child of started.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
}

export type Served = Omit<ServeProcess, 'url'> & { url: string };

/** `sts-cli serve --port 0 …args`, once it printed its URL (a loopback address and a free port unless `args` say otherwise). */
export async function serve(args: string[] = [], env: NodeJS.ProcessEnv = { PATH: process.env.PATH, NO_COLOR: '1' }): Promise<Served> {
  const started_ = startServe(['--port', '0', ...args], env);
  return { ...started_, url: await started_.url };
}
