// What a profile of ~/.aws/credentials and ~/.aws/config is, as botocore reads it (SPEC §7).
// Values only: no secret is ever part of these (static keys are read on demand by readStaticCredentials).

/** The parsed files, as iniSections returns them; a missing file is an empty map. Paths are for messages. */
export interface SharedConfigFiles {
  credentials: Map<string, Record<string, string>>;
  config: Map<string, Record<string, string>>;
  credentialsPath: string;
  configPath: string;
}

export type ProfileFile = 'credentials' | 'config';

/** `sts-cli list`'s kinds (SPEC §7), plus `login` (botocore's login_session) and `none` (settings only, no credentials). */
export type ProfileKind = 'long-term' | 'temporary' | 'role' | 'web-identity' | 'process' | 'sso' | 'login' | 'none';

/** Stored keys of a profile; read them with readStaticCredentials. */
export interface StaticSource {
  type: 'static';
  profile: string;
  /** The file whose section holds the keys (botocore reads the credentials file's first). */
  file: ProfileFile;
  /** A session token is stored with them. */
  temporary: boolean;
  /** x_security_token_expires (or aws_expiration) of that section, when it parses. */
  expiration?: Date;
}

export interface ProcessSource {
  type: 'process';
  profile: string;
  /** The credential_process command line, split as the caller sees fit (botocore: POSIX shlex). */
  command: string;
}

export interface WebIdentitySource {
  type: 'web-identity';
  profile: string;
  roleArn: string;
  /** web_identity_token_file (botocore's), or sts-cli's web_identity_token_process: a command whose stdout is the token. */
  tokenFile?: string;
  tokenProcess?: string;
  roleSessionName?: string;
}

export interface SsoSource {
  type: 'sso';
  profile: string;
}

export interface LoginSource {
  type: 'login';
  profile: string;
}

/** `credential_source = Environment`: AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN. */
export interface EnvironmentSource {
  type: 'environment';
}

/** `sts_cli_auth = ecs-token`: the hop sends Dell ECS's X-SDS-AUTH-TOKEN instead of a signature. */
export interface EcsTokenSource {
  type: 'ecs-token';
}

export interface NoSource {
  type: 'none';
  profile: string;
}

/** What botocore's profile providers find in a profile that is not assumed as a role. */
export type ProfileCredentialSource = StaticSource | ProcessSource | WebIdentitySource | SsoSource | LoginSource | NoSource;

/** What signs the first hop of a role chain. */
export type ChainSource = Exclude<ProfileCredentialSource, NoSource> | EnvironmentSource | EcsTokenSource;

export type SourceType = ChainSource['type'] | NoSource['type'];

/** One AssumeRole of a chain: a role profile's own settings. */
export interface RoleHop {
  profile: string;
  /** Kept as written, even empty (botocore sends it as it is). */
  roleArn: string;
  roleSessionName?: string;
  externalId?: string;
  mfaSerial?: string;
  /** duration_seconds as Python's int() reads it; a value int() refuses is ignored, as botocore ignores it (with a warning). */
  durationSeconds?: number;
  /** This profile's own region and configured STS endpoint: what botocore uses when this profile is the one asked for. */
  region?: string;
  endpointUrl?: string;
  /** sts_cli_auth: `ecs-token` sends the ECS token instead of a SigV4 signature. */
  auth: 'sigv4' | 'ecs-token';
}

interface ResolvedBase {
  name: string;
  /** The profile's region (credentials file over config file). botocore sends every call of a chain to this region. */
  region?: string;
  /** The configured STS endpoint (`[services]` sts endpoint_url, else endpoint_url). botocore sends every call of a chain here. */
  endpointUrl?: string;
  /** ignore_configured_endpoint_urls = true: botocore then also ignores AWS_ENDPOINT_URL and AWS_ENDPOINT_URL_STS. */
  ignoreConfiguredEndpointUrls: boolean;
  /** Settings botocore silently ignores (a duration_seconds that is not an integer, say): one sentence each. */
  warnings: string[];
}

export interface ResolvedRoleProfile extends ResolvedBase {
  kind: 'role';
  /** In the order they are assumed: hops[0] is signed by `source`, each next one by the previous one's session; the last is `name`. */
  hops: RoleHop[];
  source: ChainSource;
  /** The source_profile chain from `name` down: `['mid', 'base']`; `['dev']` for a profile that sources its own keys. */
  via: string[];
}

export interface ResolvedSourceProfile extends ResolvedBase {
  kind: Exclude<ProfileKind, 'role'>;
  source: ProfileCredentialSource;
}

export type ResolvedProfile = ResolvedRoleProfile | ResolvedSourceProfile;
