// sts-cli exec [PROFILE] -- cmd: runs a command with a profile's credentials in its environment (a
// role profile assumed through the cache, stored keys as they are), or with --server served to it
// from a loopback endpoint (execServer.ts); signals and the exit code pass through (runChild.ts).
import { isoSeconds } from '../../credentials/isoSeconds.js';
import { UsageError } from '../../errors.js';
import { isOwnSecretVariable } from '../../ownSecretVariables.js';
import type { CliContext } from '../context.js';
import type { ExecInput } from '../inputs.js';
import { runChild } from '../runChild.js';
import { type ProfileCredentials, profileToUse, readProfileCredentials } from '../session/profileCredentials.js';
import { sessionOptionsOf } from '../session/sessionOptions.js';

export function childEnvironment(env: NodeJS.ProcessEnv, profile: ProfileCredentials): NodeJS.ProcessEnv {
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

/** program.ts hands exec its operands as `[PROFILE?, '--', command, args…]`. */
function splitOperands(args: string[]): { profile?: string; command: string[] } {
  const dash = args.indexOf('--');
  const before = dash === -1 ? [] : args.slice(0, dash);
  const command = dash === -1 ? args : args.slice(dash + 1);
  if (before.length > 1) throw new UsageError(`exec takes one profile before --, not ${before.length}: sts-cli exec PROFILE -- COMMAND [ARGS]`);
  return { ...(before[0] !== undefined ? { profile: before[0] } : {}), command };
}

export async function run(input: ExecInput, ctx: CliContext, args: string[]): Promise<number> {
  const operands = splitOperands(args);
  const [command, ...rest] = operands.command;
  if (!command) throw new UsageError('exec needs a command to run: sts-cli exec PROFILE -- COMMAND [ARGS]');
  const options = sessionOptionsOf(input, ctx);
  const { name, how } = profileToUse(operands.profile, input.profile, ctx);
  if (input.server) {
    // SPEC §8: the credentials are served to the child, renewed before they expire, never copied into its environment.
    const { runServed } = await import('../execServer.js');
    return runServed(name, command, rest, ctx, options);
  }
  const profile = await readProfileCredentials(name, how, ctx, options);
  return runChild(command, rest, childEnvironment(ctx.env, profile), ctx);
}
