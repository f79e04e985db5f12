// The renewal schedule with a clock and timers the test moves: when `provide` is called, how often,
// and what is served meanwhile.
import { describe, expect, it } from 'vitest';
import { createRenewingCredentials, type Lookup } from '../../src/containerEndpoint/renewingCredentials.js';
import type { EndpointEvent, ServedCredentials } from '../../src/containerEndpoint/index.js';
import { NoCredentialsError, StsServiceError } from '../../src/errors.js';
import { heldSource, MINUTE, manualClock, session, settle } from './clock.js';

function setup(lifetimeMs = 60 * MINUTE, options: { timers?: boolean } = {}) {
  const clock = manualClock();
  const source = heldSource();
  const events: EndpointEvent[] = [];
  // Without timers, renewals start only from requests, as after a timer that never fired.
  const schedule = options.timers === false ? () => () => {} : clock.schedule;
  const renewing = createRenewingCredentials({ provide: source.provide, now: clock.now, schedule, onEvent: (e) => events.push(e) });
  const fresh = (extra?: Partial<ServedCredentials>) => session(clock.now(), lifetimeMs, extra);
  return { clock, source, events, renewing, fresh };
}

async function started(lifetimeMs?: number) {
  const s = setup(lifetimeMs);
  const starting = s.renewing.start();
  const first = s.fresh();
  s.source.last().resolve(first);
  await starting;
  return { ...s, first };
}

const keyOf = (lookup: Lookup) => (lookup.ok ? lookup.credentials.accessKeyId : `unavailable: ${lookup.message}`);

