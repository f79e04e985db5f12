// Stateless session tokens: the claims sealed under keys derived from the signing key, so any
// worker or instance sharing that key can open them. The temporary secret is never in the token:
// it is re-derived from the token's nonce. Construction (format version 3), K and M from keys.ts:
//
//   token      = base64( 0x03 ‖ nonce ‖ ciphertext ‖ tag )
//   nonce      = 16 bytes: 8 random bytes drawn once per process (per key set) ‖ a 64-bit block number
//   keystream  = AES-256-CTR under K from the nonce as initial counter block
//   secret     = from the keystream's first 64 bytes (never sent in the token)
//   ciphertext = claims XOR the keystream from byte 64 on
//   claims     = one text byte (0x75 'u': UTF-8 follows; 0x77 'w': UTF-16LE, for a text with a lone
//                surrogate, which UTF-8 cannot carry) then, in a fixed order (encodeClaims), each
//                field as `<length in UTF-16 units>:<text>`, `-` for an absent one
//   tag        = HMAC-SHA256_M(0x03 ‖ nonce ‖ ciphertext), first 16 bytes (encrypt-then-MAC)
//
// The claims were JSON up to version 2: the field names cost a third of the token and
// JSON.stringify more than the cipher. A mock of another build opens only tokens of its own
// version: instances sharing a signing key must run the same build, or reject each other's tokens.
//
// Sealing runs one long-lived CTR cipher per process: each token takes the next unused blocks of
// its keystream, so no counter block is ever encrypted twice within a process, and processes
// sharing a key (workers, instances behind a load balancer) differ in their random prefix (two of
// a million processes share one with odds of about 2^-25 in all). The keystream is made 16 KiB at
// a time, one cipher call for about fifty tokens; a cipher object made per token (AES-GCM's) cost
// more than the rest of issuing it. Opening checks the tag, in constant time, before decrypting anything.
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

const VERSION = 3;
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

/** Keystream made per cipher call: one call serves about fifty tokens. */
const KEYSTREAM_CHUNK = 16 * 1024;
const ZEROS = Buffer.alloc(KEYSTREAM_CHUNK);

/** The whole 32-bit words of `buffer`, a view of the same bytes: it must start at a multiple of 4, as an Int32Array does (Buffer.alloc's do). */
function wordsOf(buffer: Buffer): Int32Array {
  return new Int32Array(buffer.buffer, buffer.byteOffset, buffer.length >> 2);
}

/** The sealing side of one key set: its CTR keystream, running on from token to token, and the MAC key. */
class TokenSealer {
  readonly mac: HmacSha256Key;
  readonly #prefix = randomBytes(PREFIX_BYTES);
  readonly #cipher: Cipher;
  /** Keystream made ahead of need (the encryption of zeros), from counter block #chunkBlock on; #words: the same bytes. */
  #keystream = Buffer.alloc(0);
  #words: Int32Array = wordsOf(this.#keystream);
  #chunkBlock = 0;
  /** Bytes of #keystream handed out. */
  #used = 0;
  /** The claims while they are encrypted, four bytes at a time (#plain's words). */
  #plain = Buffer.alloc(1024);
  #plainWords = wordsOf(this.#plain);

