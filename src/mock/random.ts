// Random bytes for the hot path, drawn from one pooled buffer that node:crypto's CSPRNG refills
// 4 KiB at a time: a key id or a token IV costs a few array reads, not a call into OpenSSL each.
import { randomFillSync } from 'node:crypto';
import { alphabetTable } from './alphabet.js';

const POOL_BYTES = 4096;
const pool = Buffer.alloc(POOL_BYTES);
let offset = POOL_BYTES;
const LATIN1 = /^[\x00-\xff]*$/;

/** Where `n` (at most POOL_BYTES) unused bytes start in the pool; fewer than `n` left are skipped, never reused. */
function takeRun(n: number): number {
  if (offset + n > POOL_BYTES) {
    randomFillSync(pool);
    offset = 0;
  }
  const at = offset;
  offset += n;
  return at;
}

function take(): number {
  return pool[takeRun(1)]!;
}

/** `length` random bytes, copied out of the pool (never shared with a later caller). */
export function randomBytesPooled(length: number): Buffer {
  const out = Buffer.allocUnsafe(length);
  for (let i = 0; i < length; i++) out[i] = take();
  return out;
}

const HEX_DIGITS = Buffer.from('0123456789abcdef', 'latin1');

/**
 * A random (version 4) UUID, as one flat string: crypto.randomUUID joins its 36 characters from
 * pieces, and the journal keeping ten thousand request ids kept that tree of about fourteen
 * strings each (measured: 450 of the 1 200 bytes it holds per request).
 */
export function randomUuid(): string {
  const text = Buffer.allocUnsafe(36);
  const from = takeRun(16); // read where they lie in the pool
  let at = 0;
  for (let i = 0; i < 16; i++) {
    if (i === 4 || i === 6 || i === 8 || i === 10) text[at++] = 45; // '-'
    // Byte 6 carries the version (4), byte 8 the RFC 4122 variant.
    let byte = pool[from + i]!;
    if (i === 6) byte = (byte & 0x0f) | 0x40;
    else if (i === 8) byte = (byte & 0x3f) | 0x80;
    text[at++] = HEX_DIGITS[byte >> 4]!;
    text[at++] = HEX_DIGITS[byte & 15]!;
  }
  return text.toString('latin1');
}

/** The characters of randomString before they become a string: reused, every call is synchronous. */
let chars = Buffer.alloc(64);

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
  const table = alphabetTable(alphabet);
  if (table === null) {
    let out = prefix;
    while (out.length < length) {
      const byte = take();
      if (byte < limit) out += alphabet[byte % size];
    }
    return out;
  }
  // Latin-1 alphabets (every flavor's): one byte per character, decoded once, with the prefix, into
  // one flat string (the session list keeps each key id; a prefix joined on would be kept as two).
  if (!LATIN1.test(prefix)) return prefix + randomString('', alphabet, count);
  if (length > chars.length) chars = Buffer.alloc(length);
  chars.write(prefix, 0, 'latin1');
  // As many bytes as characters are missing, read where they lie; a rejected one costs another round.
  for (let i = prefix.length; i < length; ) {
    const want = length - i;
    const from = takeRun(want);
    for (let k = from; k < from + want; k++) {
      const byte = pool[k]!;
      if (byte < limit) chars[i++] = table[byte]!;
    }
  }
  return chars.toString('latin1', 0, length);
}
