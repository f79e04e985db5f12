// Every command of sts-cli, declared with commander from the flag tables of inputs.ts. Declaring is
// cheap; each command's code is loaded by startCli.ts only when that command runs. The commands of
// the start-up fast path (fastParse.ts) come here only for argv the fast path leaves to commander.
import { Argument, Command } from 'commander';
import { execOperands, type Operands } from './commandOperands.js';
import { addFlags } from './declareFlags.js';
import { attributeName, type FlagSpec, readInput } from './flags.js';
import { COMMAND_FLAGS, type CommandInputs, type CommandName, GLOBAL_FLAGS } from './inputs.js';
import { version } from './version.js';

/** Runs a parsed command; `fromCommandLine` says which of its flags argv gave (not a default). */
export type RunCommand<Result = void> = <K extends CommandName>(
  name: K,
  input: CommandInputs[K],
  args: string[],
  fromCommandLine: (spec: FlagSpec) => boolean,
) => Promise<Result>;

function examples(lines: string[]): string {
  return `\nExamples:\n${lines.map((l) => `  $ ${l}`).join('\n')}`;
}

interface Declaration {
  description: string;
  after: string;
  /** Positional arguments and parsing rules beyond the flags. */
  extend?: (cmd: Command) => Command;
  /** The operands the command receives, from commander's and the raw argv (exec: where `--` was). */
  operands?: Operands;
}

const PROFILE_ARGUMENT = (cmd: Command) => cmd.argument('[profile]', 'a profile of the credentials or config file (as --profile)');

const DECLARATIONS: Record<CommandName, Declaration> = {
  assume: {
    description: 'assume a role (AssumeRole, signed with SigV4): a role profile of ~/.aws/config, or the flags',
    extend: (cmd) => cmd.argument('[profile]', 'a role profile of the config file: its role, source chain, region and endpoint (flags win)'),
    after: examples([
      'sts-cli assume dev',
      'sts-cli assume dev --duration 2h --format json',
      'sts-cli assume dev --profile dev-keys',
      'sts-cli assume --role-arn arn:aws:iam::123456789012:role/dev --profile dev',
      'sts-cli assume --role-arn arn:aws:iam::123456789012:role/ci --duration 1h --format json',
      'sts-cli assume --endpoint-url http://127.0.0.1:9000 --source-profile minio --policy file://policy.json --profile minio-tmp',
      'sts-cli assume --auth ecs-token --auth-token "$TOKEN" --endpoint-url https://ecs:4443 --role-arn urn:ecs:iam::ns:role/r --profile ecs',
      'eval "$(sts-cli assume --role-arn arn:aws:iam::123456789012:role/dev)"',
    ]),
  },
  'assume-web-identity': {
    description: 'assume a role with an OIDC token (AssumeRoleWithWebIdentity, unsigned)',
    after: examples([
      'sts-cli assume-web-identity --role-arn arn:aws:iam::123456789012:role/ci --web-identity-token-file /var/run/token --profile ci',
      'sts-cli assume-web-identity --oidc github --role-arn arn:aws:iam::123456789012:role/ci --profile ci   # GitHub Actions, permissions: id-token: write',
      'sts-cli assume-web-identity --web-identity-token-process "buildkite-agent oidc request-token --audience sts.amazonaws.com" --role-arn arn:aws:iam::123456789012:role/ci',
      'AWS_ROLE_ARN=arn:aws:iam::123456789012:role/ci AWS_WEB_IDENTITY_TOKEN_FILE=/var/run/token sts-cli assume-web-identity',
      'TOKEN=$(curl -s -X POST http://127.0.0.1:8900/oidc/token -d sub=ci); sts-cli assume-web-identity --endpoint-url http://127.0.0.1:8900 --role-arn arn:aws:iam::000000000000:role/ci --web-identity-token "$TOKEN"',
    ]),
  },
  env: {
    description: "print a profile's credentials as shell exports (a role profile is assumed, through the cache)",
    extend: PROFILE_ARGUMENT,
    after: examples([
      'eval "$(sts-cli env dev)"',
      'sts-cli env dev --format fish | source',
      'eval "$(sts-cli env --profile dev)"',
      'eval "$(sts-cli env --unset)"',
    ]),
  },
  exec: {
    description: "run a command with a profile's credentials in its environment (a role profile is assumed, through the cache)",
    after: examples([
      'sts-cli exec dev -- terraform plan',
      'sts-cli exec dev --server -- ./long-job.sh',
      'sts-cli exec dev --token-code 123456 -- aws s3 ls',
      'sts-cli exec --profile dev -- aws s3 ls',
    ]),
    extend: (cmd) => cmd.argument('<command...>', '[PROFILE] -- the command and its arguments'),
    operands: execOperands,
  },
  whoami: {
    description: "show who a profile's credentials belong to (GetCallerIdentity)",
    extend: PROFILE_ARGUMENT,
    after: examples(['sts-cli whoami dev', 'sts-cli whoami --profile dev', 'sts-cli whoami --format json | jq -r .Arn']),
  },
  'credential-process': {
    description: 'print credential_process JSON, assuming again only when the cache is near expiry',
    after:
      `\nIn ~/.aws/config:\n  [profile dev]\n  credential_process = sts-cli credential-process --role-arn arn:aws:iam::123456789012:role/dev --source-profile base\n` +
      examples([
        'sts-cli credential-process --role-arn arn:aws:iam::123456789012:role/dev --source-profile base',
        'sts-cli credential-process --oidc github --role-arn arn:aws:iam::123456789012:role/ci --duration 1h',
      ]),
  },
  serve: {
    description: 'run the mock STS',
    after:
      '\nThe --config file\'s fields: README "The mock\'s configuration file", man sts-cli (MOCK CONFIGURATION),\nand the JSON Schema schema/mock-config.schema.json in the package.\n' +
      examples(['sts-cli serve --port 8900', 'sts-cli serve --port 0 --flavor minio --log json', 'sts-cli serve --config mock.json --workers 2']),
  },
  doctor: {
    description: 'check files, profile, credentials, endpoint, clock and web identity token, each with a fix',
    after: examples([
      'sts-cli doctor',
      'sts-cli doctor dev',
      'sts-cli doctor --endpoint-url https://minio.example:9000 --source-profile minio --format json',
      'sts-cli doctor --oidc github --endpoint-url https://sts.amazonaws.com   # in a GitHub Actions job',
      'sts-cli doctor --web-identity-token-file /var/run/secrets/eks.amazonaws.com/serviceaccount/token',
    ]),
    extend: (cmd) => cmd.argument('[profile]', 'profile to check (as --profile)'),
  },
  cache: {
    description: "empty sts-cli's cache of assumed sessions (sts-cli cache clear)",
    extend: (cmd) => cmd.addArgument(new Argument('<action>', 'clear: remove every cached session').choices(['clear'])),
    after: examples(['sts-cli cache clear', 'XDG_CACHE_HOME=/tmp/c sts-cli cache clear']),
  },
  completion: {
    description: 'print a shell completion script',
    after: examples([
      'source <(sts-cli completion bash)',
      'sts-cli completion zsh > ~/.zfunc/_sts-cli   # with fpath=(~/.zfunc $fpath) before compinit in ~/.zshrc',
      'sts-cli completion fish > ~/.config/fish/completions/sts-cli.fish',
    ]),
    extend: (cmd) => cmd.argument('<shell>', 'bash, zsh or fish'),
  },
  list: {
    description: 'list every profile of the credentials and config files: kind, source, region, endpoint, expiry',
    after: examples(['sts-cli list', 'sts-cli list --format json | jq -r \'.profiles[] | select(.kind == "role") | .name\'', 'sts-cli list --names']),
  },
};

