// What sts-cli's cache holds for a profile, found without running, asking or sending anything: the
// seam `sts-cli list` shows a role (or web identity) profile's cached session through.
import type { CliContext } from '../context.js';
import type { SharedConfigFiles } from '../../credentials/profileTypes.js';
import { ExpiredCredentialsError } from '../../errors.js';
import { dialectOf, planNamedProfile, type PlannedConnection, resolveTransport } from '../resolveConnection.js';
import { CacheMiss } from './cachedCall.js';
import { obtainSigner } from './obtainSigner.js';
import { DEFAULT_MFA_SESSION_SECONDS } from './sessionOptions.js';
import { planProfile } from './sourcePlan.js';

/**
 * When the session `sts-cli env NAME` would answer from the cache expires; undefined when the
 * profile holds stored keys, when a hop is not cached (or expires within 5 minutes), or when its
 * source is a process (which peeking never runs), or with another --mfa-session-duration than the
 * default. Throws what planning the profile throws. `files`: both files already read, and
 * `cachedEntries`: the cache folder's names, read once (sts-cli list).
 */
export async function cachedProfileSessionExpiry(
  name: string,
  ctx: CliContext,
  files?: SharedConfigFiles,
  cachedEntries?: ReadonlySet<string>,
): Promise<Date | undefined> {
  let planned: PlannedConnection;
  if (files === undefined) planned = await planNamedProfile(name, 'from list', ctx);
  else {
    const profile = planProfile(name, files, 'from list', ctx.env, ctx.now());
    planned = { auth: { kind: 'source', plan: profile.plan }, settings: profile.settings };
  }
  if (planned.auth.kind !== 'source') return undefined;
  const { plan } = planned.auth;
  if (plan.hops.length === 0 && plan.first.kind !== 'web-identity') return undefined;
  const transport = resolveTransport({ timeout: '30', verifySsl: true }, ctx, planned.settings);
  try {
    const signer = await obtainSigner(plan, { transport, dialect: dialectOf(planned.auth, 'aws') }, ctx, {
      cache: 'peek',
      mfaSessionSeconds: DEFAULT_MFA_SESSION_SECONDS,
      ...(cachedEntries ? { cachedEntries } : {}),
    });
    return signer.sourceExpiration;
  } catch (error) {
    // Expired source keys have no live session on top of them either.
    if (error instanceof CacheMiss || error instanceof ExpiredCredentialsError) return undefined;
    throw error;
  }
}
