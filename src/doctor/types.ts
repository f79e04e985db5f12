// What the CLI hands doctor: the connection a call would use and the ways to reach what only the
// CLI can (its STS client, its token reading). Types only.
import type { ResolvedProfile } from '../credentials/profileTypes.js';
import type { DialectName as RequestDialect } from '../sts/dialects.js';
import type { AwsCredentials, CallerIdentity } from '../sts/types.js';
import type { TokenSource } from '../webIdentity/tokenSource.js';
import type { Check } from './check.js';

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
