// Every flag of sts-cli, each named once, and the typed input each command receives. program.ts
// declares them with commander; commands read their input's fields, never commander's values.
import { EXPORT_FORMATS, OUTPUT_FORMATS } from '../credentials/formatNames.js';
import { choice, type InputOf, list, text, toggle } from './flags.js';

export const GLOBAL_FLAGS = [
  toggle('--debug', 'trace requests and responses on stderr (secrets redacted)'),
  toggle('--no-color', 'plain output, no colours (also NO_COLOR)'),
] as const;

const ENDPOINT_FLAGS = [
  text('--endpoint-url <url>', 'STS endpoint (else AWS_ENDPOINT_URL_STS, AWS_ENDPOINT_URL, the profile, AWS)'),
  text('--region <region>', 'signing region (else AWS_REGION, AWS_DEFAULT_REGION, the profile, us-east-1)'),
  text('--ca-bundle <file>', 'PEM bundle of CAs to trust (also AWS_CA_BUNDLE)'),
  toggle('--no-verify-ssl', 'do not verify the TLS certificate of the endpoint'),
  text('--timeout <seconds>', 'seconds to wait for an answer, per attempt', { default: '30' }),
] as const;
export type EndpointInput = InputOf<typeof ENDPOINT_FLAGS>;

// The same flags with the help each command deserves: only a web identity reads AWS_ROLE_ARN (as
// the SDKs do), so only those commands say so.
function sessionFlags<const H extends string>(roleArnHelp: H) {
  return [
    text('--role-arn <arn>', roleArnHelp),
    text('--role-session-name <name>', 'session name (default sts-cli-<unix seconds>; also AWS_ROLE_SESSION_NAME)'),
    text('--duration-seconds <duration>', 'session length: seconds, or 15m, 1h, 12h (AWS allows at most 12h; MinIO up to 7d)'),
    text('--duration <duration>', 'the same as --duration-seconds'),
    text('--policy <json>', 'inline session policy: JSON, file://path or @path'),
    list('--policy-arns <arns>', 'managed session policy ARNs, comma-separated (repeatable)', { split: true }),
  ] as const;
}
const ASSUME_SESSION_FLAGS = sessionFlags('role to assume (optional for MinIO)');
const WEB_IDENTITY_SESSION_FLAGS = sessionFlags('role to assume (also AWS_ROLE_ARN)');
export type SessionInput = InputOf<typeof ASSUME_SESSION_FLAGS>;

const ASSUME_ROLE_FLAGS = [
  text('--external-id <id>', 'external ID the role trust policy asks for'),
  text('--serial-number <arn>', 'MFA device serial number or ARN'),
  text('--token-code <code>', 'current 6-digit MFA code (prompted for on a terminal when omitted)', { secret: {} }),
  list('--tags <key=value>', 'session tag (repeatable)'),
  list('--transitive-tag-keys <keys>', 'tag keys that pass on to chained roles, comma-separated (repeatable)', { split: true }),
  text('--source-identity <id>', 'source identity to set on the session'),
  text('--source-profile <name>', 'profile whose keys sign the request (else AWS_* variables, AWS_PROFILE, default)'),
  choice('--auth <mode>', 'how to authenticate', ['sigv4', 'ecs-token'], 'sigv4'),
  text('--auth-token <token>', 'Dell ECS X-SDS-AUTH-TOKEN for --auth ecs-token (also ECS_AUTH_TOKEN)', { secret: { instead: 'set ECS_AUTH_TOKEN' } }),
] as const;
export type AssumeRoleInput = InputOf<typeof ASSUME_ROLE_FLAGS>;

// Where else the token may come from (SPEC §9); each is read when the call is made.
const TOKEN_SOURCE_FLAGS = [
  choice('--oidc <provider>', "the CI job's own OIDC token: github (the runner's token service) or circleci ($CIRCLE_OIDC_TOKEN_V2)", ['github', 'circleci']),
  text('--audience <aud>', 'audience of the token --oidc github asks for (default sts.amazonaws.com)'),
  text('--web-identity-token-env <name>', "variable holding the token (GitLab's id_tokens)"),
  text('--web-identity-token-process <cmd>', 'command whose stdout is the token, run by the shell at each call, stopped after --timeout'),
] as const;
export type TokenSourceInput = InputOf<typeof TOKEN_SOURCE_FLAGS>;

