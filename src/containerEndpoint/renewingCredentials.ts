// The credentials the endpoint serves, renewed on schedule: one renewal at a time however many
// requests wait for it (single-flight), the old credentials served while it runs or after it fails,
// failed renewals retried with backoff (never once per request), and an answer that says why when
// nothing valid is left.
import { isoSeconds } from '../credentials/isoSeconds.js';
import { isStsCliError, NoCredentialsError } from '../errors.js';
import { redact } from '../redact.js';
import { planRenewal, type RenewalPlan, retryDelayMs } from './renewalPlan.js';
import type { EndpointEvent, Provide, RenewalStats, Schedule, ServedCredentials } from './types.js';

export type Lookup = { ok: true; credentials: ServedCredentials } | { ok: false; message: string };

export interface RenewingCredentials {
  /** Obtains the first credentials (rejects with the source's error) and arms the renewal. */
  start(): Promise<void>;
  /** The credentials to answer now; waits only when nothing valid is left and a renewal is under way. */
  get(): Promise<Lookup>;
  stats(): RenewalStats;
  /** Cancels the timer; a renewal still under way is ignored when it ends. */
  stop(): void;
}

export interface RenewingOptions {
  provide: Provide;
  now: () => Date;
  schedule: Schedule;
  onEvent?: (event: EndpointEvent) => void;
}

interface Held {
  credentials: ServedCredentials;
  plan: RenewalPlan;
}

// Messages of StsCliErrors are written without secrets; anything else is not shown at all.
function describe(error: unknown): string {
  if (isStsCliError(error)) return redact(error.message);
  return 'an unexpected error';
}

export function createRenewingCredentials(options: RenewingOptions): RenewingCredentials {
  const { provide, now, schedule, onEvent } = options;
  let held: Held | undefined;
  let inflight: Promise<void> | undefined;
  let failures = 0;
  let lastFailure: string | undefined;
  let nextAttemptAt = 0;
  let cancelTimer: (() => void) | undefined;
  let stopped = false;
  const counts: RenewalStats = { provided: 0, renewals: 0, failedRenewals: 0 };

  const planOf = (credentials: ServedCredentials, at: Date) => planRenewal(credentials.expiration, credentials.issuedAt ?? at);
  const due = (t: number) => !stopped && !inflight && held !== undefined && t >= held.plan.renewAt.getTime() && t >= nextAttemptAt;

  function arm(): void {
    cancelTimer?.();
    cancelTimer = undefined;
    if (stopped || !held) return;
    const at = Math.max(held.plan.renewAt.getTime(), nextAttemptAt);
    cancelTimer = schedule(new Date(at), () => {
      cancelTimer = undefined;
      if (due(now().getTime())) void renew();
      else if (!inflight) arm();
    });
  }

  function fail(message: string, error: unknown): void {
    failures += 1;
    counts.failedRenewals += 1;
    lastFailure = message;
    const t = now().getTime();
    nextAttemptAt = t + retryDelayMs(failures, held ? held.plan.usableUntil.getTime() - t : 0);
    onEvent?.({ kind: 'renewal-failed', message, retryAt: new Date(nextAttemptAt), error });
  }

  async function attempt(): Promise<void> {
    counts.provided += 1;
    let fresh: ServedCredentials;
    try {
      fresh = await provide({ refresh: true });
    } catch (error) {
      if (!stopped) fail(describe(error), error);
      return;
    }
    if (stopped) return;
    const at = now();
    const plan = planOf(fresh, at);
    if (held && fresh.expiration.getTime() <= held.credentials.expiration.getTime()) {
      fail(`the renewal brought no fresher credentials (they expire at ${isoSeconds(fresh.expiration)}, as the ones it was to replace)`, undefined);
      return;
    }
    if (at.getTime() >= plan.usableUntil.getTime()) {
      fail(`the renewed credentials expire at ${isoSeconds(fresh.expiration)}, too soon to hand out`, undefined);
      return;
    }
    held = { credentials: fresh, plan };
    failures = 0;
    lastFailure = undefined;
    nextAttemptAt = 0;
    counts.renewals += 1;
    onEvent?.({ kind: 'renewed', expiration: fresh.expiration, renewAt: plan.renewAt });
  }

  function renew(): Promise<void> {
    if (!inflight) {
      // .finally runs after the assignment even when provide throws synchronously.
      inflight = attempt().finally(() => {
        inflight = undefined;
        arm();
      });
    }
    return inflight;
  }

  function unavailable(): Lookup {
    const expiry = held ? `the last ones expire at ${isoSeconds(held.credentials.expiration)}` : 'none were obtained';
    const why = lastFailure ? `renewing them failed: ${lastFailure}` : 'no renewal has succeeded yet';
    const next = nextAttemptAt > 0 ? ` sts-cli tries again at ${isoSeconds(new Date(nextAttemptAt))}.` : '';
    const message = `No valid credentials to serve: ${expiry} and ${why}.${next}`;
    onEvent?.({ kind: 'unavailable', message });
    return { ok: false, message };
  }

  // What can be handed out at `t`, if anything (read afresh: a renewal may have replaced it).
  const servable = (t: number): ServedCredentials | undefined => (held && t < held.plan.usableUntil.getTime() ? held.credentials : undefined);

  return {
    async start() {
      counts.provided += 1;
      let first = await provide({ refresh: false });
      let at = now();
      if (at.getTime() >= planOf(first, at).usableUntil.getTime()) {
        // A cached session about to end: assume again once before giving up.
        counts.provided += 1;
        first = await provide({ refresh: true });
        at = now();
      }
      const plan = planOf(first, at);
      if (at.getTime() >= plan.usableUntil.getTime()) {
        throw new NoCredentialsError(`The credentials obtained expire at ${isoSeconds(first.expiration)}, too soon to serve them.`, {
          hint: 'Check the clock of this machine and the duration the role allows.',
        });
      }
      held = { credentials: first, plan };
      arm();
    },

    async get() {
      const t = now().getTime();
      if (held && t < held.plan.renewAt.getTime()) return { ok: true, credentials: held.credentials };
      if (due(t)) void renew();
      const old = servable(t);
      if (old) return { ok: true, credentials: old };
      if (inflight) {
        await inflight;
        const renewed = servable(now().getTime());
        if (renewed) return { ok: true, credentials: renewed };
      }
      return unavailable();
    },

    stats: () => ({ ...counts }),

    stop() {
      stopped = true;
      cancelTimer?.();
      cancelTimer = undefined;
    },
  };
}
