// Stateless session tokens: the claims sealed under keys derived from the signing key, so any
// worker or instance sharing that key can open them. The temporary secret is never in the token:
// it is re-derived from the token's nonce. Construction (format version 2), with K and M from keys.ts:
//
//   token     = base64( 0x02 ‖ nonce ‖ ciphertext ‖ tag )
//   nonce     = 12 bytes: 8 random bytes drawn once per process (per key set) ‖ a 32-bit counter
//   block j   = AES-256_K(nonce ‖ uint32 j), the keystream of CTR mode at that nonce
//   secret    = the token's secret, from blocks 0-3 (never sent in the token)
//   ciphertext= JSON(claims) XOR blocks 4, 5, …
//   tag       = HMAC-SHA256_M(0x02 ‖ nonce ‖ ciphertext), first 16 bytes (encrypt-then-MAC)
//
// No nonce is used twice: within a process the counter moves on for every token (a new random
// prefix is drawn before it wraps), and processes sharing a key (workers, instances behind a load
// balancer) differ in their random prefix (two of a million processes share one with odds of
// about 2^-25 in all). The opener checks the tag, in constant time, before decrypting anything.
// Sealing draws its keystream in batches: one AES call for 64 tokens instead of a cipher object
// (AES-GCM's) made per token, which cost more than the rest of issuing it.
import { type Cipher, createCipheriv, randomBytes, timingSafeEqual } from 'node:crypto';
import { HmacSha256Key } from '../sigv4/hmacKey.js';
import { encodeWith, type MockKeys } from './keys.js';
import { randomString } from './random.js';

export interface SessionClaims {
  /** The temporary access key id this token belongs to. */
  akid: string;
  /** Issued and expires, unix seconds. */
  iat: number;
  exp: number;
  kind: 'role' | 'web' | 'session';
  account: string;
  /** GetCallerIdentity's Arn and UserId for these credentials. */
  arn: string;
  userId: string;
  /** The role assumed (kind role/web). */
  role?: string;
  /** Identifiers of whoever obtained the credentials (trust checks of a chained AssumeRole). */
  src: string[];
  /** Name of the long-term user at the root of the chain (Ceph's S3 owner). */
  owner: string;
  /**
   * Unix seconds when an MFA code was checked for these credentials (GetSessionToken or AssumeRole
   * with SerialNumber and TokenCode); absent when none was. aws:MultiFactorAuthAge counts from it.
   */
  mfa?: number;
}

/** How an issued access key id or secret looks: a prefix, then characters of an alphabet up to a length. */
export interface KeyShape {
  prefix: string;
  length: number;
  alphabet: string;
}

const VERSION = 2;
const PREFIX_BYTES = 8;
const NONCE_BYTES = PREFIX_BYTES + 4;
const HEAD_BYTES = 1 + NONCE_BYTES;
const TAG_BYTES = 16;
const BLOCK = 16;
/** Keystream blocks kept for the secret: 64 bytes, more than any flavor's secret has characters. */
const SECRET_BLOCKS = 4;
/** Tokens per batch, and keystream blocks per token in it (claims up to 448 bytes; longer ones get their own). */
const BATCH_TOKENS = 64;
const BATCH_BLOCKS = 32;

export function randomKey(shape: KeyShape): string {
  return randomString(shape.prefix, shape.alphabet, shape.length);
}

/** New temporary credentials' session token and secret. */
export interface SealedToken {
  sessionToken: string;
  secretAccessKey: string;
}

/**
 * The keystream of one key set: one long-lived AES-256-ECB cipher, used block by block (encrypting
 * the counter blocks `nonce ‖ j` is CTR mode), and the batch of keystream sealing draws from.
 */
class TokenStream {
  readonly #aes: Cipher;
  readonly mac: HmacSha256Key;
  #counter = 0;
  // The counter blocks of a batch, `prefix ‖ token counter ‖ j` for each token and j: only the
  // token counters change from one batch to the next.
  readonly #blocks = Buffer.alloc(BATCH_TOKENS * BATCH_BLOCKS * BLOCK);
  readonly #view = new DataView(this.#blocks.buffer, this.#blocks.byteOffset, this.#blocks.length);
  #batch = Buffer.alloc(0);
  #taken = BATCH_TOKENS;

