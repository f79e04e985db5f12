// Config and credentials files that resolveProfile and botocore must read alike
// (roleProfile.botocore.test.ts). @DIR@ is the case's folder (proc.sh, token).

export interface ProfileCase {
  title: string;
  credentials?: string;
  config?: string;
  profile: string;
  env?: Record<string, string>;
  /** Profiles whose own region and configured endpoint are compared too. */
  hops?: string[];
  /** `calls:N` (STS calls botocore would make) or the refusal: `not-found`, `loop`, `config`. */
  expect: string;
  /** The exception botocore raises for a refusal. */
  botocoreError?: string;
  /** A warning resolveProfile must give. */
  warns?: RegExp;
}

const BASE_KEYS = '[base]\naws_access_key_id = AKIDCREDBASE\naws_secret_access_key = base-secret\n';
const ENV = { AWS_ACCESS_KEY_ID: 'AKIDENV', AWS_SECRET_ACCESS_KEY: 'env-secret' };

export const CASES: ProfileCase[] = [
  {
    title: 'two hops: a role sourced from credentials-file keys, with every AssumeRole setting',
    credentials: BASE_KEYS,
    config:
      '[profile dev]\nrole_arn = arn:aws:iam::111111111111:role/dev\nsource_profile = base\nrole_session_name = alice\nexternal_id = ext-123\nmfa_serial = arn:aws:iam::111111111111:mfa/alice\nduration_seconds = 1800\nregion = eu-west-1\n',
    profile: 'dev',
    hops: ['dev'],
    expect: 'calls:1',
  },
  {
    title: 'three hops: the region of the profile asked for applies to every call',
    config:
      '[profile top]\nrole_arn = arn:aws:iam::333333333333:role/top\nsource_profile = mid\nregion = us-west-2\nmfa_serial = arn:aws:iam::111111111111:mfa/bob\n' +
      '[profile mid]\nrole_arn = arn:aws:iam::222222222222:role/mid\nsource_profile = base\nexternal_id = mid-ext\nduration_seconds = 900\nregion = ap-south-1\nendpoint_url = https://sts.mid.example\n' +
      '[profile base]\naws_access_key_id = AKIDCONFBASE\naws_secret_access_key = conf-secret\n',
    profile: 'top',
    hops: ['top', 'mid'],
    expect: 'calls:2',
  },
  {
    title: 'source_profile and credential_source together are refused',
    credentials: BASE_KEYS,
    config: '[profile dev]\nrole_arn = arn:aws:iam::111111111111:role/dev\nsource_profile = base\ncredential_source = Environment\nregion = eu-west-1\n',
    profile: 'dev',
    env: ENV,
    expect: 'config',
    botocoreError: 'InvalidConfigError',
  },
  {
    title: 'role_arn with neither source_profile nor credential_source is refused',
    config: '[profile dev]\nrole_arn = arn:aws:iam::111111111111:role/dev\nregion = eu-west-1\n',
    profile: 'dev',
    expect: 'config',
    botocoreError: 'PartialCredentialsError',
  },
  {
    title: 'credential_source = Environment signs with AWS_ACCESS_KEY_ID',
    config:
      '[profile ci]\nrole_arn = arn:aws:iam::111111111111:role/ci\ncredential_source = Environment\nregion = eu-central-1\nendpoint_url = http://127.0.0.1:9000\n',
    profile: 'ci',
    env: ENV,
    hops: ['ci'],
    expect: 'calls:1',
  },
  {
    title: '[services] sts endpoint_url, the profile has none',
    credentials: BASE_KEYS,
    config:
      '[profile minio]\nrole_arn = arn:minio:iam:::role/x\nsource_profile = base\nregion = us-east-1\nservices = local\n[services local]\nsts =\n  endpoint_url = http://localhost:9000\ns3 =\n  endpoint_url = http://localhost:9001\n',
    profile: 'minio',
    hops: ['minio'],
    expect: 'calls:1',
  },
  {
    title: '[services] sts endpoint_url wins over the profile endpoint_url',
    credentials: BASE_KEYS,
    config:
      '[profile dev]\nrole_arn = arn:aws:iam::111111111111:role/dev\nsource_profile = base\nregion = eu-west-1\nendpoint_url = http://global.example:1\nservices = svc\n[services svc]\nsts =\n  endpoint_url = http://sts.example:2\n',
    profile: 'dev',
    hops: ['dev'],
    expect: 'calls:1',
  },
  {
    title: 'a [services] section without sts leaves the global endpoint_url',
    credentials: BASE_KEYS,
    config:
      '[profile dev]\nrole_arn = arn:aws:iam::111111111111:role/dev\nsource_profile = base\nregion = eu-west-1\nendpoint_url = http://global.example:1\nservices = svc\n[services svc]\ns3 =\n  endpoint_url = http://s3.example:2\n',
    profile: 'dev',
    hops: ['dev'],
    expect: 'calls:1',
  },
  {
    title: 'services naming a missing section is refused',
    credentials: BASE_KEYS,
    config: '[profile dev]\nrole_arn = arn:aws:iam::111111111111:role/dev\nsource_profile = base\nregion = eu-west-1\nservices = nowhere\n',
    profile: 'dev',
    expect: 'config',
    botocoreError: 'InvalidConfigError',
  },
  {
    title: 'a profile in both files: the config role wins over the credentials-file keys',
    credentials: `${BASE_KEYS}[dev]\naws_access_key_id = AKIDCREDDEV\naws_secret_access_key = dev-secret\n`,
    config: '[profile dev]\nrole_arn = arn:aws:iam::111111111111:role/dev\nsource_profile = base\nregion = eu-west-1\n',
    profile: 'dev',
    expect: 'calls:1',
  },
  {
    title: 'a role profile may source its own keys',
    credentials: '[self]\naws_access_key_id = AKIDCREDSELF\naws_secret_access_key = self-secret\n',
    config: '[profile self]\nrole_arn = arn:aws:iam::111111111111:role/self\nsource_profile = self\nregion = eu-west-1\n',
    profile: 'self',
    expect: 'calls:1',
  },
  {
    title: 'a role profile naming itself without keys is a loop',
    config: '[profile self]\nrole_arn = arn:aws:iam::111111111111:role/self\nsource_profile = self\nregion = eu-west-1\n',
    profile: 'self',
    expect: 'loop',
    botocoreError: 'InfiniteLoopConfigError',
  },
  {
    title: 'a -> b -> a is a loop',
    config:
      '[profile a]\nrole_arn = arn:aws:iam::111111111111:role/a\nsource_profile = b\nregion = eu-west-1\n[profile b]\nrole_arn = arn:aws:iam::111111111111:role/b\nsource_profile = a\n',
    profile: 'a',
    expect: 'loop',
    botocoreError: 'InfiniteLoopConfigError',
  },
  {
    title: 'a source_profile with role_arn and keys signs with its keys (its role is not assumed)',
    credentials: '[mid]\naws_access_key_id = AKIDCREDMID\naws_secret_access_key = mid-secret\n',
    config:
      '[profile top]\nrole_arn = arn:aws:iam::111111111111:role/top\nsource_profile = mid\nregion = eu-west-1\n[profile mid]\nrole_arn = arn:aws:iam::111111111111:role/mid\nsource_profile = base\n',
    profile: 'top',
    expect: 'calls:1',
  },
  {
    title: 'a missing source_profile is refused',
    config: '[profile dev]\nrole_arn = arn:aws:iam::111111111111:role/dev\nsource_profile = ghost\nregion = eu-west-1\n',
    profile: 'dev',
    expect: 'not-found',
    botocoreError: 'InvalidConfigError',
  },
  {
    title: 'a source_profile that is only [NAME] in the config file does not exist',
    config:
      '[profile dev]\nrole_arn = arn:aws:iam::111111111111:role/dev\nsource_profile = base\nregion = eu-west-1\n[base]\naws_access_key_id = AKIDX\naws_secret_access_key = x\n',
    profile: 'dev',
    expect: 'not-found',
    botocoreError: 'InvalidConfigError',
  },
  {
    title: 'an unknown profile is refused',
    credentials: BASE_KEYS,
    profile: 'nobody',
    expect: 'not-found',
    botocoreError: 'ProfileNotFound',
  },
  {
    title: '[default] as a role profile in a chain',
    credentials: BASE_KEYS,
    config:
      '[default]\nrole_arn = arn:aws:iam::111111111111:role/default\nsource_profile = base\nregion = sa-east-1\nrole_session_name = def\n[profile top]\nrole_arn = arn:aws:iam::111111111111:role/top\nsource_profile = default\nregion = eu-north-1\n',
    profile: 'top',
    hops: ['top', 'default'],
    expect: 'calls:2',
  },
  {
    title: '[profile default] after [default]: the later section wins',
    credentials: BASE_KEYS,
    config:
      '[default]\nrole_arn = arn:aws:iam::111111111111:role/first\nsource_profile = base\nregion = eu-west-1\n[profile default]\nrole_arn = arn:aws:iam::111111111111:role/second\nsource_profile = base\nregion = eu-west-2\n',
    profile: 'default',
    expect: 'calls:1',
  },
  {
    title: 'duration_seconds that is not an integer is ignored, with a warning',
    credentials: BASE_KEYS,
    config: '[profile dev]\nrole_arn = arn:aws:iam::111111111111:role/dev\nsource_profile = base\nregion = eu-west-1\nduration_seconds = 1h\n',
    profile: 'dev',
    expect: 'calls:1',
    warns: /duration_seconds = 1h/,
  },
  {
    title: 'duration_seconds as Python int() reads it (+3_600)',
    credentials: BASE_KEYS,
    config: '[profile dev]\nrole_arn = arn:aws:iam::111111111111:role/dev\nsource_profile = base\nregion = eu-west-1\nduration_seconds = +3_600\n',
    profile: 'dev',
    expect: 'calls:1',
  },
  {
    title: 'a credential_process source',
    config:
      '[profile dev]\nrole_arn = arn:aws:iam::111111111111:role/dev\nsource_profile = proc\nregion = eu-west-1\n[profile proc]\ncredential_process = /bin/sh @DIR@/proc.sh proc\n',
    profile: 'dev',
    expect: 'calls:1',
  },
  {
    title: 'a web identity source_profile: AssumeRoleWithWebIdentity, then AssumeRole',
    config:
      '[profile dev]\nrole_arn = arn:aws:iam::111111111111:role/dev\nsource_profile = wi\nregion = eu-west-1\n[profile wi]\nrole_arn = arn:aws:iam::111111111111:role/ci\nweb_identity_token_file = @DIR@/token\nrole_session_name = gha\n',
    profile: 'dev',
    expect: 'calls:2',
  },
  {
    title: 'region and role_session_name in the credentials file override the config file',
    credentials: `${BASE_KEYS}[dev]\nregion = ca-central-1\nrole_session_name = from-credentials\n`,
    config: '[profile dev]\nrole_arn = arn:aws:iam::111111111111:role/dev\nsource_profile = base\nregion = eu-west-1\nrole_session_name = from-config\n',
    profile: 'dev',
    hops: ['dev'],
    expect: 'calls:1',
  },
  {
    title: 'role_arn in the credentials file makes a role profile too',
    credentials: `${BASE_KEYS}[dev]\nrole_arn = arn:aws:iam::111111111111:role/dev\nsource_profile = base\nregion = eu-west-1\n`,
    profile: 'dev',
    expect: 'calls:1',
  },
  {
    title: 'ignore_configured_endpoint_urls = true drops endpoint_url',
    credentials: BASE_KEYS,
    config:
      '[profile dev]\nrole_arn = arn:aws:iam::111111111111:role/dev\nsource_profile = base\nregion = eu-west-1\nendpoint_url = http://ignored.example\nignore_configured_endpoint_urls = TRUE\n',
    profile: 'dev',
    expect: 'calls:1',
  },
  {
    title: 'a source_profile with role_arn and credential_process but no source of its own is refused',
    credentials: BASE_KEYS,
    config:
      '[profile top]\nrole_arn = arn:aws:iam::111111111111:role/top\nsource_profile = mid\nregion = eu-west-1\n[profile mid]\nrole_arn = arn:aws:iam::111111111111:role/mid\ncredential_process = /bin/sh @DIR@/proc.sh mid\n',
    profile: 'top',
    expect: 'config',
    botocoreError: 'PartialCredentialsError',
  },
  {
    title: 'a source_profile with settings only has no credentials',
    config: '[profile dev]\nrole_arn = arn:aws:iam::111111111111:role/dev\nsource_profile = empty\nregion = eu-west-1\n[profile empty]\nregion = eu-west-1\n',
    profile: 'dev',
    expect: 'config',
    botocoreError: 'InvalidConfigError',
  },
  {
    title: 'keys: the credentials file before credential_process before the config file',
    credentials: '[k]\naws_access_key_id = AKIDCREDK\naws_secret_access_key = s\n[p]\nregion = eu-west-1\n',
    config:
      '[profile k]\ncredential_process = /bin/sh @DIR@/proc.sh k\n[profile p]\ncredential_process = /bin/sh @DIR@/proc.sh p\naws_access_key_id = AKIDCONFP\naws_secret_access_key = s\n',
    profile: 'p',
    expect: 'calls:0',
  },
  {
    title: 'no region anywhere: botocore calls the global endpoint',
    credentials: BASE_KEYS,
    config: '[profile dev]\nrole_arn = arn:aws:iam::111111111111:role/dev\nsource_profile = base\n',
    profile: 'dev',
    hops: ['dev'],
    expect: 'calls:1',
  },
  {
    title: 'credential_source = Ec2InstanceMetadata: sts-cli refuses it, botocore finds no instance credentials',
    config: '[profile ec2]\nrole_arn = arn:aws:iam::111111111111:role/x\ncredential_source = Ec2InstanceMetadata\nregion = eu-west-1\n',
    profile: 'ec2',
    expect: 'config',
    botocoreError: 'CredentialRetrievalError',
  },
  {
    title: 'a temporary-keys profile with a session token',
    credentials:
      '[tmp]\naws_access_key_id = ASIACREDTMP\naws_secret_access_key = s\naws_session_token = tok\nx_security_token_expires = 2030-01-01T00:00:00Z\nregion = eu-west-1\n',
    profile: 'tmp',
    expect: 'calls:0',
  },
];
