// HMAC_DRBG SHA-256 against NIST's CAVP vectors (HMAC_DRBG.rsp, [SHA-256], no prediction
// resistance, no reseed, 1024 returned bits: instantiate, generate, generate; the second is compared).
import { describe, expect, it } from 'vitest';
import { HmacDrbg } from '../../../src/mock/issuer/hmacDrbg.js';

const hex = (s: string) => Buffer.from(s, 'hex');

describe('HmacDrbg', () => {
  it('gives NIST CAVP SHA-256 COUNT 0 (EntropyInputLen 256, NonceLen 128, no personalization)', () => {
    const drbg = new HmacDrbg(hex('ca851911349384bffe89de1cbdc46e6831e44d34a4fb935ee285dd14b71a7488'), hex('659ba96c601dc69fc902940805ec0ca8'));
    drbg.generate(128);
    expect(drbg.generate(128).toString('hex')).toBe(
      'e528e9abf2dece54d47c7e75e5fe302149f817ea9fb4bee6f4199697d04d5b89d54fbb978a15b5c443c9ec21036d2460b6f73ebad0dc2aba6e624abf07745bc1' +
        '07694bb7547bb0995f70de25d6b29e2d3011bb19d27676c07162c8b5ccde0668961df86803482cb37ed6d5c0bb8d50cf1f50d476aa0458bdaba806f48be9dcb8',
    );
  });

  it('is a pure function of its seed: same seed, same stream; partial blocks; the request bound', () => {
    const seed = Buffer.alloc(32, 7);
    const a = new HmacDrbg(seed);
    const b = new HmacDrbg(seed);
    expect(a.generate(45)).toEqual(b.generate(45));
    expect(a.generate(45)).not.toEqual(new HmacDrbg(Buffer.alloc(32, 8)).generate(45));
    expect(a.generate(0)).toHaveLength(0);
    expect(() => a.generate(938)).toThrow(RangeError);
  });
});
