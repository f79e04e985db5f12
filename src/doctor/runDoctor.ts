// `sts-cli doctor` (SPEC §9): every check in order, each passed, warning, failed or skipped with a
// one-line fix. The CLI resolves what a call would use (the profile, the token source, the
// connection) and hands it in; this never throws for what it finds, only reports it.
import type { ResolvedProfile, SharedConfigFiles } from '../credentials/profileTypes.js';
import { ExpiredCredentialsError, StsServiceError } from '../errors.js';
import { createHttpAgent, readCaBundle } from '../http/httpAgent.js';
import { mask } from '../redact.js';
import type { DialectName as RequestDialect } from '../sts/dialects.js';
import type { AwsCredentials, CallerIdentity } from '../sts/types.js';
import { describeTokenSource, type TokenSource } from '../webIdentity/tokenSource.js';
import { type Check, failed, fromError, passed, skipped, warning } from './check.js';
import { checkClock, formatSkew } from './checkClock.js';
import { checkFiles, checkProfile } from './checkFiles.js';
import { checkIssuer } from './checkIssuer.js';
import { checkReachability } from './checkReachability.js';
import { checkToken } from './checkToken.js';
import { detectDialect } from './detectDialect.js';
import { probeEndpoint } from './probeEndpoint.js';

/** The transport a call would use (the CLI's Transport). */
export interface DoctorTransport {
  endpoint: string;
  region: string;
  caBundle?: string;
  verifySsl: boolean;
  timeoutMs: number;
}

/** Who would sign, as the CLI resolved it. */
export type DoctorSigner =
  | { kind: 'sigv4'; credentials: AwsCredentials; origin: string; profile?: string }
  | { kind: 'ecs-token'; origin: string }
  | { kind: 'failed'; error: unknown }
  /** A web identity: nothing signs, the token proves who calls. */
  | { kind: 'none' }
  /** A source doctor does not open (a credential_process it would have to run, SSO). */
  | { kind: 'unchecked'; reason: string };

export interface DoctorConnection {
  transport: DoctorTransport;
  dialect: RequestDialect;
  signer: DoctorSigner;
}

export interface DoctorDeps {
  now: () => Date;
  env: NodeJS.ProcessEnv;
  userAgent: string;
  paths: { credentialsFile: string; configFile: string };
  /** The profile to check and how it was named (`argument`, `--profile`, `AWS_PROFILE`); `optional` for [default], which may be absent. */
  profile?: { name: string; namedBy: string; optional?: boolean };
  /** The web identity token's source given by flags or the environment. */
  tokenSource?: TokenSource;
  /** The connection, once the profile is known (its region, endpoint and source feed it); throws only for bad usage. */
  connect(profile: ResolvedProfile | undefined): Promise<DoctorConnection>;
  /** The token source a web identity profile names. */
  profileTokenSource(profile: ResolvedProfile): TokenSource | undefined;
  callerIdentity(connection: DoctorConnection): Promise<CallerIdentity>;
  obtainToken(source: TokenSource, transport: DoctorTransport): Promise<string>;
}

export interface DoctorReport {
  checks: Check[];
  endpoint: string;
  region: string;
  profile?: string;
  /** Every secret seen, for the renderer to mask should one ever reach a line. */
  secrets: string[];
}

const SOON_MS = 15 * 60_000;
const NOT_OFFERED = new Set(['MethodNotAllowed', 'InvalidAction', 'NotImplemented']);

function checkSigner(signer: DoctorSigner, profile: string | undefined, now: Date): { check: Check; usable: boolean } {
  const id = 'source-credentials';
  const title = 'source credentials';
  if (signer.kind === 'none') return { check: skipped(id, title, 'a web identity needs none: the token proves who calls'), usable: false };
  if (signer.kind === 'unchecked') return { check: skipped(id, title, signer.reason), usable: false };
  if (signer.kind === 'failed')
    return { check: fromError(id, title, signer.error, 'Pass --source-profile, or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY.'), usable: false };
  if (signer.kind === 'ecs-token') return { check: passed(id, title, `a Dell ECS token from ${signer.origin}`), usable: true };
  const { credentials, origin } = signer;
  const kind = credentials.sessionToken ? 'temporary keys' : 'long-term keys';
  const about = `${kind} ${mask(credentials.accessKeyId)} from ${origin}`;
  const expiration = credentials.expiration;
  if (!expiration) return { check: passed(id, title, about), usable: true };
  const left = expiration.getTime() - now.getTime();
  if (left <= 0) {
    const hint = new ExpiredCredentialsError(signer.profile ?? profile ?? 'default', expiration).hint!;
    return { check: failed(id, title, `${about} expired ${formatSkew(left)} ago (${expiration.toISOString()})`, hint), usable: false };
  }
  if (left < SOON_MS)
    return {
      check: warning(id, title, `${about} expire in ${formatSkew(left)}`, 'Assume the role again soon (sts-cli exec --server renews by itself).'),
      usable: true,
    };
  return { check: passed(id, title, `${about}, expiring in ${formatSkew(left)} (${expiration.toISOString()})`), usable: true };
}

