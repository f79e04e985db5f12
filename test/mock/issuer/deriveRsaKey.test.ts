// The RSA key derived from a seed: deterministic, a valid RSA 2048 key as OpenSSL's own check
// sees it (`openssl pkey -check`: p and q prime, n = pq, d, the CRT values), usable for RS256.
import { execFileSync } from 'node:child_process';
import { checkPrimeSync, createHash, randomBytes } from 'node:crypto';
import { exportJWK, jwtVerify, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { deriveRsaKey } from '../../../src/mock/issuer/deriveRsaKey.js';

const big = (b64u: string) => BigInt(`0x${Buffer.from(b64u, 'base64url').toString('hex')}`);

describe('deriveRsaKey', () => {
  const seed = createHash('sha256').update('a fixed seed for the test').digest();
  const first = deriveRsaKey(seed);

  it('gives the same key for the same seed and another for another seed', () => {
    const again = deriveRsaKey(Buffer.from(seed));
    const n = (k: typeof first) => k.publicKey.export({ format: 'jwk' }).n;
    expect(n(again)).toBe(n(first));
    expect(n(deriveRsaKey(randomBytes(32)))).not.toBe(n(first));
  });

  it('is a 2048-bit key with e = 65537 whose factors are distinct primes, far apart', () => {
    const jwk = first.privateKey.export({ format: 'jwk' }) as Record<string, string>;
    const [n, e, d, p, q] = [big(jwk.n!), big(jwk.e!), big(jwk.d!), big(jwk.p!), big(jwk.q!)];
    expect(n.toString(2)).toHaveLength(2048);
    expect(e).toBe(65537n);
    expect(p * q).toBe(n);
    expect(checkPrimeSync(p, { checks: 64 }) && checkPrimeSync(q, { checks: 64 })).toBe(true);
    expect((p > q ? p - q : q - p) > 1n << 924n).toBe(true);
    // d·e ≡ 1 modulo p-1 and q-1 (so modulo their lcm).
    expect([(d * e) % (p - 1n), (d * e) % (q - 1n)]).toEqual([1n, 1n]);
  });

  it('passes OpenSSL’s own key check', () => {
    const pem = first.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const out = execFileSync('openssl', ['pkey', '-check', '-noout'], { input: pem, encoding: 'utf8' });
    expect(out).toMatch(/Key is valid/);
  });

  it('signs RS256 tokens that jose verifies with the public JWK', async () => {
    const token = await new SignJWT({ sub: 'ci' }).setProtectedHeader({ alg: 'RS256' }).sign(first.privateKey);
    const { payload } = await jwtVerify(token, await exportJWK(first.publicKey), { algorithms: ['RS256'] });
    expect(payload.sub).toBe('ci');
  });
});
