import { describe, expect, it } from 'vitest';
import { rememberingLast } from '../src/rememberingLast.js';

describe('rememberingLast', () => {
  it('computes once while the input repeats, again when it changes, and knows a first undefined input', () => {
    const seen: Array<string | undefined> = [];
    const upper = rememberingLast((text: string | undefined) => {
      seen.push(text);
      return text?.toUpperCase();
    });
    expect([upper(undefined), upper('a'), upper('a'), upper('b'), upper('a')]).toEqual([undefined, 'A', 'A', 'B', 'A']);
    expect(seen).toEqual([undefined, 'a', 'b', 'a']);
  });
});
