// Every command and flag of sts-cli, declared with commander. Declaring is cheap; each
// command's code is loaded by main.ts only when that command runs.
import { Command, Option } from 'commander';
import { EXPORT_FORMATS, OUTPUT_FORMATS } from '../credentials/formatNames.js';
import { version } from './version.js';

export type Options = Record<string, unknown>;

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

function addGlobalOptions(cmd: Command): Command {
  return cmd.option('--debug', 'trace requests and responses on stderr (secrets redacted)').option('--no-color', 'plain output, no colours (also NO_COLOR)');
}

function addEndpointOptions(cmd: Command): Command {
  return cmd
    .option('--endpoint-url <url>', 'STS endpoint (else AWS_ENDPOINT_URL_STS, AWS_ENDPOINT_URL, the profile, AWS)')
    .option('--region <region>', 'signing region (else AWS_REGION, AWS_DEFAULT_REGION, the profile, us-east-1)')
    .option('--ca-bundle <file>', 'PEM bundle of CAs to trust (also AWS_CA_BUNDLE)')
    .option('--no-verify-ssl', 'do not verify the TLS certificate of the endpoint')
    .option('--timeout <seconds>', 'seconds to wait for an answer, per attempt', '30');
}

function addSessionOptions(cmd: Command): Command {
  return cmd
    .option('--role-arn <arn>', 'role to assume (optional for MinIO; also AWS_ROLE_ARN for web identity)')
    .option('--role-session-name <name>', 'session name (default sts-cli-<unix seconds>; also AWS_ROLE_SESSION_NAME)')
    .option('--duration-seconds <duration>', 'session length: seconds, or 15m, 1h, 12h, 7d')
    .addOption(new Option('--duration <duration>', 'alias of --duration-seconds').hideHelp())
    .option('--policy <json>', 'inline session policy: JSON, file://path or @path')
    .option('--policy-arns <arns>', 'managed session policy ARNs, comma-separated (repeatable)', collect);
}

function addAssumeRoleOptions(cmd: Command): Command {
  return cmd
    .option('--external-id <id>', 'external ID the role trust policy asks for')
    .option('--serial-number <arn>', 'MFA device serial number or ARN')
    .option('--token-code <code>', 'current 6-digit MFA code (prompted for on a terminal when omitted)')
    .option('--tags <key=value>', 'session tag (repeatable)', collect)
    .option('--transitive-tag-keys <keys>', 'tag keys that pass on to chained roles, comma-separated (repeatable)', collect)
    .option('--source-identity <id>', 'source identity to set on the session')
    .option('--source-profile <name>', 'profile whose keys sign the request (else AWS_* variables, AWS_PROFILE, default)')
    .addOption(new Option('--auth <mode>', 'how to authenticate').choices(['sigv4', 'ecs-token']).default('sigv4'))
    .option('--auth-token <token>', 'Dell ECS X-SDS-AUTH-TOKEN for --auth ecs-token (also ECS_AUTH_TOKEN)');
}

function addWebIdentityOptions(cmd: Command): Command {
  return cmd
    .option('--web-identity-token <jwt>', 'the OIDC token (prefer the file flag: arguments are visible to other users)')
    .option('--web-identity-token-file <file>', 'file holding the OIDC token, read at call time (also AWS_WEB_IDENTITY_TOKEN_FILE)')
    .option('--provider-id <id>', 'OAuth 2.0 provider host, for access tokens');
}

function addDestinationOptions(cmd: Command): Command {
  return cmd
    .option('--profile <name>', 'write the credentials into this profile of the credentials file')
    .option('--force', 'overwrite a profile that holds long-term keys')
    .addOption(new Option('--format <format>', 'stdout format when no --profile').choices(OUTPUT_FORMATS).default('env'));
}

function examples(lines: string[]): string {
  return `\nExamples:\n${lines.map((l) => `  $ ${l}`).join('\n')}`;
}

