import { describe, expect, it } from 'vitest';
import { sameText } from '../src/sameText.js';

describe('sameText', () => {
  it('tells equal texts from different ones and from prefixes', () => {
    expect(sameText('abc', 'abc')).toBe(true);
    expect(sameText('abc', 'abd')).toBe(false);
    expect(sameText('abc', 'ab')).toBe(false);
    expect(sameText('', '')).toBe(true);
    expect(sameText('é', 'e')).toBe(false);
  });
});
