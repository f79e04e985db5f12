// An RSA 2048 key derived from a seed, so that every instance sharing a signing key signs with,
// and publishes, the same key (node:crypto cannot seed its own RSA generation). The primes are
// found as OpenSSL finds them: random odd 1024-bit starts (here from an HMAC_DRBG), an incremental
// search that skips multiples of the small primes, and OpenSSL's own Miller-Rabin test
// (crypto.checkPrimeSync, BN_check_prime: error below 2^-128). A prime always passes that test,
// so the key depends on the seed alone. Built with BigInt, imported as a JWK, and checked by a
// signature before it is used.
import { checkPrimeSync, createPrivateKey, createPublicKey, type KeyObject, sign, verify } from 'node:crypto';
import { HmacDrbg } from './hmacDrbg.js';

const MODULUS_BITS = 2048;
const PRIME_BYTES = MODULUS_BITS / 16;
const E = 65537n;
/** Sieve bound: the odd primes below it weed out ~90% of the candidates before Miller-Rabin. */
const SIEVE_LIMIT = 1 << 14;
/** FIPS 186-4 B.3.3: |p - q| must exceed 2^(nlen/2 - 100). */
const MIN_DISTANCE = 1n << BigInt(MODULUS_BITS / 2 - 100);

const SMALL_PRIMES: readonly number[] = (() => {
  const composite = new Uint8Array(SIEVE_LIMIT);
  const primes: number[] = [];
  for (let i = 3; i < SIEVE_LIMIT; i += 2) {
    if (composite[i]) continue;
    primes.push(i);
    for (let j = i * i; j < SIEVE_LIMIT; j += 2 * i) composite[j] = 1;
  }
  return primes;
})();

const toBigInt = (bytes: Uint8Array): bigint => BigInt(`0x${Buffer.from(bytes).toString('hex')}`);

function toBytes(n: bigint): Buffer {
  const hex = n.toString(16);
  return Buffer.from(hex.length % 2 ? `0${hex}` : hex, 'hex');
}

const b64u = (n: bigint): string => toBytes(n).toString('base64url');

function modInverse(a: bigint, m: bigint): bigint {
  let [oldR, r] = [a % m, m];
  let [oldS, s] = [1n, 0n];
  while (r !== 0n) {
    const q = oldR / r;
    [oldR, r] = [r, oldR - q * r];
    [oldS, s] = [s, oldS - q * s];
  }
  if (oldR !== 1n) throw new RangeError('not invertible');
  return ((oldS % m) + m) % m;
}

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

/**
 * The first prime at or after a random odd start with its two top bits set (so that p·q has
 * exactly 2048 bits) and p ≢ 1 (mod e), so that e is invertible modulo p - 1.
 */
function nextPrime(drbg: HmacDrbg): bigint {
  const start = drbg.generate(PRIME_BYTES);
  start[0]! |= 0xc0;
  start[PRIME_BYTES - 1]! |= 0x01;
  const base = toBigInt(start);
  const residues = SMALL_PRIMES.map((p) => Number(base % BigInt(p)));
  const eResidue = Number(base % E);
  // 2^20 steps of 2 stay within the 1024 bits the top bits leave room for; a prime gap that long
  // has never been seen at this size, but a fresh start costs nothing if it happens.
  for (let step = 0; step < 1 << 20; step += 2) {
    let survives = (eResidue + step) % 65537 !== 1;
    for (let i = 0; survives && i < SMALL_PRIMES.length; i++) if ((residues[i]! + step) % SMALL_PRIMES[i]! === 0) survives = false;
    if (!survives) continue;
    const candidate = base + BigInt(step);
    if (checkPrimeSync(candidate)) return candidate;
  }
  return nextPrime(drbg);
}

export interface RsaKeyPair {
  privateKey: KeyObject;
  publicKey: KeyObject;
}

/** The RSA 2048 key (e = 65537) a seed of 32 or more bytes determines. */
export function deriveRsaKey(seed: Uint8Array): RsaKeyPair {
  const drbg = new HmacDrbg(seed, new Uint8Array(0), Buffer.from('sts-cli mock oidc rsa-2048 v1'));
  let p = nextPrime(drbg);
  let q = nextPrime(drbg);
  while (p === q || (p > q ? p - q : q - p) <= MIN_DISTANCE) q = nextPrime(drbg);
  if (p < q) [p, q] = [q, p];
  const n = p * q;
  const lambda = ((p - 1n) * (q - 1n)) / gcd(p - 1n, q - 1n);
  const d = modInverse(E, lambda);
  const privateKey = createPrivateKey({
    format: 'jwk',
    key: { kty: 'RSA', n: b64u(n), e: b64u(E), d: b64u(d), p: b64u(p), q: b64u(q), dp: b64u(d % (p - 1n)), dq: b64u(d % (q - 1n)), qi: b64u(modInverse(q, p)) },
  });
  const publicKey = createPublicKey(privateKey);
  // The key is only used once it has signed and verified: a wrong CRT value would fail here.
  const probe = Buffer.from('sts-cli rsa self-test');
  if (!verify('sha256', probe, publicKey, sign('sha256', probe, privateKey))) throw new Error('derived RSA key failed its self-test');
  return { privateKey, publicKey };
}
