// sts-cli exec: runs a command with a profile's credentials in its environment, forwards signals
// to it and exits with its exit code (128 + signal number when a signal ended it, as shells do).
import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import { UsageError } from '../../errors.js';
import type { CliContext } from '../context.js';
import type { ExecInput } from '../inputs.js';
import { profileName, readStoredProfile } from '../storedProfile.js';
import { isoSeconds } from '../../credentials/isoSeconds.js';

const FORWARDED = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT', 'SIGUSR1', 'SIGUSR2'] as const;

/** ECS_AUTH_TOKEN and every STS_CLI_* variable (the mock's keys, its ECS token, …). */
export function isOwnSecretVariable(name: string): boolean {
  return name === 'ECS_AUTH_TOKEN' || name.startsWith('STS_CLI_');
}

export function childEnvironment(env: NodeJS.ProcessEnv, profile: Awaited<ReturnType<typeof readStoredProfile>>): NodeJS.ProcessEnv {
  const child: NodeJS.ProcessEnv = { ...env };
  // botocore ignores AWS_* keys when a profile is named; stale tokens would pair with the wrong keys.
  for (const name of ['AWS_PROFILE', 'AWS_DEFAULT_PROFILE', 'AWS_SESSION_TOKEN', 'AWS_SECURITY_TOKEN', 'AWS_CREDENTIAL_EXPIRATION']) delete child[name];
  // sts-cli's own secrets are for sts-cli, not for the command it runs (SPEC §11).
  for (const name of Object.keys(child)) if (isOwnSecretVariable(name)) delete child[name];
  child.AWS_ACCESS_KEY_ID = profile.credentials.accessKeyId;
  child.AWS_SECRET_ACCESS_KEY = profile.credentials.secretAccessKey;
  if (profile.credentials.sessionToken) child.AWS_SESSION_TOKEN = profile.credentials.sessionToken;
  if (profile.credentials.expiration) child.AWS_CREDENTIAL_EXPIRATION = isoSeconds(profile.credentials.expiration);
  if (profile.region && !child.AWS_REGION && !child.AWS_DEFAULT_REGION) {
    child.AWS_REGION = profile.region;
    child.AWS_DEFAULT_REGION = profile.region;
  }
  child.STS_CLI_PROFILE = profile.name;
  return child;
}

export async function run(input: ExecInput, ctx: CliContext, args: string[]): Promise<number> {
  const [command, ...rest] = args;
  if (!command) throw new UsageError('exec needs a command to run: sts-cli exec --profile NAME -- command args…');
  const profile = await readStoredProfile(profileName(input.profile, ctx), ctx);
  // Handlers first: a signal that arrives while the child starts must reach it, not kill us.
  let child: ReturnType<typeof spawn> | undefined;
  const pending: NodeJS.Signals[] = [];
  const forward = (signal: NodeJS.Signals) => () => (child ? child.kill(signal) : pending.push(signal));
  const handlers = FORWARDED.map((signal) => [signal, forward(signal)] as const);
  for (const [signal, handler] of handlers) process.on(signal, handler);
  child = spawn(command, rest, { stdio: 'inherit', env: childEnvironment(ctx.env, profile) });
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