const WEB_IDENTITY_FLAGS = [
  text('--web-identity-token <jwt>', 'the OIDC token (prefer the file flag: arguments are visible to other users)', {
    secret: { instead: 'pass it in a file (--web-identity-token-file) or a variable (--web-identity-token-env)' },
  }),
  text('--web-identity-token-file <file>', 'file holding the OIDC token, read at call time (also AWS_WEB_IDENTITY_TOKEN_FILE)'),
  text('--provider-id <id>', 'OAuth 2.0 provider host, for access tokens'),
  ...TOKEN_SOURCE_FLAGS,
] as const;
export type WebIdentityInput = InputOf<typeof WEB_IDENTITY_FLAGS>;

/** How sessions are obtained (SPEC §7): the cache, and MFA once a day. */
const CACHE_FLAGS = [
  toggle('--no-cache', "neither use nor store sts-cli's cached sessions"),
  toggle('--refresh', 'assume again even when a cached session is still valid, and replace it'),
] as const;
const MFA_SESSION_FLAG = text('--mfa-session-duration <duration>', "length of a role profile's MFA session (GetSessionToken): 15m to 36h", {
  default: '12h',
});

/** env, exec and whoami with a role profile: they assume it through the cache. */
const PROFILE_SESSION_FLAGS = [
  text('--token-code <code>', "the 6-digit MFA code a role profile's mfa_serial asks for (prompted for on a terminal)"),
  MFA_SESSION_FLAG,
  ...CACHE_FLAGS,
] as const;

const DESTINATION_FLAGS = [
  text('--profile <name>', 'write the credentials into this profile of the credentials file'),
  toggle('--force', 'overwrite a profile that holds long-term keys, or one whose role_arn, token or credential_process the keys would clash with'),
  toggle('--no-write-config', "do not record the region and a non-AWS endpoint_url in the config file's [profile NAME]"),
  // No commander default: with --profile, a --format given is printed as well (for a `| jq` pipeline).
  choice('--format <format>', 'stdout format (default env); with --profile, printed as well as written', OUTPUT_FORMATS),
] as const;
export type DestinationInput = InputOf<typeof DESTINATION_FLAGS>;

// doctor takes the endpoint flags of assume, waiting less for each check.
const DOCTOR_FLAGS = [
  text('--profile <name>', 'profile to check (also the first argument; else AWS_PROFILE, then default)'),
  text('--source-profile <name>', 'profile whose keys would sign, as for assume'),
  choice('--auth <mode>', 'how calls would authenticate', ['sigv4', 'ecs-token'], 'sigv4'),
  text('--auth-token <token>', 'Dell ECS X-SDS-AUTH-TOKEN for --auth ecs-token (also ECS_AUTH_TOKEN)', { secret: { instead: 'set ECS_AUTH_TOKEN' } }),
  WEB_IDENTITY_FLAGS[0],
  WEB_IDENTITY_FLAGS[1],
  ...TOKEN_SOURCE_FLAGS,
  ENDPOINT_FLAGS[0],
  ENDPOINT_FLAGS[1],
  ENDPOINT_FLAGS[2],
  ENDPOINT_FLAGS[3],
  text('--timeout <seconds>', 'seconds to wait for each check', { default: '10' }),
  choice('--format <format>', 'output', ['text', 'json'], 'text'),
] as const;