/** Every command, or with `only` naming one, just that one (faster to start). */
export function buildProgram(run: RunCommand, only?: string): Command {
  const program = addFlags(new Command('sts-cli'), GLOBAL_FLAGS)
    .description('Temporary credentials from any STS-compatible endpoint, and a mock STS for CI.')
    .version(version, '--version', 'print the version')
    .enablePositionalOptions()
    .showSuggestionAfterError()
    .addHelpText(
      'after',
      examples([
        'sts-cli exec dev -- terraform plan',
        'eval "$(sts-cli env dev)"',
        'sts-cli assume dev --profile dev-keys',
        'sts-cli assume --role-arn arn:aws:iam::123456789012:role/dev --profile dev',
        'sts-cli serve --port 8900',
      ]),
    );

  const declare = <K extends CommandName>(name: K): void => {
    const { description, after, extend, operands } = DECLARATIONS[name];
    const cmd = addFlags(addFlags(program.command(name).description(description), GLOBAL_FLAGS), COMMAND_FLAGS[name]);
    (extend?.(cmd) ?? cmd).addHelpText('after', after);
    cmd.action(async (...actionArgs: unknown[]) => {
      const self = actionArgs[actionArgs.length - 1] as Command;
      // readInput's result is InputOf<(typeof COMMAND_FLAGS)[K]>, which is CommandInputs[K]; the compiler cannot relate the two for a generic K.
      const input = readInput({ ...program.opts(), ...self.opts() }, COMMAND_FLAGS[name]) as CommandInputs[K];
      // rawArgs (the argv parse was given) is commander's own, untyped but kept since commander 2.
      const raw = (program as Command & { rawArgs?: string[] }).rawArgs ?? [];
      const fromCommandLine = (spec: FlagSpec) => self.getOptionValueSource(attributeName(spec)) === 'cli';
      await run(name, input, operands ? operands(self.args, raw) : self.args, fromCommandLine);
    });
  };

  // Declare only the command that runs (help and unknown commands need them all).
  const names = Object.keys(DECLARATIONS) as CommandName[];
  for (const name of only !== undefined && (names as string[]).includes(only) ? [only as CommandName] : names) declare(name);
  return program;
}
