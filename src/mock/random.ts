// Random bytes for the hot path, drawn from one pooled buffer that node:crypto's CSPRNG refills
// 4 KiB at a time: a key id or a token IV costs a few array reads, not a call into OpenSSL each.
import { randomFillSync } from 'node:crypto';

const POOL_BYTES = 4096;
const pool = Buffer.alloc(POOL_BYTES);
let offset = POOL_BYTES;
const LATIN1 = /^[\x00-\xff]*$/;

function take(): number {
  if (offset === POOL_BYTES) {
    randomFillSync(pool);
    offset = 0;
  }
  return pool[offset++]!;
}

/** `length` random bytes, copied out of the pool (never shared with a later caller). */
export function randomBytesPooled(length: number): Buffer {
  const out = Buffer.allocUnsafe(length);
  for (let i = 0; i < length; i++) out[i] = take();
  return out;
}

/**
 * `prefix` followed by random characters of `alphabet` up to `length` in all. Rejection sampling:
 * a byte is used only below the largest multiple of the alphabet's size, so every character is
 * equally likely.
 */
export function randomString(prefix: string, alphabet: string, length: number): string {
  const size = alphabet.length;
  if (size === 0 || size > 256) throw new RangeError(`An alphabet of ${size} characters cannot be drawn from bytes.`);
  const limit = 256 - (256 % size);
  const count = length - prefix.length;
  if (count <= 0) return prefix;
  if (!LATIN1.test(alphabet)) {
    let out = prefix;
    while (out.length < length) {
      const byte = take();
      if (byte < limit) out += alphabet[byte % size];
    }
    return out;
  }
  // Latin-1 alphabets (every flavor's): one byte per character, decoded once.
  const chars = Buffer.allocUnsafe(count);
  for (let i = 0; i < count; ) {
    const byte = take();
    if (byte < limit) chars[i++] = alphabet.charCodeAt(byte % size);
  }
  return prefix + chars.toString('latin1');
}
