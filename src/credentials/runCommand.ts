// Runs a profile's credential_process as botocore does: the command
// line split as POSIX shlex splits it, run without a shell, standard input and error the user's
// own (so a process may prompt), standard output read. Unlike botocore, with a time limit and a
// bound on what it may print. The I/O edge of readCredentialProcess.
import { CredentialProcessError, ProfileConfigError } from '../errors.js';
import { shlexSplit } from './profileMap.js';
import { quoteProfileName } from './profileName.js';

export interface CommandRun {
  /** The profile whose `key` holds the command. */
  profile: string;
  key: 'credential_process';
  command: string;
  env: NodeJS.ProcessEnv;
  timeoutMs: number;
}

/** Two minutes: room for a process that asks its user for an MFA code. */
export const COMMAND_TIMEOUT_MS = 120_000;
const MAX_OUTPUT = 1024 * 1024;

/** `credential_process of profile "dev"`, for messages. */
export function commandOrigin(run: Pick<CommandRun, 'profile' | 'key'>): string {
  return `${run.key} of profile ${quoteProfileName(run.profile)}`;
}

function words(run: CommandRun): string[] {
  const argv = shlexSplit(run.command);
  if (!argv?.length) {
    throw new ProfileConfigError(run.profile, run.key, `The ${commandOrigin(run)} cannot be split into words: a quote is left open.`, {
      hint: `Close the quote in ${run.key}, as a POSIX shell would read the line.`,
    });
  }
  return argv;
}

/** The command's standard output. Throws CredentialProcessError (exit 3) when it cannot start, fails, times out or prints over 1 MiB. */
export async function runCommand(run: CommandRun): Promise<string> {
  const [program, ...args] = words(run);
  const what = commandOrigin(run);
  // Loaded here: planning a profile (env, exec, list from the cache) never runs a command.
  const { spawn } = await import('node:child_process');
  return new Promise((resolve, reject) => {
    const child = spawn(program!, args, { env: run.env, stdio: ['inherit', 'pipe', 'inherit'] });
    const chunks: Buffer[] = [];
    let size = 0;
    let failure: CredentialProcessError | undefined;
    const stop = (error: CredentialProcessError) => {
      failure ??= error;
      child.kill('SIGKILL');
    };
    const timer = setTimeout(
      () => stop(new CredentialProcessError(run.profile, `The ${what} did not finish within ${run.timeoutMs / 1000} seconds.`)),
      run.timeoutMs,
    );
    child.stdout.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_OUTPUT) stop(new CredentialProcessError(run.profile, `The ${what} printed more than 1 MiB, which is no credentials.`));
      else chunks.push(chunk);
    });
    child.once('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      const why = error.code === 'ENOENT' ? `"${program}" was not found` : error.code === 'EACCES' ? `"${program}" may not be run` : (error.code ?? 'error');
      reject(
        new CredentialProcessError(run.profile, `The ${what} could not be started: ${why}.`, {
          cause: error,
          hint: `Check the program named in ${run.key} (it is run without a shell, found on PATH).`,
        }),
      );
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      if (failure) return reject(failure);
      if (code !== 0) {
        const how = signal ? `was ended by ${signal}` : `exited with code ${code}`;
        return reject(
          new CredentialProcessError(run.profile, `The ${what} ${how}.`, { hint: `Its own messages, if any, are above; run it yourself to see why.` }),
        );
      }
      resolve(Buffer.concat(chunks).toString('utf8'));
    });
  });
}