  constructor(keys: MockKeys) {
    this.#aes = createCipheriv('aes-256-ecb', keys.tokenKey, null).setAutoPadding(false);
    this.mac = new HmacSha256Key(keys.tokenMacKey);
    this.#newPrefix();
    for (let offset = 0; offset < this.#blocks.length; offset += BLOCK) this.#view.setUint32(offset + NONCE_BYTES, (offset / BLOCK) % BATCH_BLOCKS);
  }

  /** Blocks 0 to `blocks` - 1 of the keystream at `nonce`. */
  keystream(nonce: Uint8Array, blocks: number): Buffer {
    const counters = Buffer.alloc(blocks * BLOCK);
    for (let j = 0; j < blocks; j++) {
      counters.set(nonce, j * BLOCK);
      counters.writeUInt32BE(j, j * BLOCK + NONCE_BYTES);
    }
    return this.#aes.update(counters);
  }

  /** A nonce never handed out before, with `BATCH_BLOCKS` blocks of its keystream (both valid until the next call). */
  next(): { nonce: Buffer; stream: Buffer } {
    if (this.#taken === BATCH_TOKENS) this.#refill();
    const start = this.#taken++ * BATCH_BLOCKS * BLOCK;
    return { nonce: this.#blocks.subarray(start, start + NONCE_BYTES), stream: this.#batch.subarray(start, start + BATCH_BLOCKS * BLOCK) };
  }

  #refill(): void {
    if (this.#counter + BATCH_TOKENS > 0xffff_ffff) this.#newPrefix();
    for (let offset = 0; offset < this.#blocks.length; offset += BLOCK) {
      this.#view.setUint32(offset + PREFIX_BYTES, this.#counter + Math.floor(offset / (BATCH_BLOCKS * BLOCK)));
    }
    this.#counter += BATCH_TOKENS;
    this.#batch = this.#aes.update(this.#blocks);
    this.#taken = 0;
  }

  #newPrefix(): void {
    const prefix = randomBytes(PREFIX_BYTES);
    for (let offset = 0; offset < this.#blocks.length; offset += BLOCK) this.#blocks.set(prefix, offset);
    this.#counter = 0;
  }
}

const streams = new WeakMap<MockKeys, TokenStream>();

function streamOf(keys: MockKeys): TokenStream {
  let stream = streams.get(keys);
  if (stream === undefined) {
    stream = new TokenStream(keys);
    streams.set(keys, stream);
  }
  return stream;
}

/** The temporary secret of a keystream (its first SECRET_BLOCKS blocks): as many bytes as the secret has characters. */
function secretOf(stream: Buffer, shape: KeyShape): string {
  const length = shape.length - shape.prefix.length;
  return shape.prefix + encodeWith(stream.subarray(0, Math.min(length, SECRET_BLOCKS * BLOCK)), shape.alphabet, length);
}

/** XORs `stream` from block SECRET_BLOCKS on into `bytes`, from `offset` to its end. */
function xorClaims(bytes: Buffer, offset: number, stream: Buffer): void {
  for (let i = offset, k = SECRET_BLOCKS * BLOCK; i < bytes.length; i++, k++) bytes[i]! ^= stream[k]!;
}

/** Seals `claims` into a session token, and derives the secret that goes with it (`shape`: the flavor's). */
export function sealToken(keys: MockKeys, claims: SessionClaims, shape: KeyShape): SealedToken {
  const tokens = streamOf(keys);
  const json = JSON.stringify(claims);
  const length = Buffer.byteLength(json, 'utf8');
  const blocks = SECRET_BLOCKS + Math.ceil(length / BLOCK);
  let { nonce, stream } = tokens.next();
  if (blocks > BATCH_BLOCKS) stream = tokens.keystream(nonce, blocks);
  const raw = Buffer.allocUnsafe(HEAD_BYTES + length + TAG_BYTES);
  raw[0] = VERSION;
  raw.set(nonce, 1);
  raw.write(json, HEAD_BYTES, 'utf8');
  const sealed = raw.subarray(0, HEAD_BYTES + length);
  xorClaims(sealed, HEAD_BYTES, stream);
  raw.set(tokens.mac.digest(sealed, 'buffer').subarray(0, TAG_BYTES), HEAD_BYTES + length);
  return { sessionToken: raw.toString('base64'), secretAccessKey: secretOf(stream, shape) };
}

/** The claims of a token this key sealed and its secret, or null for anything else (garbage, truncated, foreign, another version). */
export function openToken(keys: MockKeys, token: string, shape: KeyShape): { claims: SessionClaims; secretAccessKey: string } | null {
  if (!/^[A-Za-z0-9+/_-]+=*$/.test(token) || token.length > 8192) return null;
  const raw = Buffer.from(token.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  if (raw.length < HEAD_BYTES + TAG_BYTES + 2 || raw[0] !== VERSION) return null;
  const tokens = streamOf(keys);
  const sealed = raw.subarray(0, raw.length - TAG_BYTES);
  const tag = tokens.mac.digest(sealed, 'buffer').subarray(0, TAG_BYTES);
  if (!timingSafeEqual(tag, raw.subarray(raw.length - TAG_BYTES))) return null;
  const stream = tokens.keystream(raw.subarray(1, HEAD_BYTES), SECRET_BLOCKS + Math.ceil((sealed.length - HEAD_BYTES) / BLOCK));
  xorClaims(sealed, HEAD_BYTES, stream);
  try {
    const claims = JSON.parse(sealed.toString('utf8', HEAD_BYTES)) as SessionClaims;
    if (typeof claims.akid !== 'string' || typeof claims.exp !== 'number') return null;
    return { claims, secretAccessKey: secretOf(stream, shape) };
  } catch {
    return null;
  }
}
