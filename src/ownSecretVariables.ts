// sts-cli's own secrets in the environment: ECS_AUTH_TOKEN and every STS_CLI_* variable (the mock's
// keys, its ECS token, …). They are for sts-cli, never for a command it runs (SPEC §11).
export function isOwnSecretVariable(name: string): boolean {
  return name === 'ECS_AUTH_TOKEN' || name.startsWith('STS_CLI_');
}
