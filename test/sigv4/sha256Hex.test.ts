// The one SHA-256 (sha256Hex: signatures and the cache's keys) agrees with node:crypto's on every length around the block boundaries,
// on multi-byte UTF-8 text, and on FIPS 180-4's test vectors.
import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../../src/sigv4/sha256.js';

describe('sha256Hex', () => {
  it('the FIPS 180-4 test vectors', () => {
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256Hex('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')).toBe('248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1');
  });

  it('agrees with node:crypto for every length from 0 to 300 and for multi-byte text', () => {
    for (let n = 0; n <= 300; n++) {
      const text = randomBytes(n).toString('latin1').slice(0, n) + (n % 7 === 0 ? 'é€😀' : '');
      expect(sha256Hex(text), `length ${n}`).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
    }
  });
});
