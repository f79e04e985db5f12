// Stateless session tokens: the claims sealed under keys derived from the signing key, so any
// worker or instance sharing that key can open them. The temporary secret is never in the token:
// it is re-derived from the token's nonce. Construction (format version 2), K and M from keys.ts:
//
//   token      = base64( 0x02 ‖ nonce ‖ ciphertext ‖ tag )
//   nonce      = 16 bytes: 8 random bytes drawn once per process (per key set) ‖ a 64-bit block number
//   keystream  = AES-256-CTR under K from the nonce as initial counter block
//   secret     = from the keystream's first 64 bytes (never sent in the token)
//   ciphertext = JSON(claims) XOR the keystream from byte 64 on
//   tag        = HMAC-SHA256_M(0x02 ‖ nonce ‖ ciphertext), first 16 bytes (encrypt-then-MAC)
//
// Sealing runs one long-lived CTR cipher per process: each token takes the next unused blocks of
// its keystream, so no counter block is ever encrypted twice within a process, and processes
// sharing a key (workers, instances behind a load balancer) differ in their random prefix (two of
// a million processes share one with odds of about 2^-25 in all). One cipher call per token
// instead of a cipher object (AES-GCM's) made per token, which cost more than the rest of issuing
// it. Opening checks the tag, in constant time, before decrypting anything.
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
const NONCE_BYTES = 16;
const HEAD_BYTES = 1 + NONCE_BYTES;
const TAG_BYTES = 16;
const BLOCK = 16;
/** Keystream bytes kept for the secret: more than any flavor's secret has characters. */
const SECRET_BYTES = 64;
const ALGORITHM = 'aes-256-ctr';

export function randomKey(shape: KeyShape): string {
  return randomString(shape.prefix, shape.alphabet, shape.length);
}

/** New temporary credentials' session token and secret. */
export interface SealedToken {
  sessionToken: string;
  secretAccessKey: string;
}

/** The sealing side of one key set: its CTR cipher, running on from token to token, and the MAC key. */
class TokenSealer {
  readonly mac: HmacSha256Key;
  readonly #prefix = randomBytes(PREFIX_BYTES);
  /** The counter block the cipher is at: the next token's nonce. */
  #block = 0;
  readonly #cipher: Cipher;

  constructor(keys: MockKeys) {
    this.mac = new HmacSha256Key(keys.tokenMacKey);
    const start = Buffer.alloc(NONCE_BYTES);
    start.set(this.#prefix);
    this.#cipher = createCipheriv(ALGORITHM, keys.tokenKey, start);
  }

  /** `SECRET_BYTES` of keystream then `plain` encrypted; writes the nonce, where that keystream starts, into `nonce`. */
  encrypt(plain: Buffer, nonce: Buffer): Buffer {
    nonce.set(this.#prefix);
    nonce.writeUInt32BE(Math.floor(this.#block / 2 ** 32), PREFIX_BYTES);
    nonce.writeUInt32BE(this.#block % 2 ** 32, PREFIX_BYTES + 4);
    this.#block += plain.length / BLOCK; // callers pass whole blocks: the cipher stays at a block boundary
    return this.#cipher.update(plain);
  }
}

const sealers = new WeakMap<MockKeys, TokenSealer>();

function sealerOf(keys: MockKeys): TokenSealer {
  let sealer = sealers.get(keys);
  if (sealer === undefined) {
    sealer = new TokenSealer(keys);
    sealers.set(keys, sealer);
  }
  return sealer;
}

/** The temporary secret from a keystream's first bytes: as many as the secret has characters. */
function secretOf(keystream: Buffer, shape: KeyShape): string {
  const length = shape.length - shape.prefix.length;
  return shape.prefix + encodeWith(keystream.subarray(0, Math.min(length, SECRET_BYTES)), shape.alphabet, length);
}

/** Seals `claims` into a session token, and derives the secret that goes with it (`shape`: the flavor's). */
export function sealToken(keys: MockKeys, claims: SessionClaims, shape: KeyShape): SealedToken {
  const sealer = sealerOf(keys);
  const json = JSON.stringify(claims);
  const length = Buffer.byteLength(json, 'utf8');
  // Zeros for the secret (their encryption is the keystream itself), the claims, zeros up to a whole block.
  const plain = Buffer.alloc(SECRET_BYTES + Math.ceil(length / BLOCK) * BLOCK);
  plain.write(json, SECRET_BYTES, 'utf8');
  const raw = Buffer.allocUnsafe(HEAD_BYTES + length + TAG_BYTES);
  raw[0] = VERSION;
  const out = sealer.encrypt(plain, raw.subarray(1, HEAD_BYTES));
  out.copy(raw, HEAD_BYTES, SECRET_BYTES, SECRET_BYTES + length);
  raw.write(sealer.mac.digest(raw.subarray(0, HEAD_BYTES + length), 'binary'), HEAD_BYTES + length, TAG_BYTES, 'latin1');
  return { sessionToken: raw.toString('base64'), secretAccessKey: secretOf(out, shape) };
}

/** The claims of a token this key sealed and its secret, or null for anything else (garbage, truncated, foreign, another version). */
export function openToken(keys: MockKeys, token: string, shape: KeyShape): { claims: SessionClaims; secretAccessKey: string } | null {
  if (!/^[A-Za-z0-9+/_-]+=*$/.test(token) || token.length > 8192) return null;
  const raw = Buffer.from(token.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  if (raw.length < HEAD_BYTES + TAG_BYTES + 2 || raw[0] !== VERSION) return null;
  const sealed = raw.subarray(0, raw.length - TAG_BYTES);
  const tag = Buffer.from(sealerOf(keys).mac.digest(sealed, 'binary').slice(0, TAG_BYTES), 'latin1');
  if (!timingSafeEqual(tag, raw.subarray(raw.length - TAG_BYTES))) return null;
  const decipher = createCipheriv(ALGORITHM, keys.tokenKey, raw.subarray(1, HEAD_BYTES));
  const plain = decipher.update(Buffer.concat([Buffer.alloc(SECRET_BYTES), sealed.subarray(HEAD_BYTES)]));
  try {
    const claims = JSON.parse(plain.toString('utf8', SECRET_BYTES)) as SessionClaims;
    if (typeof claims.akid !== 'string' || typeof claims.exp !== 'number') return null;
    return { claims, secretAccessKey: secretOf(plain, shape) };
  } catch {
    return null;
  }
}
