import { describe, expect, it } from 'vitest';
import { BoundedCache } from '../src/boundedCache.js';

describe('BoundedCache', () => {
  it('remembers values, including null, until it is full', () => {
    const cache = new BoundedCache<string, number | null>(3);
    cache.set('a', 1);
    cache.set('b', null);
    expect(cache.get('a')).toBe(1);
    expect(cache.get('b')).toBeNull();
    expect(cache.get('c')).toBeUndefined();
    expect(cache.size).toBe(2);
  });

  it('clears itself when a new key arrives at the limit (the default)', () => {
    const cache = new BoundedCache<number, number>(3);
    for (const n of [1, 2, 3]) cache.set(n, n);
    cache.set(4, 4);
    expect(cache.size).toBe(1);
    expect([1, 2, 3].map((n) => cache.get(n))).toEqual([undefined, undefined, undefined]);
    expect(cache.get(4)).toBe(4);
  });

  it("drops only the oldest entry with 'oldest'", () => {
    const cache = new BoundedCache<number, number>(3, 'oldest');
    for (const n of [1, 2, 3, 4, 5]) cache.set(n, n * 10);
    expect(cache.size).toBe(3);
    expect([1, 2, 3, 4, 5].map((n) => cache.get(n))).toEqual([undefined, undefined, 30, 40, 50]);
  });

  it('never holds more than its maximum, whatever arrives', () => {
    for (const eviction of ['clear', 'oldest'] as const) {
      const cache = new BoundedCache<string, string>(16, eviction);
      for (let i = 0; i < 1000; i++) {
        cache.set(`key-${i}`, 'v');
        expect(cache.size).toBeLessThanOrEqual(16);
      }
    }
  });
});