async function checkIdentity(deps: DoctorDeps, connection: DoctorConnection): Promise<Check> {
  const id = 'identity';
  const title = 'identity';
  try {
    const who = await deps.callerIdentity(connection);
    return passed(id, title, `${who.arn} (account ${who.account || '(none)'}, user id ${who.userId || '(none)'})`);
  } catch (error) {
    if (error instanceof StsServiceError && (error.httpStatus === 405 || NOT_OFFERED.has(error.serviceCode))) {
      return warning(
        id,
        title,
        `the endpoint does not offer GetCallerIdentity (${error.serviceCode})`,
        'Ceph RGW before Quincy (17) lacks it: the credentials may still be valid.',
      );
    }
    return fromError(id, title, error, 'Check the credentials and the endpoint.');
  }
}

async function tokenChecks(deps: DoctorDeps, source: TokenSource | undefined, transport: DoctorTransport, secrets: string[]): Promise<Check[]> {
  if (source === undefined) {
    return [
      skipped(
        'token',
        'token',
        'no web identity token to check (--web-identity-token-file, --oidc github|circleci, --web-identity-token-env, --web-identity-token-process)',
      ),
    ];
  }
  let token: string;
  try {
    token = await deps.obtainToken(source, transport);
  } catch (error) {
    return [fromError('token', 'token', error, `Check ${describeTokenSource(source)}.`)];
  }
  secrets.push(token);
  const finding = checkToken(token, describeTokenSource(source), deps.now());
  if (!finding.jwt || finding.check.status === 'failed') return [finding.check];
  const caPem = transport.caBundle !== undefined ? safeBundle(transport.caBundle) : undefined;
  // The issuer is not the STS endpoint: the CA bundle is trusted besides the public CAs.
  const agent = createHttpAgent({
    ...(transport.caBundle !== undefined ? { caBundle: transport.caBundle } : {}),
    bundle: 'add',
    verify: true,
    timeoutMs: transport.timeoutMs,
  });
  try {
    return [finding.check, ...(await checkIssuer({ jwt: finding.jwt, agent, timeoutMs: transport.timeoutMs, ...(caPem !== undefined ? { caPem } : {}) }))];
  } finally {
    await agent.destroy();
  }
}

function safeBundle(path: string): string | undefined {
  try {
    return readCaBundle(path);
  } catch {
    return undefined;
  }
}

