// --web-identity-token-process CMD and a profile's web_identity_token_process: a command whose
// stdout is the token (Buildkite's `buildkite-agent oidc request-token`, or anything else). Run by
// the shell, as aws-vault runs it, so pipes and quoting work as typed; its stderr passes through;
// it gets no stdin; it is stopped (with everything it started) after the timeout.
import { spawn } from 'node:child_process';
import { basename } from 'node:path';
import { TokenSourceError } from '../errors.js';
import { seconds } from './seconds.js';

export interface TokenProcessOptions {
  command: string;
  /** How the user named it, for messages: `--web-identity-token-process`, `web_identity_token_process of profile ci`. */
  origin: string;
  env: NodeJS.ProcessEnv;
  timeoutMs: number;
  /** Largest stdout read (an OIDC token is at most 20000 characters); default 1 MiB. */
  limit?: number;
}

const DEFAULT_LIMIT = 1024 * 1024;

/**
 * The program the command runs, for messages: its first word that is not a variable assignment,
 * without its folder. Never the rest of the command line, which may carry a secret.
 */
export function programName(command: string): string {
  const word = command
    .trim()
    .split(/\s+/)
    .find((w) => !/^[A-Za-z_][A-Za-z0-9_]*=/.test(w));
  return word ? basename(word.replace(/^['"]|['"]$/g, '')) : 'the command';
}

/** The trimmed stdout of the command. Throws TokenSourceError (exit 3) when it fails, hangs, floods or prints nothing. */
export function runTokenProcess(options: TokenProcessOptions): Promise<string> {
  const { origin } = options;
  const name = `The token process ${programName(options.command)} (${origin})`;
  const limit = options.limit ?? DEFAULT_LIMIT;
  const group = process.platform !== 'win32';
  return new Promise((resolve, reject) => {
    // Its own process group, so that a timeout stops what the shell started too.
    const child = spawn(options.command, { shell: true, env: options.env, stdio: ['ignore', 'pipe', 'inherit'], detached: group, windowsHide: true });
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const stop = () => {
      try {
        if (group && child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
        else child.kill('SIGKILL');
      } catch {
        // Already gone.
      }
    };
    // Ctrl-C or a TERM while it runs stops it too: it is in a process group of its own.
    const onSignal = (signal: NodeJS.Signals) => {
      stop();
      process.kill(process.pid, signal);
    };
    const finish = (error: TokenSourceError | undefined, token?: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      process.off('SIGINT', onSignal).off('SIGTERM', onSignal);
      if (error) {
        stop();
        child.stdout?.destroy();
        reject(error);
      } else resolve(token!);
    };
    process.once('SIGINT', onSignal).once('SIGTERM', onSignal);
    const timer = setTimeout(() => {
      finish(
        new TokenSourceError(origin, `${name} did not finish within ${seconds(options.timeoutMs)}, so sts-cli stopped it.`, {
          hint: 'Check that the command does not wait for input, or raise --timeout.',
        }),
      );
    }, options.timeoutMs);
    child.stdout!.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        finish(
          new TokenSourceError(origin, `${name} printed more than ${limit / 1024} KiB on stdout; a token is far smaller, so sts-cli stopped it.`, {
            hint: 'Make it print only the token.',
          }),
        );
        return;
      }
      chunks.push(chunk);
    });
    child.once('error', (error: NodeJS.ErrnoException) => {
      finish(new TokenSourceError(origin, `${name} could not be started (${error.code ?? 'error'}).`, { hint: 'Check the command and the shell (/bin/sh).' }));
    });
    // 'close': the process has exited and its stdout is drained.
    child.once('close', (code, signal) => {
      if (signal !== null) {
        finish(new TokenSourceError(origin, `${name} was ended by ${signal}.`, { hint: 'Its own messages, if any, are above on stderr.' }));
        return;
      }
      if (code !== 0) {
        const hint = code === 127 ? 'The shell found no such command: check its name and PATH.' : 'Its own messages, if any, are above on stderr.';
        finish(new TokenSourceError(origin, `${name} exited with code ${code}.`, { hint }));
        return;
      }
      const token = Buffer.concat(chunks).toString('utf8').trim();
      if (token === '') {
        finish(new TokenSourceError(origin, `${name} printed no token on stdout.`, { hint: 'Make it print the token (and nothing else) on stdout.' }));
        return;
      }
      finish(undefined, token);
    });
  });
}
