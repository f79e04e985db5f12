// Stateless session tokens: the claims sealed with AES-256-GCM under a key derived from the
// signing key, so any worker or instance sharing that key can open them. The temporary secret
// is never in the token: it is re-derived as HMAC(secretKey, accessKeyId).
import { createCipheriv, createDecipheriv, createHmac } from 'node:crypto';
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

// One HMAC-SHA512 gives the 64 bytes a 40-character secret is drawn from (one MAC per issue or
// check; it used to take two chained HMAC-SHA256, so secrets differ from older builds for a key).
export function deriveSecret(keys: MockKeys, accessKeyId: string, shape: KeyShape): string {
  const mac = createHmac('sha512', keys.secretKey).update(accessKeyId).digest();
  return shape.prefix + encodeWith(mac, shape.alphabet, shape.length - shape.prefix.length);
}

export function sealToken(keys: MockKeys, claims: SessionClaims): string {
  const iv = randomBytesPooled(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', keys.tokenKey, iv);
  const sealed = cipher.update(JSON.stringify(claims), 'utf8');
  const rest = cipher.final(); // empty for GCM, kept for form
  return Buffer.concat([iv, sealed, rest, cipher.getAuthTag()]).toString('base64');
}

/** The claims of a token this key sealed, or null for anything else (garbage, truncated, foreign). */
export function openToken(keys: MockKeys, token: string): SessionClaims | null {
  if (!/^[A-Za-z0-9+/_-]+=*$/.test(token) || token.length > 8192) return null;
  const raw = Buffer.from(token.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  if (raw.length < IV_BYTES + TAG_BYTES + 2) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', keys.tokenKey, raw.subarray(0, IV_BYTES));
    decipher.setAuthTag(raw.subarray(raw.length - TAG_BYTES));
    const json = Buffer.concat([decipher.update(raw.subarray(IV_BYTES, raw.length - TAG_BYTES)), decipher.final()]).toString('utf8');
    const claims = JSON.parse(json) as SessionClaims;
    if (typeof claims.akid !== 'string' || typeof claims.exp !== 'number') return null;
    return claims;
  } catch {
    return null;
  }
}
