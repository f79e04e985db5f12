import { describe, expect, it } from 'vitest';
import { planRenewal, retryDelayMs } from '../../src/containerEndpoint/index.js';

const MINUTE = 60_000;
const issued = new Date('2030-01-01T00:00:00Z');
const plan = (lifetimeMs: number) => planRenewal(new Date(issued.getTime() + lifetimeMs), issued);
const ageAtRenewal = (lifetimeMs: number) => (plan(lifetimeMs).renewAt.getTime() - issued.getTime()) / MINUTE;

describe('planRenewal', () => {
  it('renews an hour session 20 minutes ahead: before botocore (15), the JS and Go SDKs (5) fetch again', () => {
    const p = plan(60 * MINUTE);
    expect(p.leadMs).toBe(20 * MINUTE);
    expect(p.renewAt.toISOString()).toBe('2030-01-01T00:40:00.000Z');
    expect(p.usableUntil.toISOString()).toBe('2030-01-01T00:59:30.000Z');
    expect(ageAtRenewal(12 * 60 * MINUTE)).toBe(12 * 60 - 20);
    expect(ageAtRenewal(30 * MINUTE)).toBe(10);
  });

  it('renews the 900 s minimum after 4 minutes, outside botocore’s mandatory window (10 min)', () => {
    // Inside botocore's advisory window from the start (15 min ≤ 15 min): it fetches on every call.
    expect(plan(15 * MINUTE).leadMs).toBe(11 * MINUTE);
    expect(ageAtRenewal(15 * MINUTE)).toBe(4);
    expect(plan(20 * MINUTE).leadMs).toBe(11 * MINUTE);
    expect(plan(26 * MINUTE).leadMs).toBe(11 * MINUTE);
    expect(plan(27 * MINUTE).leadMs).toBe(20 * MINUTE);
  });

  it('every session the STS can issue (900 s up) is renewed before the mandatory and the 5-minute windows', () => {
    const wrong: number[] = [];
    for (let seconds = 900; seconds <= 7 * 24 * 3600; seconds += 60) {
      const p = plan(seconds * 1000);
      const used = p.renewAt.getTime() - issued.getTime();
      if (p.leadMs <= 10 * MINUTE || used < (seconds * 1000) / 4 || (seconds >= 27 * 60 && p.leadMs <= 15 * MINUTE)) wrong.push(seconds);
    }
    expect(wrong).toEqual([]);
  });

  it('shorter sessions (only tests and odd servers have them) keep the 5-minute window, then half their life', () => {
    expect(plan(10 * MINUTE).leadMs).toBe(6 * MINUTE);
    expect(plan(8 * MINUTE).leadMs).toBe(6 * MINUTE);
    const short = plan(12_000);
    expect(short.leadMs).toBe(6_000);
    expect(short.usableUntil.getTime() - issued.getTime()).toBe(10_800);
  });

  it('plans from the issue time when it is known, not from when the session reached us', () => {
    const expiration = new Date(issued.getTime() + 60 * MINUTE);
    const cached = planRenewal(expiration, issued);
    const unknown = planRenewal(expiration, new Date(issued.getTime() + 35 * MINUTE));
    expect(cached.renewAt.toISOString()).toBe('2030-01-01T00:40:00.000Z');
    expect(unknown.leadMs).toBe(11 * MINUTE);
  });

  it('renews at once credentials that are expired or have no lifetime', () => {
    const p = planRenewal(issued, new Date(issued.getTime() + MINUTE));
    expect(p.renewAt.getTime()).toBe(issued.getTime());
    expect(p.usableUntil.getTime()).toBe(issued.getTime());
  });
});

describe('retryDelayMs', () => {
  it('backs off from 1 s to 30 s', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 20].map((n) => retryDelayMs(n, 60 * MINUTE))).toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000]);
  });
  it('fits several attempts into the time the old credentials have left, never below 1 s', () => {
    expect(retryDelayMs(6, 20_000)).toBe(10_000);
    expect(retryDelayMs(6, 500)).toBe(1000);
    expect(retryDelayMs(3, -5)).toBe(4000);
  });
});