  constructor(keys: MockKeys) {
    this.mac = new HmacSha256Key(keys.tokenMacKey);
    const start = Buffer.alloc(NONCE_BYTES);
    start.set(this.#prefix);
    this.#cipher = createCipheriv(ALGORITHM, keys.tokenKey, start);
  }

  /** A token of the claims `text`, and the secret from its keystream (`shape`: the flavor's). */
  seal(text: string, shape: KeyShape): SealedToken {
    const utf8 = wellFormed(text);
    // Room for the claims' longest encoding (3 UTF-8 bytes per UTF-16 unit), and a word more:
    // write() tells how many bytes they took, with no pass of its own to count them.
    const room = text.length * 3 + 8;
    if (room > this.#plain.length) {
      this.#plain = Buffer.alloc(room);
      this.#plainWords = wordsOf(this.#plain);
    }
    const plain = this.#plain;
    plain[0] = utf8 ? UTF8 : UTF16;
    const length = 1 + plain.write(text, 1, utf8 ? 'utf8' : 'utf16le');
    // The secret's keystream, then the claims' (whole blocks: the next token starts at a block).
    const at = this.#take(SECRET_BYTES + Math.ceil(length / BLOCK) * BLOCK);
    const keystream = this.#words;
    const from = (at + SECRET_BYTES) >> 2;
    for (let w = 0, words = (length + 3) >> 2; w < words; w++) this.#plainWords[w]! ^= keystream[from + w]!;
    // The token is put together where its MAC is taken, in the MAC key's message buffer.
    const m = HmacSha256Key.MESSAGE_AT;
    const token = this.mac.messageRoom(HEAD_BYTES + length + TAG_BYTES);
    token[m] = VERSION;
    this.#writeNonce(token, m + 1, at);
    plain.copy(token, m + HEAD_BYTES, 0, length);
    token.write(this.mac.digestWritten(HEAD_BYTES + length, 'binary'), m + HEAD_BYTES + length, TAG_BYTES, 'latin1');
    return { sessionToken: token.toString('base64', m, m + HEAD_BYTES + length + TAG_BYTES), secretAccessKey: secretOf(this.#keystream, at, shape) };
  }

  /** `bytes` (whole blocks) of keystream no token had: where they start in #keystream. */
  #take(bytes: number): number {
    if (this.#used + bytes > this.#keystream.length) {
      // What is left of the last chunk is skipped: no counter block is ever used twice.
      this.#chunkBlock += this.#keystream.length / BLOCK;
      const keystream = this.#cipher.update(bytes <= KEYSTREAM_CHUNK ? ZEROS : Buffer.alloc(bytes));
      this.#keystream = keystream.byteOffset % 4 === 0 ? keystream : Buffer.from(keystream); // aligned for its words
      this.#words = wordsOf(this.#keystream);
      this.#used = 0;
    }
    const at = this.#used;
    this.#used += bytes;
    return at;
  }

  /** The nonce of the keystream at `at`: the prefix, then the number of its first counter block. */
  #writeNonce(into: Buffer, offset: number, at: number): void {
    const block = this.#chunkBlock + at / BLOCK;
    this.#prefix.copy(into, offset);
    into.writeUInt32BE(Math.floor(block / 2 ** 32), offset + PREFIX_BYTES);
    into.writeUInt32BE(block % 2 ** 32, offset + PREFIX_BYTES + 4);
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

/** The temporary secret from a token's first keystream bytes (at `at`): as many as the secret has characters. */
function secretOf(keystream: Buffer, at: number, shape: KeyShape): string {
  const length = shape.length - shape.prefix.length;
  return shape.prefix + encodeWith(keystream, shape.alphabet, length, Math.min(length, SECRET_BYTES), at);
}

// The field order of the claims text; `src` last, as many fields as it has entries.
const KINDS: ReadonlySet<string> = new Set(['role', 'web', 'session']);
const UTF8 = 0x75;
const UTF16 = 0x77;
// Whether a text has no lone surrogate (String.prototype.isWellFormed, in Node since 20; not yet in TypeScript's ES2022 lib).
const wellFormed = (text: string): boolean => (text as string & { isWellFormed(): boolean }).isWellFormed();

function field(text: string): string {
  return `${text.length}:${text}`;
}

/** The claims as text: each field length-prefixed, so that no character of any value needs escaping. */
export function encodeClaims(c: SessionClaims): string {
  let text = field(c.akid) + field(String(c.iat)) + field(String(c.exp)) + field(c.kind) + field(c.account) + field(c.arn) + field(c.userId) + field(c.owner);
  text += c.role === undefined ? '-' : field(c.role);
  text += c.mfa === undefined ? '-' : field(String(c.mfa));
  for (const id of c.src) text += field(id);
  return text;
}

/** Reads the fields encodeClaims wrote, in order; null for anything malformed. */
class ClaimsReader {
  at = 0;
  constructor(readonly text: string) {}

  /** The next field; undefined for an absent one (`-`); null when malformed. */
  next(): string | undefined | null {
    const { text } = this;
    if (text.charCodeAt(this.at) === 45) {
      this.at++;
      return undefined;
    }
    const colon = text.indexOf(':', this.at);
    if (colon === -1 || colon === this.at || colon - this.at > 6) return null;
    const digits = text.slice(this.at, colon);
    if (!/^\d+$/.test(digits)) return null;
    const end = colon + 1 + Number(digits);
    if (end > text.length) return null;
    this.at = end;
    return text.slice(colon + 1, end);
  }

  string(): string | null {
    const value = this.next();
    return value === undefined ? null : value;
  }

  integer(): number | null {
    const value = this.next();
    return typeof value === 'string' && /^-?\d{1,16}$/.test(value) ? Number(value) : null;
  }
}

export function decodeClaims(text: string): SessionClaims | null {
  const r = new ClaimsReader(text);
  const akid = r.string();
  const iat = r.integer();
  const exp = r.integer();
  const kind = r.string();
  const account = r.string();
  const arn = r.string();
  const userId = r.string();
  const owner = r.string();
  const role = r.next();
  const mfaText = r.next();
  if (akid === null || iat === null || exp === null || kind === null || !KINDS.has(kind) || account === null || arn === null || userId === null) return null;
  if (owner === null || role === null || mfaText === null || (mfaText !== undefined && !/^-?\d{1,16}$/.test(mfaText))) return null;
  const src: string[] = [];
  while (r.at < text.length) {
    const id = r.string();
    if (id === null) return null;
    src.push(id);
  }
  const claims: SessionClaims = { akid, iat, exp, kind: kind as SessionClaims['kind'], account, arn, userId, src, owner };
  if (role !== undefined) claims.role = role;
  if (mfaText !== undefined) claims.mfa = Number(mfaText);
  return claims;
}

/** Seals `claims` into a session token, and derives the secret that goes with it (`shape`: the flavor's). */
export function sealToken(keys: MockKeys, claims: SessionClaims, shape: KeyShape): SealedToken {
  return sealerOf(keys).seal(encodeClaims(claims), shape);
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
  const encoding = plain[SECRET_BYTES];
  if (encoding !== UTF8 && (encoding !== UTF16 || (plain.length - SECRET_BYTES - 1) % 2 !== 0)) return null;
  const claims = decodeClaims(plain.toString(encoding === UTF8 ? 'utf8' : 'utf16le', SECRET_BYTES + 1));
  return claims === null ? null : { claims, secretAccessKey: secretOf(plain, 0, shape) };
}
