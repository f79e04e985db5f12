// Runs exec's command: stdio inherited, the signals a terminal or a supervisor sends forwarded to
// it, and its exit code returned (128 + signal number when a signal ended it, as shells do; 127
// when it does not exist, 126 when it cannot be run).
import type { ChildProcess } from 'node:child_process';
import { constants } from 'node:os';
import type { CliContext } from './context.js';

const FORWARDED = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT', 'SIGUSR1', 'SIGUSR2'] as const;

/** Runs `command` with `args` in environment `env` until it exits; the exit code to exit with. */
export async function runChild(command: string, args: string[], env: NodeJS.ProcessEnv, ctx: CliContext): Promise<number> {
  // Loaded here: node:child_process costs the start of every other command (SPEC §6 speed).
  const { spawn } = await import('node:child_process');
  // Handlers first: a signal that arrives while the child starts must reach it, not kill us.
  let child: ChildProcess | undefined;
  const pending: NodeJS.Signals[] = [];
  const forward = (signal: NodeJS.Signals) => () => (child ? child.kill(signal) : pending.push(signal));
  const handlers = FORWARDED.map((signal) => [signal, forward(signal)] as const);
  for (const [signal, handler] of handlers) process.on(signal, handler);
  child = spawn(command, args, { stdio: 'inherit', env });
  for (const signal of pending) child.kill(signal);
  const started = child;
  try {
    return await new Promise<number>((resolve, reject) => {
      started.once('error', (error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') {
          ctx.out.error(new Error(`command not found: ${command}`), false);
          resolve(127);
        } else if (error.code === 'EACCES') {
          ctx.out.error(new Error(`permission denied: ${command}`), false);
          resolve(126);
        } else reject(error);
      });
      started.once('exit', (code, signal) => {
        resolve(code ?? 128 + (signal ? (constants.signals[signal] ?? 0) : 0));
      });
    });
  } finally {
    for (const [signal, handler] of handlers) process.off(signal, handler);
  }
}