/** Each command's flags after the global ones, in the order --help lists them. */
export const COMMAND_FLAGS = {
  assume: [...ASSUME_SESSION_FLAGS, ...ASSUME_ROLE_FLAGS, ...ENDPOINT_FLAGS, ...DESTINATION_FLAGS, MFA_SESSION_FLAG, ...CACHE_FLAGS],
  'assume-web-identity': [...WEB_IDENTITY_SESSION_FLAGS, ...WEB_IDENTITY_FLAGS, ...ENDPOINT_FLAGS, ...DESTINATION_FLAGS, ...CACHE_FLAGS],
  env: [
    text('--profile <name>', 'profile to print (else AWS_PROFILE, then default); also the first argument'),
    choice('--format <format>', 'shell syntax', EXPORT_FORMATS, 'env'),
    toggle('--unset', 'print commands that unset the variables instead'),
    ...PROFILE_SESSION_FLAGS,
  ],
  exec: [
    text('--profile <name>', 'profile whose credentials to use (else AWS_PROFILE, then default); also the argument before --'),
    toggle('--server', 'serve the credentials to the command from a loopback endpoint, renewed before they expire (no keys in its environment)'),
    ...PROFILE_SESSION_FLAGS,
  ],
  whoami: [
    ...ENDPOINT_FLAGS,
    text('--profile <name>', 'profile to ask about (else AWS_* variables, AWS_PROFILE, default); also the first argument'),
    choice('--format <format>', 'output', ['text', 'json'], 'text'),
    ...PROFILE_SESSION_FLAGS,
  ],
  'credential-process': [
    ...sessionFlags('role to assume (optional for MinIO; also AWS_ROLE_ARN with a web identity token)'),
    ...ASSUME_ROLE_FLAGS,
    ...WEB_IDENTITY_FLAGS,
    ...ENDPOINT_FLAGS,
    MFA_SESSION_FLAG,
    ...CACHE_FLAGS,
  ],
  serve: [
    text('--host <host>', 'address to listen on', { default: '127.0.0.1' }),
    text('--port <port>', 'port, 0 for any free one', { default: '8900' }),
    text('--config <file>', 'JSON file declaring users, roles (trust, MFA), OIDC providers and the flavor (format below)'),
    choice('--flavor <flavor>', 'answer like this server', ['aws', 'minio', 'ceph', 'ecs']),
    text('--workers <n>', 'worker processes sharing the port', { default: '1' }),
    choice('--log <format>', 'stderr format: text, or json (every line, request log and messages)', ['text', 'json'], 'text'),
    text('--access-key <id>', 'access key to accept (default test without a --config)'),
    text('--secret-key <secret>', 'its secret key (default test without a --config; also STS_CLI_SECRET_KEY)', {
      secret: { instead: 'set STS_CLI_SECRET_KEY' },
    }),
    text('--region <region>', 'accept signatures only for this region'),
    text('--signing-key <key>', 'key (32+ chars) for session tokens and the OIDC issuer (also STS_CLI_SIGNING_KEY)', {
      secret: { instead: 'set STS_CLI_SIGNING_KEY' },
    }),
    text('--auth-token <token>', 'X-SDS-AUTH-TOKEN accepted by the ecs flavor (default test; also STS_CLI_AUTH_TOKEN)', {
      secret: { instead: 'set STS_CLI_AUTH_TOKEN' },
    }),
    toggle('--tls', 'serve https with a certificate made at start for 127.0.0.1, ::1, localhost and --host'),
    text('--tls-ca-file <file>', "with --tls: write the certificate's CA here, for clients to trust"),
    text('--tls-cert <file>', 'serve https with this PEM certificate (and chain) instead; needs --tls-key'),
    text('--tls-key <file>', 'the PEM private key of --tls-cert'),
    text('--issuer <url>', 'iss of the OIDC tokens the mock mints, and its discovery base (default: its own URL)'),
    toggle('--explain', 'say in a refused answer why the trust policy refused it'),
    text('--control-token <token>', 'bearer token for the control plane /_sts-cli/, needed off loopback (also STS_CLI_CONTROL_TOKEN)', {
      secret: { instead: 'set STS_CLI_CONTROL_TOKEN' },
    }),
    toggle('--no-control', 'switch the control plane off (journal, sessions, faults, clock, dashboard)'),
  ],
  completion: [],
  doctor: DOCTOR_FLAGS,
  list: [
    choice('--format <format>', 'output', ['text', 'json'], 'text'),
    toggle('--names', 'print the profile names only, one a line (what completion scripts read)'),
  ],
  cache: [],
} as const;

export type CommandName = keyof typeof COMMAND_FLAGS;
/** The typed input of every command, by name. */
export type CommandInputs = { [K in CommandName]: InputOf<(typeof COMMAND_FLAGS)[K]> };

export type AssumeInput = CommandInputs['assume'];
export type AssumeWebIdentityInput = CommandInputs['assume-web-identity'];
export type EnvInput = CommandInputs['env'];
export type ExecInput = CommandInputs['exec'];
export type WhoamiInput = CommandInputs['whoami'];
export type CredentialProcessInput = CommandInputs['credential-process'];
export type ServeInput = CommandInputs['serve'];
export type CompletionInput = CommandInputs['completion'];
export type DoctorInput = CommandInputs['doctor'];
export type ListInput = CommandInputs['list'];
export type CacheInput = CommandInputs['cache'];
