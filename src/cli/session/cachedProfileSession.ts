// What sts-cli's cache holds for a profile, found without running, asking or sending anything: the
// seam `sts-cli list` shows a role (or web identity) profile's cached session through.
import { readdirSync } from 'node:fs';
import type { CliContext } from '../context.js';
import type { SharedConfigFiles } from '../../credentials/profileTypes.js';
import { ExpiredCredentialsError } from '../../errors.js';
import { type Connection, dialectOf, resolveTransport, type Transport } from '../resolveConnection.js';
import { cacheKey } from '../../credentials/cache.js';
import { cacheDir } from '../../credentials/paths.js';
import { CacheMiss } from './cachedCall.js';
import { callIdentity } from './callIdentity.js';
import { mfaSessionRequest } from './mfaSession.js';
import { obtainSigner } from './obtainSigner.js';
import { hopCall, uncheckedHop } from './planHops.js';
import { DEFAULT_MFA_SESSION_SECONDS, type SessionOptions } from './sessionOptions.js';
import { type FirstSigner, planProfile, type ProfileSettings, type SourcePlan } from './sourcePlan.js';

type Route = Pick<Connection, 'transport' | 'dialect'>;

/** The transport of env and exec (no endpoint flags), which a cached session was obtained over. */
const PEEK_TRANSPORT = { timeout: '30', verifySsl: true } as const;

/** Whether `plan` gives a session sts-cli caches: a chain, or a web identity assumed. */
const givesSession = (plan: SourcePlan) => plan.hops.length > 0 || plan.first.kind === 'web-identity';

/** When the session `plan` gives over `route` expires, from the cache alone; undefined on a miss. */
async function peekSession(plan: SourcePlan, route: Route, ctx: CliContext, options: SessionOptions): Promise<Date | undefined> {
  try {
    return (await obtainSigner(plan, route, ctx, options)).sourceExpiration;
  } catch (error) {
    // Expired source keys have no live session on top of them either.
    if (error instanceof CacheMiss || error instanceof ExpiredCredentialsError) return undefined;
    throw error;
  }
}

/**
 * Whether the cache folder holds an entry for the first call of `plan` (a one-hop chain): its
 * AssumeRole, or the MFA session below it, signed by keys at hand. Computing that key is all a miss
 * costs; the rest of the walk (obtainSigner) is left to the plans whose first entry is there.
 */
function firstCallListed(plan: SourcePlan, route: Route, options: SessionOptions, now: Date): boolean {
  const { first } = plan;
  if (first.kind !== 'keys' || plan.hops.length !== 1 || options.cachedEntries === undefined) return true;
  // Unchecked: a hop with a bad value is never sent, so never cached; obtainSigner refuses it.
  const hop = uncheckedHop(plan.hops[0]!, now);
  const auth = { kind: 'sigv4', credentials: first.credentials } as const;
  const { request, mfaSessionFirst } = hopCall(hop, { auth });
  const call = mfaSessionFirst ? mfaSessionRequest(hop.mfaSerial!, options.mfaSessionSeconds) : request;
  const key = cacheKey(callIdentity(call, { auth, transport: route.transport }, !mfaSessionFirst && hop.generatedSessionName));
  return options.cachedEntries.has(`${key}.json`);
}

// What a first signer is, within one files object and environment: enough to tell two plans' apart.
function firstSignerId(first: FirstSigner): string {
  switch (first.kind) {
    case 'keys':
      return `keys ${first.origin}`;
    case 'web-identity':
      return `web-identity ${first.source.profile}`;
    default:
      return `${first.kind} ${first.profile}`;
  }
}

/** When a profile's cached session expires, if the cache holds one. */
export type SessionLookup = (name: string) => Promise<Date | undefined>;

/** The names in the cache folder; undefined when it cannot be listed (missing: no sessions). Synchronous, as safePath.ts reads. */
function cacheNames(dir: string): string[] | undefined {
  try {
    return readdirSync(dir);
  } catch {
    return undefined;
  }
}

/**
 * What looks up, for each profile of `files` (sts-cli list), when the session `sts-cli env NAME`
 * would answer from the cache expires: undefined when the profile holds stored keys, when a hop is
 * not cached (or expires within 5 minutes), when its source is a process (which peeking never
 * runs), or with another --mfa-session-duration than the default; it throws what planning the
 * profile throws. Undefined itself when the cache folder holds no entry: nothing to look up, and no
 * cache key to compute. What profiles have in common is shared: the folder's names are read once
 * (an entry not among them is a miss without a look); a transport is resolved once per profile
 * settings; and the sessions below a chain's last hop are the chain of the role profile it is
 * sourced from, looked up once: when that one is a miss, so is every chain on top of it, and
 * nothing more is computed for them.
 */
export function cachedSessionLookup(files: SharedConfigFiles, ctx: CliContext): SessionLookup | undefined {
  const names = cacheNames(cacheDir(ctx.env, ctx.home));
  if (!names?.some((name) => name.endsWith('.json'))) return undefined;
  const cachedEntries: ReadonlySet<string> = new Set(names);
  const options: SessionOptions = { cache: 'peek', mfaSessionSeconds: DEFAULT_MFA_SESSION_SECONDS, cachedEntries };
  const transports = new Map<string, Transport>();
  // A miss known from the folder's names alone is `undefined` at once, without a promise.
  const sessions = new Map<string, Promise<Date | undefined> | undefined>();
  const transportOf = (settings: ProfileSettings) => {
    const id = JSON.stringify(settings);
    const transport = transports.get(id) ?? resolveTransport(PEEK_TRANSPORT, ctx, settings);
    transports.set(id, transport);
    return transport;
  };
  // Within one run the files, the environment and the time are fixed: the route, the first signer
  // and the hops' profiles name a session.
  const sessionOf = (plan: SourcePlan, route: Route): Promise<Date | undefined> | undefined => {
    const { endpoint, region } = route.transport;
    const id = [endpoint, region, route.dialect, firstSignerId(plan.first), ...plan.hops.map((hop) => hop.profile)].join('\n');
    if (sessions.has(id)) return sessions.get(id);
    let session: Promise<Date | undefined> | undefined;
    if (plan.hops.length > 1) {
      // A chain's sessions are looked up from the bottom: a miss below its last hop is a miss.
      const below = sessionOf({ first: plan.first, hops: plan.hops.slice(0, -1) }, route);
      session = below?.then((found) => (found ? peekSession(plan, route, ctx, options) : undefined));
    } else if (firstCallListed(plan, route, options, ctx.now())) session = peekSession(plan, route, ctx, options);
    sessions.set(id, session);
    return session;
  };
  return async (name) => {
    const { plan, settings } = planProfile(name, files, 'from list', ctx.env, ctx.now());
    if (!givesSession(plan)) return undefined;
    const transport = transportOf(settings);
    return sessionOf(plan, { transport, dialect: dialectOf({ kind: 'source', plan }, 'aws') });
  };
}
