// Stateless session tokens: the claims sealed with AES-256-GCM under a key derived from the
// signing key, so any worker or instance sharing that key can open them. The temporary secret
// is never in the token: it is re-derived from the token's random IV, as the AES-256 keystream
// (CTR mode, under a key of its own) at that IV.
import { type Cipher, createCipheriv, createDecipheriv } from 'node:crypto';
import { encodeWith, type MockKeys } from './keys.js';
import { randomBytesPooled, randomString } from './random.js';

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

const IV_BYTES = 12;
const TAG_BYTES = 16;

export function randomKey(shape: KeyShape): string {
  return randomString(shape.prefix, shape.alphabet, shape.length);
}

/** New temporary credentials' session token and secret. */
export interface SealedToken {
  sessionToken: string;
  secretAccessKey: string;
}

// One long-lived AES-256-ECB cipher per key set, used block by block: encrypting the counter
// blocks `iv ‖ n` is CTR mode's keystream, a pseudo-random function of the IV. A cipher object
// made per token would cost more than the rest of issuing it.
const secretStreams = new WeakMap<MockKeys, Cipher>();

function secretStream(keys: MockKeys): Cipher {
  let stream = secretStreams.get(keys);
  if (stream === undefined) {
    stream = createCipheriv('aes-256-ecb', keys.secretKey, null).setAutoPadding(false);
    secretStreams.set(keys, stream);
  }
  return stream;
}

/** The temporary secret that goes with a token's IV: as many keystream bytes as the secret has characters. */
function deriveSecret(keys: MockKeys, iv: Uint8Array, shape: KeyShape): string {
  const length = shape.length - shape.prefix.length;
  const counters = Buffer.alloc(Math.ceil(length / 16) * 16);
  for (let offset = 0, n = 0; offset < counters.length; offset += 16, n++) {
    counters.set(iv, offset);
    counters.writeUInt32BE(n, offset + 12);
  }
  return shape.prefix + encodeWith(secretStream(keys).update(counters), shape.alphabet, length);
}

/** Seals `claims` into a session token, and derives the secret that goes with it (`shape`: the flavor's). */
export function sealToken(keys: MockKeys, claims: SessionClaims, shape: KeyShape): SealedToken {
  const iv = randomBytesPooled(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', keys.tokenKey, iv);
  // A Buffer in: the cipher's own string path costs more than Buffer.from.
  const sealed = cipher.update(Buffer.from(JSON.stringify(claims), 'utf8'));
  const rest = cipher.final(); // empty for GCM, kept for form
  return { sessionToken: Buffer.concat([iv, sealed, rest, cipher.getAuthTag()]).toString('base64'), secretAccessKey: deriveSecret(keys, iv, shape) };
}

/** The claims of a token this key sealed and its secret, or null for anything else (garbage, truncated, foreign). */
export function openToken(keys: MockKeys, token: string, shape: KeyShape): { claims: SessionClaims; secretAccessKey: string } | null {
  if (!/^[A-Za-z0-9+/_-]+=*$/.test(token) || token.length > 8192) return null;
  const raw = Buffer.from(token.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  if (raw.length < IV_BYTES + TAG_BYTES + 2) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', keys.tokenKey, raw.subarray(0, IV_BYTES));
    decipher.setAuthTag(raw.subarray(raw.length - TAG_BYTES));
    const json = Buffer.concat([decipher.update(raw.subarray(IV_BYTES, raw.length - TAG_BYTES)), decipher.final()]).toString('utf8');
    const claims = JSON.parse(json) as SessionClaims;
    if (typeof claims.akid !== 'string' || typeof claims.exp !== 'number') return null;
    return { claims, secretAccessKey: deriveSecret(keys, raw.subarray(0, IV_BYTES), shape) };
  } catch {
    return null;
  }
}
