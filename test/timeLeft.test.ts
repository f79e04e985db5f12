// One time-left formatter for every message and table (issue 8): the same fresh 1 h session reads
// "in 1h" at issue time and a few seconds later, not "in 1h" in one place and "in 59m" in another.
import { describe, expect, it } from 'vitest';
import { spanText, timeLeft } from '../src/timeLeft.js';

const NOW = new Date('2026-12-02T00:00:00Z');
const expiringIn = (ms: number) => new Date(NOW.getTime() + ms);

describe('timeLeft', () => {
  it('rounds to the nearest minute, so seconds of delay do not change what a person reads', () => {
    expect(timeLeft(expiringIn(3600_000), NOW)).toBe('in 1h');
    expect(timeLeft(expiringIn(3598_000), NOW)).toBe('in 1h');
    expect(timeLeft(expiringIn(3570_000), NOW)).toBe('in 1h');
    expect(timeLeft(expiringIn(3569_000), NOW)).toBe('in 59m');
    expect(timeLeft(expiringIn(43_199_000), NOW)).toBe('in 12h');
    expect(timeLeft(expiringIn(5_400_000), NOW)).toBe('in 1h 30m');
  });

  it('seconds under a minute, days past a day, "ago" when past', () => {
    expect(timeLeft(expiringIn(59_000), NOW)).toBe('in 59s');
    expect(timeLeft(expiringIn(-125_000), NOW)).toBe('2m ago');
    expect(timeLeft(expiringIn(7 * 86_400_000), NOW)).toBe('in 7d');
    expect(spanText(90_000_000)).toBe('1d 1h');
  });
});
