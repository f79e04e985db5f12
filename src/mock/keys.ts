// Everything the mock keys from its one signing key, derived with HKDF so that every worker and
// every instance given the same key agrees: session-token sealing, temporary secrets, stable
// ids, the OIDC issuer's Ed25519 key pair (Ed25519 private keys are any 32 bytes: deterministic)
// and the seed its RSA key is derived from (issuer/deriveRsaKey.ts, on first use).
import { createHmac, createPrivateKey, createPublicKey, hkdfSync, randomBytes, type KeyObject } from 'node:crypto';
import { BoundedCache } from '../boundedCache.js';
import { alphabetTable } from './alphabet.js';

export interface MockKeys {
  /** AES-256 key of the session tokens' keystream (their claims and their secrets; tokens.ts). */
  tokenKey: Buffer;
  /** HMAC-SHA256 key of the session tokens' tag. */
  tokenMacKey: Buffer;
  /** HMAC key for stable ids (role ids, user ids). */
  idKey: Buffer;
  oidcPrivate: KeyObject;
  oidcPublic: KeyObject;
  /** Seed of the issuer's RSA 2048 key. */
  oidcRsaSeed: Buffer;
}

export const MIN_SIGNING_KEY_LENGTH = 32;

// The alphabets ids and keys are drawn from.
export const UPPER_ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
export const MIXED_ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
export const BASE64 = `${MIXED_ALNUM}+/`;

// PKCS#8 DER header of an Ed25519 private key; the 32-byte seed follows.
const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

function derive(signingKey: string, info: string): Buffer {
  return Buffer.from(hkdfSync('sha256', Buffer.from(signingKey, 'utf8'), 'sts-cli mock', info, 32));
}

export function randomSigningKey(): string {
  return randomBytes(32).toString('base64url');
}

export function deriveKeys(signingKey: string): MockKeys {
  const seed = derive(signingKey, 'oidc ed25519 seed');
  const oidcPrivate = createPrivateKey({ key: Buffer.concat([ED25519_PKCS8_PREFIX, seed]), format: 'der', type: 'pkcs8' });
  return {
    tokenKey: derive(signingKey, 'session token v2 aes-256-ctr'),
    tokenMacKey: derive(signingKey, 'session token v2 hmac-sha256'),
    idKey: derive(signingKey, 'stable ids'),
    oidcPrivate,
    oidcPublic: createPublicKey(oidcPrivate),
    oidcRsaSeed: derive(signingKey, 'oidc rsa-2048 seed'),
  };
}

// encodeWith's characters before they become a string: reused, every call is synchronous.
let chars = Buffer.alloc(64);

/** Maps bytes onto `alphabet` (a slight bias is fine for a mock's identifiers): the `period` bytes from `offset` on, over and over. */
export function encodeWith(bytes: Buffer, alphabet: string, length: number, period = bytes.length, offset = 0): string {
  const table = alphabetTable(alphabet);
  if (table !== null) {
    // One byte per character, decoded once (no string built a character at a time).
    if (length > chars.length) chars = Buffer.alloc(length);
    for (let i = 0, k = 0; i < length; i++) {
      chars[i] = table[bytes[offset + k]!]!;
      if (++k === period) k = 0;
    }
    return chars.toString('latin1', 0, length);
  }
  const size = alphabet.length;
  let out = '';
  for (let i = 0; out.length < length; i++) out += alphabet[bytes[offset + (i % period)]! % size];
  return out;
}

// Ids already computed, per key set, alphabet and length: every AssumeRole of a role asks for the
// same one. Bounded, since role ARNs come from clients (any ARN is allowed when no roles are configured).
const MAX_CACHED_IDS = 1024;
const idCaches = new WeakMap<MockKeys, Map<string, Map<number, BoundedCache<string, string>>>>();

// The last id made: a client assumes the same role call after call, so the same id is asked for again and again.
let lastId: { keys: MockKeys; what: string; alphabet: string; length: number; id: string } | undefined;

/** A stable identifier for `what` (e.g. a role ARN): same input, same id, on every worker. */
export function stableId(keys: MockKeys, what: string, alphabet: string, length: number): string {
  const last = lastId;
  if (last !== undefined && last.what === what && last.keys === keys && last.alphabet === alphabet && last.length === length) return last.id;
  const id = cachedStableId(keys, what, alphabet, length);
  lastId = { keys, what, alphabet, length, id };
  return id;
}

function cachedStableId(keys: MockKeys, what: string, alphabet: string, length: number): string {
  let byAlphabet = idCaches.get(keys);
  if (!byAlphabet) {
    byAlphabet = new Map();
    idCaches.set(keys, byAlphabet);
  }
  // Looked up by the alphabet itself (a constant, its hash computed once) and the length, not by a
  // key string built per call.
  let byLength = byAlphabet.get(alphabet);
  if (!byLength) {
    byLength = new Map();
    byAlphabet.set(alphabet, byLength);
  }
  let cache = byLength.get(length);
  if (!cache) {
    cache = new BoundedCache(MAX_CACHED_IDS);
    byLength.set(length, cache);
  }
  const hit = cache.get(what);
  if (hit !== undefined) return hit;
  const id = encodeWith(createHmac('sha256', keys.idKey).update(what).digest(), alphabet, length);
  cache.set(what, id);
  return id;
}
