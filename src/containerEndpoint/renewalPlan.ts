// When to assume again (pure). The SDKs fetch from a container endpoint again when the credentials
// they hold get close to their Expiration: botocore 15 minutes before (advisory: a failed fetch is
// tolerated) and 10 minutes before (mandatory: a failed fetch fails the call; RefreshableCredentials),
// the JS SDK 5 minutes (credentialsTreatedAsExpired) and the Go SDK 5 minutes (ExpiryWindow). Fresh
// credentials must be waiting before a window opens, or that SDK fetches on every call until they are.

const SECOND = 1000;
const MINUTE = 60 * SECOND;

/** How long before Expiration to renew, largest first: each SDK window plus time to retry a failure. */
export const RENEWAL_LEADS_MS: readonly number[] = [
  20 * MINUTE, // botocore's advisory window (15 min) + 5 min of retries before it opens
  11 * MINUTE, // botocore's mandatory window (10 min) + 1 min
  6 * MINUTE, // the JS and Go SDKs' window (5 min) + 1 min
];

/** A session is used for at least this share of its lifetime before it is renewed. */
const MIN_USED_SHARE = 1 / 4;
/** Credentials this close to Expiration are not handed out (a call signed now might arrive too late). */
const LAST_MOMENT_MS = 30 * SECOND;
const LAST_MOMENT_SHARE = 1 / 10;

export interface RenewalPlan {
  /** From then on, assume again (the old credentials are still served meanwhile). */
  renewAt: Date;
  /** After this, the credentials are not handed out any more. */
  usableUntil: Date;
  leadMs: number;
}

/**
 * The largest SDK window (plus margin) that still leaves the session a quarter of its lifetime:
 * 20 min before Expiration from 27 min sessions up (the default hour renews at 40 min), 11 min for
 * 15..26 min sessions (the 900 s minimum renews after 4 min, never inside botocore's mandatory window),
 * 6 min for 8..14 min; shorter sessions (only tests have them) renew at half their lifetime.
 */
export function planRenewal(expiration: Date, issuedAt: Date): RenewalPlan {
  const end = expiration.getTime();
  const lifetime = Math.max(0, end - issuedAt.getTime());
  const leadMs = RENEWAL_LEADS_MS.find((lead) => lead <= lifetime * (1 - MIN_USED_SHARE)) ?? lifetime / 2;
  const lastMoment = Math.min(LAST_MOMENT_MS, lifetime * LAST_MOMENT_SHARE);
  return { renewAt: new Date(end - leadMs), usableUntil: new Date(end - lastMoment), leadMs };
}

const FIRST_RETRY_MS = SECOND;
const MAX_RETRY_MS = 30 * SECOND;

/**
 * Wait before the next attempt after `failures` failed renewals in a row: 1 s doubling to 30 s, and
 * at most half the time the old credentials can still be served, so that several attempts fit in.
 */
export function retryDelayMs(failures: number, untilUnusableMs: number): number {
  const backoff = Math.min(FIRST_RETRY_MS * 2 ** Math.max(0, failures - 1), MAX_RETRY_MS);
  const bounded = untilUnusableMs > 0 ? Math.min(backoff, untilUnusableMs / 2) : backoff;
  return Math.max(FIRST_RETRY_MS, bounded);
}
