// sts-cli exec [PROFILE] -- cmd: runs a command with a profile's credentials in its environment (a
// role profile assumed through the cache, stored keys as they are), forwards signals to it and
// exits with its exit code (128 + signal number when a signal ended it, as shells do).
// exec --server (SPEC §8) is not wired yet: its endpoint (src/containerEndpoint, branch c1-server)
// will serve a `renewable` profile, renewing with readProfileCredentials(…, { cache: 'refresh' }).
import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import { isoSeconds } from '../../credentials/isoSeconds.js';
import { UsageError } from '../../errors.js';
import type { CliContext } from '../context.js';
import type { ExecInput } from '../inputs.js';
import { type ProfileCredentials, profileToUse, readProfileCredentials } from '../session/profileCredentials.js';
import { sessionOptionsOf } from '../session/sessionOptions.js';

const FORWARDED = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT', 'SIGUSR1', 'SIGUSR2'] as const;

export function childEnvironment(env: NodeJS.ProcessEnv, profile: ProfileCredentials): NodeJS.ProcessEnv {
  const child: NodeJS.ProcessEnv = { ...env };
  // botocore ignores AWS_* keys when a profile is named; stale tokens would pair with the wrong keys.
  for (const name of ['AWS_PROFILE', 'AWS_DEFAULT_PROFILE', 'AWS_SESSION_TOKEN', 'AWS_SECURITY_TOKEN', 'AWS_CREDENTIAL_EXPIRATION']) delete child[name];
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

/** program.ts hands exec its operands as `[PROFILE?, '--', command, args…]`. */
function splitOperands(args: string[]): { profile?: string; command: string[] } {
  const dash = args.indexOf('--');
  const before = dash === -1 ? [] : args.slice(0, dash);
  const command = dash === -1 ? args : args.slice(dash + 1);
  if (before.length > 1) throw new UsageError(`exec takes one profile before --, not ${before.length}: sts-cli exec PROFILE -- command args…`);
  return { ...(before[0] !== undefined ? { profile: before[0] } : {}), command };
}

export async function run(input: ExecInput, ctx: CliContext, args: string[]): Promise<number> {
  const operands = splitOperands(args);
  const [command, ...rest] = operands.command;
  if (!command) throw new UsageError('exec needs a command to run: sts-cli exec PROFILE -- command args…');
  const options = sessionOptionsOf(input, ctx);
  const { name, how } = profileToUse(operands.profile, input.profile, ctx);
  const profile = await readProfileCredentials(name, how, ctx, options);
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
