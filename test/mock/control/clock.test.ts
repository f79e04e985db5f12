// The mock's clock: real time, an offset, a pinned time; bad times refused with a sentence.
import { describe, expect, it } from 'vitest';
import { checkClockTime, MockClock } from '../../../src/mock/control/clock.js';

function stepped(start: number) {
  const real = { ms: start };
  return { real, clock: new MockClock(() => real.ms) };
}

describe('MockClock', () => {
  it('follows real time until moved', () => {
    const { real, clock } = stepped(Date.UTC(2026, 0, 1));
    expect(clock.now().toISOString()).toBe('2026-01-01T00:00:00.000Z');
    real.ms += 1500;
    expect(clock.nowMs()).toBe(Date.UTC(2026, 0, 1) + 1500);
    expect(clock.state()).toEqual({ mode: 'real', now: '2026-01-01T00:00:01.500Z', offsetSeconds: 0 });
  });

  it('advance adds an offset that keeps running with real time', () => {
    const { real, clock } = stepped(Date.UTC(2026, 0, 1));
    expect(clock.advance(3600).ok).toBe(true);
    real.ms += 1000;
    expect(clock.now().toISOString()).toBe('2026-01-01T01:00:01.000Z');
    expect(clock.state()).toMatchObject({ mode: 'offset', offsetSeconds: 3600 });
    clock.advance(-7200);
    expect(clock.state().offsetSeconds).toBe(-3600);
  });

  it('set pins the time; advance moves the pinned time; reset returns to real time', () => {
    const { real, clock } = stepped(Date.UTC(2026, 0, 1));
    expect(clock.set('2030-06-01T12:00:00Z').ok).toBe(true);
    real.ms += 60_000;
    expect(clock.now().toISOString()).toBe('2030-06-01T12:00:00.000Z');
    clock.advance(90);
    expect(clock.now().toISOString()).toBe('2030-06-01T12:01:30.000Z');
    expect(clock.state().mode).toBe('set');
    clock.set(new Date('2031-01-01T00:00:00+02:00'));
    expect(clock.now().toISOString()).toBe('2030-12-31T22:00:00.000Z');
    clock.reset();
    expect(clock.nowMs()).toBe(real.ms);
    expect(clock.state().mode).toBe('real');
  });

  it('realNow stays on real time while the mock clock moves (for the SigV4 timestamp window)', () => {
    const { real, clock } = stepped(Date.UTC(2026, 0, 1));
    clock.advance(7200);
    const realNow: () => Date = clock.realNow;
    expect(realNow().getTime()).toBe(real.ms);
    clock.set('2030-01-01T00:00:00Z');
    expect(realNow().getTime()).toBe(real.ms);
  });

  it('hold reads real time once and answers with it until release; a second hold changes nothing', () => {
    let reads = 0;
    let ms = Date.UTC(2026, 0, 1);
    const clock = new MockClock(() => {
      reads++;
      ms += 1000;
      return ms;
    });
    clock.advance(60);
    const before = reads;
    expect(clock.hold()).toBe(true);
    const held = clock.nowMs();
    expect(clock.hold()).toBe(false);
    expect([clock.nowMs(), clock.now().getTime(), clock.realNow().getTime() + 60_000, Date.parse(clock.state().now)]).toEqual([held, held, held, held]);
    expect(clock.state().offsetSeconds).toBe(60);
    expect(reads - before).toBe(1);
    clock.release();
    expect(clock.nowMs()).toBe(held + 1000);
    expect(reads - before).toBe(2);
  });

  it('now is a drop-in for MockContext.now: it works unbound', () => {
    const { clock } = stepped(Date.UTC(2026, 0, 1));
    const now: () => Date = clock.now;
    clock.advance(10);
    expect(now().toISOString()).toBe('2026-01-01T00:00:10.000Z');
  });

  it.each([
    ['1969-12-31T23:59:59Z', /between 1970-01-01 and 9999-12-31/],
    ['not a date', /ISO 8601 with a zone/],
    ['2030-01-01T00:00:00', /ISO 8601 with a zone/],
    ['March 7, 2030', /ISO 8601 with a zone/],
    ['2030-13-45T00:00:00Z', /not a valid date/],
    [12345, /ISO 8601 string/],
    [null, /ISO 8601 string/],
    [new Date(Number.NaN), /not a valid date/],
    ['+275760-09-13T00:00:00Z', /ISO 8601 with a zone/],
  ])('refuses to set %s', (value, message) => {
    const checked = checkClockTime(value);
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(checked.message).toMatch(message);
  });

  it('accepts a date alone as midnight UTC, and fractions up to nanoseconds', () => {
    expect(checkClockTime('2030-01-01')).toEqual({ ok: true, value: Date.UTC(2030, 0, 1) });
    expect(checkClockTime('2030-01-01T00:00:00.123456789Z')).toEqual({ ok: true, value: Date.UTC(2030, 0, 1) + 123 });
  });

  it('refuses an advance that is not a number or leaves 1970..9999, and then does not move', () => {
    const { clock } = stepped(Date.UTC(2026, 0, 1));
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, '60' as unknown as number, -60 * 365 * 86400, 1e13]) {
      const checked = clock.advance(bad);
      expect(checked.ok).toBe(false);
    }
    expect(clock.state()).toMatchObject({ mode: 'real', offsetSeconds: 0 });
  });
});
