// The STS parameters of assume, assume-web-identity and credential-process (SPEC §2), from the
// typed input and the environment, checked before anything is sent. Reads the policy file and
// nothing else; never prompts (askTokenCode asks for a missing MFA code afterwards). The web
// identity token is read last (resolveTokenSource.ts), once every flag has been checked.
import { readFileSync } from 'node:fs';
import { FileError, UsageError } from '../errors.js';
import { checkAssumeRoleParams, checkWebIdentityParams, parseDuration, parseTags, readPolicyArgument } from '../sts/params.js';
import type { AssumeRoleParams, AssumeRoleWithWebIdentityParams } from '../sts/types.js';
import type { TokenSource } from '../webIdentity/tokenSource.js';
import type { CliContext } from './context.js';
import { defined } from './defined.js';
import type { AssumeRoleInput, SessionInput, WebIdentityInput } from './inputs.js';
import { tokenSourceFlag } from './resolveTokenSource.js';

export type StsAction = 'AssumeRole' | 'AssumeRoleWithWebIdentity';

export type StsRequest =
  | {
      action: 'AssumeRole';
      params: AssumeRoleParams;
      /** The MFA device whose code is still to be typed: --serial-number came without --token-code. */
      tokenCodeFor?: string;
    }
  | { action: 'AssumeRoleWithWebIdentity'; params: AssumeRoleWithWebIdentityParams };

/** A web identity request whose parameters are checked and whose token is still to be read (obtainRequestToken). */
export interface PendingWebIdentity {
  action: 'AssumeRoleWithWebIdentity';
  params: Omit<AssumeRoleWithWebIdentityParams, 'webIdentityToken'>;
  tokenSource: TokenSource;
}

export interface ResolvedRequest {
  request: Exclude<StsRequest, { action: 'AssumeRoleWithWebIdentity' }> | PendingWebIdentity;
  /** The session name is the generated `sts-cli-<unix seconds>`, not one the user chose. */
  defaultSessionName: boolean;
}

/** What the request flags of the three commands may hold (each command declares a subset). */
export type RequestInput = SessionInput & WebIdentityInput & Partial<AssumeRoleInput>;

/** What a role profile says about its own AssumeRole (SPEC §7): a source after flags and the environment. */
export interface ProfileRequestSettings {
  roleArn?: string;
  roleSessionName?: string;
  /** duration_seconds, as written. */
  duration?: string;
  externalId?: string;
  /** mfa_serial. */
  serialNumber?: string;
}

/** The request settings one source of input provides; a field it does not set is undefined. */
interface Settings {
  roleArn?: string | undefined;
  roleSessionName?: string | undefined;
  duration?: string | undefined;
  policy?: string | undefined;
  policyArns?: string[] | undefined;
  externalId?: string | undefined;
  serialNumber?: string | undefined;
  tokenCode?: string | undefined;
  tags?: string[] | undefined;
  transitiveTagKeys?: string[] | undefined;
  sourceIdentity?: string | undefined;
  webIdentityToken?: TokenSource | undefined;
  providerId?: string | undefined;
}

// A value the MFA code is checked as until the real one is typed: every other parameter is checked
// before the prompt, and the typed code after it.
const CODE_TO_BE_TYPED = '000000';

const nonEmpty = <T>(values: T[] | undefined): T[] | undefined => (values?.length ? values : undefined);

function durationFlag(input: RequestInput): string | undefined {
  const { durationSeconds, duration } = input;
  if (durationSeconds !== undefined && duration !== undefined && durationSeconds !== duration) {
    throw new UsageError('Give --duration-seconds or --duration, not both.');
  }
  return durationSeconds ?? duration;
}

function fromFlags(input: RequestInput): Settings {
  return {
    roleArn: input.roleArn,
    roleSessionName: input.roleSessionName,
    duration: durationFlag(input),
    policy: input.policy,
    policyArns: nonEmpty(input.policyArns),
    externalId: input.externalId,
    serialNumber: input.serialNumber,
    tokenCode: input.tokenCode,
    tags: nonEmpty(input.tags),
    transitiveTagKeys: nonEmpty(input.transitiveTagKeys),
    sourceIdentity: input.sourceIdentity,
    webIdentityToken: tokenSourceFlag(input),
    providerId: input.providerId,
  };
}