/** Every command, or with `only` naming one, just that one (faster to start). */
export function buildProgram(run: (name: string, opts: Options, args: string[]) => Promise<void>, only?: string): Command {
  const program = addGlobalOptions(new Command('sts-cli'))
    .description('Temporary credentials from any STS-compatible endpoint, and a mock STS for CI.')
    .version(version, '--version', 'print the version')
    .enablePositionalOptions()
    .showSuggestionAfterError()
    .addHelpText(
      'after',
      examples([
        'sts-cli assume --role-arn arn:aws:iam::123456789012:role/dev --profile dev',
        'eval "$(sts-cli env --profile dev)"',
        'sts-cli exec --profile dev -- aws s3 ls',
        'sts-cli serve --port 8900',
      ]),
    );

  const command = (name: string, description: string) => {
    const cmd = addGlobalOptions(program.command(name).description(description));
    cmd.action(async (...actionArgs: unknown[]) => {
      const self = actionArgs[actionArgs.length - 1] as Command;
      await run(name, { ...program.opts(), ...self.opts() }, self.args);
    });
    return cmd;
  };

  // Declare only the command that runs (help and unknown commands need them all).
  const declarations: Record<string, () => Command> = {
    assume: () =>
      addDestinationOptions(
        addEndpointOptions(addAssumeRoleOptions(addSessionOptions(command('assume', 'assume a role (AssumeRole, signed with SigV4)')))),
      ).addHelpText(
        'after',
        examples([
          'sts-cli assume --role-arn arn:aws:iam::123456789012:role/dev --profile dev',
          'sts-cli assume --role-arn arn:aws:iam::123456789012:role/ci --duration 1h --format json',
          'sts-cli assume --endpoint-url http://127.0.0.1:9000 --source-profile minio --policy file://policy.json --profile minio-tmp',
          'sts-cli assume --auth ecs-token --auth-token "$TOKEN" --endpoint-url https://ecs:4443 --role-arn urn:ecs:iam::ns:role/r --profile ecs',
          'eval "$(sts-cli assume --role-arn arn:aws:iam::123456789012:role/dev)"',
        ]),
      ),
    'assume-web-identity': () =>
      addDestinationOptions(
        addEndpointOptions(
          addWebIdentityOptions(addSessionOptions(command('assume-web-identity', 'assume a role with an OIDC token (AssumeRoleWithWebIdentity, unsigned)'))),
        ),
      ).addHelpText(
        'after',
        examples([
          'sts-cli assume-web-identity --role-arn arn:aws:iam::123456789012:role/ci --web-identity-token-file /var/run/token --profile ci',
          'AWS_ROLE_ARN=arn:aws:iam::123456789012:role/ci AWS_WEB_IDENTITY_TOKEN_FILE=/var/run/token sts-cli assume-web-identity',
          'TOKEN=$(curl -s -X POST http://127.0.0.1:8900/oidc/token -d sub=ci); sts-cli assume-web-identity --endpoint-url http://127.0.0.1:8900 --role-arn arn:aws:iam::000000000000:role/ci --web-identity-token "$TOKEN"',
        ]),
      ),
    env: () =>
      command('env', 'print a stored profile as shell exports')
        .option('--profile <name>', 'profile to print (else AWS_PROFILE, then default)')
        .addOption(new Option('--format <format>', 'shell syntax').choices(EXPORT_FORMATS).default('env'))
        .option('--unset', 'print commands that unset the variables instead')
        .addHelpText(
          'after',
          examples(['eval "$(sts-cli env --profile dev)"', 'sts-cli env --profile dev --format fish | source', 'eval "$(sts-cli env --unset)"']),
        ),
    exec: () =>
      command('exec', "run a command with a profile's credentials in its environment")
        .option('--profile <name>', 'profile whose credentials to use (else AWS_PROFILE, then default)')
        .argument('<command...>', 'the command and its arguments, after --')
        .passThroughOptions()
        .addHelpText('after', examples(['sts-cli exec --profile dev -- aws s3 ls', 'sts-cli exec --profile dev -- terraform plan'])),
    whoami: () =>
      addEndpointOptions(command('whoami', "show who a profile's credentials belong to (GetCallerIdentity)"))
        .option('--profile <name>', 'profile to ask about (else AWS_* variables, AWS_PROFILE, default)')
        .addOption(new Option('--format <format>', 'output').choices(['text', 'json']).default('text'))
        .addHelpText('after', examples(['sts-cli whoami --profile dev', 'sts-cli whoami --format json | jq -r .Arn'])),
    'credential-process': () =>
      addEndpointOptions(
        addWebIdentityOptions(
          addAssumeRoleOptions(
            addSessionOptions(command('credential-process', 'print credential_process JSON, assuming again only when the cache is near expiry')),
          ),
        ),
      ).addHelpText(
        'after',
        `\nIn ~/.aws/config:\n  [profile dev]\n  credential_process = sts-cli credential-process --role-arn arn:aws:iam::123456789012:role/dev --source-profile base\n` +
          examples(['sts-cli credential-process --role-arn arn:aws:iam::123456789012:role/dev --source-profile base']),
      ),
    serve: () =>
      command('serve', 'run the mock STS')
        .option('--host <host>', 'address to listen on', '127.0.0.1')
        .option('--port <port>', 'port, 0 for any free one', '8900')
        .option('--config <file>', 'JSON file declaring users, roles, OIDC providers and the flavor')
        .addOption(new Option('--flavor <flavor>', 'answer like this server').choices(['aws', 'minio', 'ceph', 'ecs']))
        .option('--workers <n>', 'worker processes sharing the port', '1')
        .addOption(new Option('--log <format>', 'request log format on stderr').choices(['text', 'json']).default('text'))
        .option('--access-key <id>', 'access key to accept (default test without a --config)')
        .option('--secret-key <secret>', 'its secret key (default test without a --config)')
        .option('--region <region>', 'accept signatures only for this region')
        .option('--signing-key <key>', 'key (32+ chars) for session tokens and the OIDC issuer (also STS_CLI_SIGNING_KEY)')
        .option('--auth-token <token>', 'X-SDS-AUTH-TOKEN accepted by the ecs flavor', 'test')
        .addHelpText(
          'after',
          examples(['sts-cli serve --port 8900', 'sts-cli serve --port 0 --flavor minio --log json', 'sts-cli serve --config mock.json --workers 2']),
        ),
    completion: () =>
      command('completion', 'print a shell completion script')
        .argument('<shell>', 'bash, zsh or fish')
        .addHelpText('after', examples(['source <(sts-cli completion bash)', 'sts-cli completion fish > ~/.config/fish/completions/sts-cli.fish'])),
  };
  const wanted = only !== undefined && only in declarations ? [only] : Object.keys(declarations);
  for (const name of wanted) declarations[name]!();
  return program;
}