async function endpointChecks(deps: DoctorDeps, connection: DoctorConnection, signerUsable: boolean): Promise<Check[]> {
  const { transport } = connection;
  const checks: Check[] = [];
  let caPem: string | undefined;
  if (transport.caBundle !== undefined) {
    try {
      caPem = readCaBundle(transport.caBundle);
    } catch (error) {
      return [fromError('tls', 'TLS', error, 'Check --ca-bundle or AWS_CA_BUNDLE.')];
    }
  }
  const url = new URL(transport.endpoint);
  const reach = await checkReachability({
    url,
    verify: transport.verifySsl,
    timeoutMs: transport.timeoutMs,
    env: deps.env,
    now: deps.now(),
    ...(caPem !== undefined ? { caPem, caBundlePath: transport.caBundle! } : {}),
  });
  checks.push(...reach.checks);
  const later = (why: string) => [
    skipped('http', 'HTTP', why),
    skipped('dialect', 'dialect', why),
    skipped('clock', 'clock', why),
    skipped('identity', 'identity', why),
  ];
  if (!reach.reachable) return [...checks, ...later('the endpoint cannot be reached')];

  const agent = createHttpAgent({
    ...(transport.caBundle !== undefined ? { caBundle: transport.caBundle } : {}),
    bundle: 'replace',
    verify: transport.verifySsl,
    timeoutMs: transport.timeoutMs,
  });
  try {
    const probe = await probeEndpoint({
      agent,
      endpoint: transport.endpoint,
      dialect: connection.dialect,
      region: transport.region,
      timeoutMs: transport.timeoutMs,
      userAgent: deps.userAgent,
      now: deps.now,
    });
    if (!probe.first) {
      const failure = probe.failure!;
      const fix =
        failure.kind === 'tls'
          ? 'Pass --ca-bundle FILE (or set AWS_CA_BUNDLE) with the CA that signed it, or --no-verify-ssl.'
          : failure.kind === 'timeout'
            ? 'The server accepts connections but does not answer: check it, or raise --timeout.'
            : 'Check the endpoint URL and any HTTPS_PROXY setting.';
      checks.push(failed('http', 'HTTP', `no HTTP answer: ${failure.phrase}`, fix), ...later('no HTTP answer').slice(1));
      return checks;
    }
    const { answer, receivedAt, elapsedMs } = probe.first;
    const type = answer.headers['content-type'];
    checks.push(
      passed('http', 'HTTP', `answered HTTP ${answer.status}${type ? ` (${Array.isArray(type) ? type[0] : type})` : ''} in ${Math.round(elapsedMs)} ms`),
    );
    const finding = detectDialect(probe.observations);
    if (!finding.dialect) {
      checks.push(
        warning(
          'dialect',
          'dialect',
          `${finding.label}: ${finding.evidence}`,
          'Check that the endpoint URL is the STS endpoint (MinIO and Ceph: the S3 URL; Dell ECS: with --auth ecs-token).',
        ),
      );
    } else if (finding.dialect === 'ecs' && connection.dialect !== 'ecs') {
      checks.push(
        warning('dialect', 'dialect', `${finding.label}: ${finding.evidence}`, 'Dell ECS wants --auth ecs-token with --auth-token (or ECS_AUTH_TOKEN).'),
      );
    } else if (finding.dialect !== 'ecs' && connection.dialect === 'ecs') {
      checks.push(
        warning('dialect', 'dialect', `${finding.label}: ${finding.evidence}`, 'Only Dell ECS takes --auth ecs-token: sign with keys (--auth sigv4) here.'),
      );
    } else checks.push(passed('dialect', 'dialect', `${finding.label}: ${finding.evidence}`));
    const date = answer.headers.date;
    checks.push(checkClock(Array.isArray(date) ? date[0] : date, receivedAt));
  } finally {
    await agent.destroy();
  }
  if (connection.signer.kind === 'none') checks.push(skipped('identity', 'identity', 'a web identity: assume-web-identity says whom the token makes you'));
  else if (!signerUsable) checks.push(skipped('identity', 'identity', 'no usable source credentials'));
  else checks.push(await checkIdentity(deps, connection));
  return checks;
}

function hasProfile(files: SharedConfigFiles, name: string): boolean {
  return files.credentials.has(name) || files.config.has(name === 'default' ? 'default' : `profile ${name}`) || files.config.has(name);
}

/** Runs every check. */
export async function runDoctor(deps: DoctorDeps): Promise<DoctorReport> {
  const secrets: string[] = [];
  const { checks, files } = await checkFiles(deps.paths);
  const absentDefault = deps.profile?.optional === true && files !== undefined && !hasProfile(files, deps.profile.name);
  const profile = absentDefault ? undefined : deps.profile;
  const profileFinding = checkProfile(profile?.name, profile?.namedBy ?? '', files);
  checks.push(profileFinding.check);
  const resolved = profileFinding.resolved;
  const connection = await deps.connect(resolved);
  const { transport, signer } = connection;
  if (signer.kind === 'sigv4') secrets.push(signer.credentials.secretAccessKey, ...(signer.credentials.sessionToken ? [signer.credentials.sessionToken] : []));
  const signerCheck = checkSigner(signer, profile?.name, deps.now());
  checks.push(signerCheck.check);
  checks.push(
    passed('endpoint', 'endpoint', `${transport.endpoint} (region ${transport.region}${connection.dialect === 'ecs' ? ', Dell ECS requests to /sts' : ''})`),
  );
  checks.push(...(await endpointChecks(deps, connection, signerCheck.usable)));
  const tokenSource = deps.tokenSource ?? (resolved ? deps.profileTokenSource(resolved) : undefined);
  checks.push(...(await tokenChecks(deps, tokenSource, transport, secrets)));
  return { checks, endpoint: transport.endpoint, region: transport.region, ...(profile ? { profile: profile.name } : {}), secrets };
}