function fromEnvironment(env: NodeJS.ProcessEnv, action: StsAction): Settings {
  const settings: Settings = { roleSessionName: env.AWS_ROLE_SESSION_NAME };
  // As the SDKs read them, AWS_ROLE_ARN and AWS_WEB_IDENTITY_TOKEN_FILE describe a web identity.
  if (action === 'AssumeRoleWithWebIdentity') {
    settings.roleArn = env.AWS_ROLE_ARN || undefined;
    const file = env.AWS_WEB_IDENTITY_TOKEN_FILE;
    if (file !== undefined) settings.webIdentityToken = { kind: 'file', path: file };
  }
  return settings;
}

/**
 * The settings of every source, highest precedence first: a field comes from the first source
 * that sets it (flag > environment > the config profile named > default). A new source of input
 * is one more entry here.
 */
function settingsSources(input: RequestInput, ctx: CliContext, action: StsAction, profile: ProfileRequestSettings | undefined): Settings[] {
  return [fromFlags(input), fromEnvironment(ctx.env, action), ...(profile ? [profile] : [])];
}

function pick<K extends keyof Settings>(sources: Settings[], key: K): Settings[K] {
  for (const source of sources) if (source[key] !== undefined) return source[key];
  return undefined;
}

function readLocalFile(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new FileError(path, `Cannot read the ${what} file ${path} (${code ?? 'error'}).`, { cause: error, hint: 'Check the path and its permissions.' });
  }
}

// A token of the right length that stands in for the one still to be read: every other parameter
// is checked before any token source is touched, and the token after it is read.
const TOKEN_TO_BE_READ = 'token-to-be-read';

const NO_TOKEN =
  'No web identity token: pass --web-identity-token-file, --oidc github|circleci, --web-identity-token-env NAME or --web-identity-token-process CMD, or set AWS_WEB_IDENTITY_TOKEN_FILE.';

/**
 * The checked parameters of `action` (throws InvalidParameterError or UsageError, exit 2, before
 * anything is sent or read); `profile` holds the settings of a role profile named on the command
 * line. A web identity's token is read afterwards (obtainRequestToken).
 */
export function resolveRequest(action: StsAction, input: RequestInput, ctx: CliContext, profile?: ProfileRequestSettings): ResolvedRequest {
  const sources = settingsSources(input, ctx, action, profile);
  const chosenName = pick(sources, 'roleSessionName');
  const roleSessionName = chosenName ?? `sts-cli-${Math.floor(ctx.now().getTime() / 1000)}`;
  const duration = pick(sources, 'duration');
  const policy = pick(sources, 'policy');
  const shared = defined({
    durationSeconds: duration === undefined ? undefined : parseDuration(duration),
    policy: policy === undefined ? undefined : readPolicyArgument(policy, (path) => readLocalFile(path, 'policy')),
    policyArns: pick(sources, 'policyArns'),
  });
  const defaultSessionName = chosenName === undefined;

  if (action === 'AssumeRoleWithWebIdentity') {
    const tokenSource = pick(sources, 'webIdentityToken');
    if (tokenSource === undefined || (tokenSource.kind === 'file' && tokenSource.path === '')) throw new UsageError(NO_TOKEN);
    // MinIO ignores RoleArn: an empty one is left out, not sent.
    const roleArn = pick(sources, 'roleArn') || undefined;
    const params = {
      roleSessionName,
      ...defined({ roleArn, providerId: pick(sources, 'providerId') }),
      ...shared,
    };
    checkWebIdentityParams({ ...params, webIdentityToken: TOKEN_TO_BE_READ });
    return { request: { action, params, tokenSource }, defaultSessionName };
  }

  const tags = pick(sources, 'tags');
  const params: AssumeRoleParams = {
    roleSessionName,
    ...defined({
      roleArn: pick(sources, 'roleArn'),
      externalId: pick(sources, 'externalId'),
      serialNumber: pick(sources, 'serialNumber'),
      sourceIdentity: pick(sources, 'sourceIdentity'),
      tags: tags === undefined ? undefined : parseTags(tags),
      transitiveTagKeys: pick(sources, 'transitiveTagKeys'),
      tokenCode: pick(sources, 'tokenCode'),
    }),
    ...shared,
  };
  const tokenCodeFor = params.tokenCode === undefined ? params.serialNumber : undefined;
  checkAssumeRoleParams(tokenCodeFor === undefined ? params : { ...params, tokenCode: CODE_TO_BE_TYPED });
  return { request: { action, params, ...defined({ tokenCodeFor }) }, defaultSessionName };
}
