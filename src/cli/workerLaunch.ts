// How `serve --workers N` starts its workers (SPEC §11): the primary's arguments without any
// secret flag, and the secrets in the environment, which other local users cannot read in /proc
// as they can a command line.

/** serve's secret flags and the variable each travels in to a worker. */
export const WORKER_SECRETS = {
  '--signing-key': 'STS_CLI_SIGNING_KEY',
  '--secret-key': 'STS_CLI_SECRET_KEY',
  '--auth-token': 'STS_CLI_AUTH_TOKEN',
  '--control-token': 'STS_CLI_CONTROL_TOKEN',
} as const;

export type WorkerSecretFlag = keyof typeof WORKER_SECRETS;

/** `args` (what follows `node bin`) without the secret flags and their values, in either form (`--flag v`, `--flag=v`). */
export function argsWithoutSecrets(args: readonly string[]): string[] {
  const kept: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') {
      kept.push(...args.slice(i));
      break;
    }
    if (Object.hasOwn(WORKER_SECRETS, arg)) {
      i++; // its value
      continue;
    }
    const eq = arg.indexOf('=');
    if (eq !== -1 && Object.hasOwn(WORKER_SECRETS, arg.slice(0, eq))) continue;
    kept.push(arg);
  }
  return kept;
}

/** The environment a worker gets on top of the primary's: each secret the primary resolved, under its variable. */
export function secretsEnvironment(secrets: Partial<Record<WorkerSecretFlag, string | undefined>>): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [flag, variable] of Object.entries(WORKER_SECRETS)) {
    const value = secrets[flag as WorkerSecretFlag];
    if (value !== undefined) env[variable] = value;
  }
  return env;
}