describe('createRenewingCredentials', () => {
  it('asks for a cached session first, then serves it without calling provide again', async () => {
    const { source, renewing, clock, first } = await started();
    expect(source.calls.map((c) => c.request)).toEqual([{ refresh: false }]);
    for (let i = 0; i < 100; i++) expect(keyOf(await renewing.get())).toBe(first.accessKeyId);
    await clock.advance(39 * MINUTE);
    expect(keyOf(await renewing.get())).toBe(first.accessKeyId);
    expect(source.calls).toHaveLength(1);
    expect(clock.live().map((d) => d.toISOString())).toEqual(['2030-01-01T00:40:00.000Z']);
  });

  it('renews on its timer 20 minutes ahead, with refresh: true, once per session', async () => {
    const { source, renewing, clock, fresh, events } = await started();
    const keys: string[] = [];
    for (let round = 0; round < 3; round++) {
      await clock.advance(40 * MINUTE);
      expect(source.calls).toHaveLength(round + 2);
      expect(source.last().request).toEqual({ refresh: true });
      const next = fresh();
      source.last().resolve(next);
      await settle();
      keys.push(keyOf(await renewing.get()));
      expect(keys[round]).toBe(next.accessKeyId);
    }
    expect(new Set(keys).size).toBe(3);
    expect(renewing.stats()).toEqual({ provided: 4, renewals: 3, failedRenewals: 0 });
    expect(events.filter((e) => e.kind === 'renewed')).toHaveLength(3);
  });

  it('shares one renewal among concurrent requests and serves the old credentials while it runs', async () => {
    const { source, renewing, clock, first, fresh } = await started(15 * MINUTE);
    await clock.advance(4 * MINUTE);
    expect(source.calls).toHaveLength(2);
    const during = await Promise.all(Array.from({ length: 50 }, () => renewing.get()));
    expect(new Set(during.map(keyOf))).toEqual(new Set([first.accessKeyId]));
    expect(source.calls).toHaveLength(2);
    const next = fresh();
    source.last().resolve(next);
    await settle();
    expect(keyOf(await renewing.get())).toBe(next.accessKeyId);
    expect(source.calls).toHaveLength(2);
  });

  it('renews on a request when the timer came late (a machine that slept)', async () => {
    const s = setup(60 * MINUTE, { timers: false });
    const starting = s.renewing.start();
    const first = s.fresh();
    s.source.last().resolve(first);
    await starting;
    await s.clock.advance(45 * MINUTE);
    expect(s.source.calls).toHaveLength(1);
    // Still valid: served at once while the renewal it started runs.
    expect(keyOf(await s.renewing.get())).toBe(first.accessKeyId);
    expect(s.source.calls).toHaveLength(2);
    expect(s.source.last().request).toEqual({ refresh: true });
    const next = s.fresh();
    s.source.last().resolve(next);
    await settle();
    expect(keyOf(await s.renewing.get())).toBe(next.accessKeyId);
  });

  it('a request with nothing valid left waits for the renewal it started', async () => {
    const s = setup(12_000, { timers: false });
    const starting = s.renewing.start();
    s.source.last().resolve(s.fresh());
    await starting;
    await s.clock.advance(11_000);
    const waiting = s.renewing.get();
    const alsoWaiting = s.renewing.get();
    await settle();
    expect(s.source.calls).toHaveLength(2);
    const next = s.fresh();
    s.source.last().resolve(next);
    expect([keyOf(await waiting), keyOf(await alsoWaiting)]).toEqual([next.accessKeyId, next.accessKeyId]);
  });

  it('keeps serving the old credentials while renewals fail, retrying with backoff, not per request', async () => {
    const { source, renewing, clock, first, events } = await started();
    await clock.advance(40 * MINUTE);
    source.last().reject(new StsServiceError('Throttling', 'Rate exceeded', 400));
    await settle();
    for (let i = 0; i < 20; i++) expect(keyOf(await renewing.get())).toBe(first.accessKeyId);
    expect(source.calls).toHaveLength(2);
    const failed = events.find((e) => e.kind === 'renewal-failed');
    expect(failed?.kind === 'renewal-failed' && failed.message).toContain('Throttling');
    expect(failed?.kind === 'renewal-failed' && failed.retryAt.getTime() - clock.now().getTime()).toBe(1000);
    // 1 s, 2 s, 4 s… between attempts.
    await clock.advance(1000);
    expect(source.calls).toHaveLength(3);
    source.last().reject(new StsServiceError('Throttling', 'Rate exceeded', 400));
    await settle();
    await clock.advance(1999);
    expect(source.calls).toHaveLength(3);
    await clock.advance(1);
    expect(source.calls).toHaveLength(4);
    expect(renewing.stats()).toMatchObject({ provided: 4, failedRenewals: 2 });
  });

  it('answers why when nothing valid is left, without a secret, and recovers with the next attempt', async () => {
    const { source, renewing, clock, first, fresh } = await started(15 * MINUTE);
    await clock.advance(4 * MINUTE);
    let attempts = 0;
    // Every attempt fails until the credentials are past use (30 s before they expire).
    while (clock.now().getTime() < first.expiration.getTime() - 30_000) {
      if (source.calls.length > attempts + 1) {
        attempts += 1;
        source.last().reject(new StsServiceError('ServiceUnavailable', 'down', 503));
      }
      await clock.advance(2000);
    }
    if (source.calls.length > attempts + 1) source.last().reject(new StsServiceError('ServiceUnavailable', 'down', 503));
    await settle();
    const calls = source.calls.length;
    expect(calls).toBeLessThan(40);
    const answer = await renewing.get();
    expect(answer.ok).toBe(false);
    const message = answer.ok ? '' : answer.message;
    expect(message).toMatch(
      /^No valid credentials to serve: the last ones expire at 2030-01-01T00:15:00Z and renewing them failed: .*ServiceUnavailable.* sts-cli tries again at /,
    );
    for (const secret of [first.secretAccessKey, first.sessionToken]) expect(message).not.toContain(secret);
    expect(source.calls).toHaveLength(calls);
    await clock.advance(30_000);
    expect(source.calls.length).toBe(calls + 1);
    const next = fresh();
    const waiting = renewing.get();
    source.last().resolve(next);
    expect(keyOf(await waiting)).toBe(next.accessKeyId);
  });

  it('refuses a renewal that brings nothing fresher (a cache answering it) and counts it failed', async () => {
    const { source, renewing, clock, first, events } = await started();
    await clock.advance(40 * MINUTE);
    source.last().resolve(first);
    await settle();
    expect(renewing.stats()).toMatchObject({ renewals: 0, failedRenewals: 1 });
    const failed = events.find((e) => e.kind === 'renewal-failed');
    expect(failed?.kind === 'renewal-failed' && failed.message).toMatch(/no fresher credentials/);
    expect(keyOf(await renewing.get())).toBe(first.accessKeyId);
  });

  it('shows no message from an error it does not know (it might hold anything)', async () => {
    const { source, clock, events } = await started();
    await clock.advance(40 * MINUTE);
    source.last().reject(new Error('secret-0000 leaked'));
    await settle();
    const failed = events.find((e) => e.kind === 'renewal-failed');
    expect(failed?.kind === 'renewal-failed' && failed.message).toBe('an unexpected error');
  });

  it('start rejects with the error of provide', async () => {
    const s = setup();
    const starting = s.renewing.start();
    const error = new StsServiceError('AccessDenied', 'not allowed', 403);
    s.source.last().reject(error);
    await expect(starting).rejects.toBe(error);
  });

  it('start assumes again once when the cached session is about to end, and refuses credentials too short to serve', async () => {
    const s = setup();
    const starting = s.renewing.start();
    const hourAgo = new Date(s.clock.now().getTime() - 60 * MINUTE);
    s.source.last().resolve(session(hourAgo, 60 * MINUTE + 10_000, { issuedAt: hourAgo }));
    await settle();
    expect(s.source.calls.map((c) => c.request)).toEqual([{ refresh: false }, { refresh: true }]);
    s.source.last().resolve(session(hourAgo, 60 * MINUTE, { issuedAt: hourAgo }));
    await expect(starting).rejects.toBeInstanceOf(NoCredentialsError);
  });

  it('stop cancels the timer and ignores a renewal that ends afterwards', async () => {
    const { source, renewing, clock, first, fresh } = await started();
    await clock.advance(40 * MINUTE);
    renewing.stop();
    source.last().resolve(fresh());
    await settle();
    expect(clock.live()).toEqual([]);
    expect(keyOf(await renewing.get())).toBe(first.accessKeyId);
    await clock.advance(60 * MINUTE);
    expect(source.calls).toHaveLength(2);
  });
});
