// The SigV4 signing key, derived by an HMAC chain and cached per day, region and service.
import { createHmac } from 'node:crypto';
import { BoundedCache } from '../boundedCache.js';
import { TERMINATOR } from './constants.js';
import { HmacSha256Key } from './hmacKey.js';
import type { CredentialScope } from './request.js';
import { sha256 } from './sha256.js';

function hmac(key: string | Buffer, data: string): Buffer {
  return createHmac('sha256', key).update(data, 'utf8').digest();
}

export function deriveSigningKey(secretAccessKey: string, scope: CredentialScope): Buffer {
  const dateKey = hmac(`AWS4${secretAccessKey}`, scope.date);
  const regionKey = hmac(dateKey, scope.region);
  const serviceKey = hmac(regionKey, scope.service);
  return hmac(serviceKey, TERMINATOR);
}

// Keyed by a hash of the secret, never the secret itself, so a heap dump of the cache leaks nothing usable.
// Each entry is the key ready to sign with (its HMAC blocks made once).
const cache = new BoundedCache<string, HmacSha256Key>(64, 'oldest');

function cachedKey(secretAccessKey: string, scope: CredentialScope): HmacSha256Key {
  const secretHash = sha256(secretAccessKey, 'base64');
  // JSON, not '/'-joined: region 'a/b' + service 'c' must not share an entry with region 'a' + service 'b/c'.
  const cacheKey = JSON.stringify([secretHash, scope.date, scope.region, scope.service]);
  const hit = cache.get(cacheKey);
  if (hit) return hit;
  const key = new HmacSha256Key(deriveSigningKey(secretAccessKey, scope));
  cache.set(cacheKey, key);
  return key;
}

export function cachedSigningKey(secretAccessKey: string, scope: CredentialScope): Buffer {
  return cachedKey(secretAccessKey, scope).key;
}

/** The signature of `stringToSign` with the (cached) signing key of this secret and scope. */
export function signWithSecret(secretAccessKey: string, scope: CredentialScope, stringToSign: string): string {
  return cachedKey(secretAccessKey, scope).digest(stringToSign, 'hex');
}

/**
 * The signing keys of one secret, by scope, for whoever holds a secret that checks many requests
 * (the mock's users): no hash of the secret per request to find its key, as the shared cache needs.
 */
export class SecretSigningKeys {
  readonly #secretAccessKey: string;
  readonly #byScope = new BoundedCache<string, HmacSha256Key>(16, 'oldest');

  constructor(secretAccessKey: string) {
    this.#secretAccessKey = secretAccessKey;
  }

  // The scope signed last and its key: almost every request of a day has the same.
  #last: { scope: CredentialScope; key: HmacSha256Key } | undefined;

  sign(scope: CredentialScope, stringToSign: string): string {
    const last = this.#last;
    if (last !== undefined && last.scope.date === scope.date && last.scope.region === scope.region && last.scope.service === scope.service) {
      return last.key.digest(stringToSign, 'hex');
    }
    // Each part's length first: no two scopes share an entry, whatever characters they hold.
    const cacheKey = `${scope.date.length}:${scope.date}${scope.region.length}:${scope.region}${scope.service}`;
    let key = this.#byScope.get(cacheKey);
    if (key === undefined) {
      key = new HmacSha256Key(deriveSigningKey(this.#secretAccessKey, scope));
      this.#byScope.set(cacheKey, key);
    }
    this.#last = { scope: { date: scope.date, region: scope.region, service: scope.service }, key };
    return key.digest(stringToSign, 'hex');
  }
}

export function signString(signingKey: Buffer, stringToSign: string): string {
  return createHmac('sha256', signingKey).update(stringToSign, 'utf8').digest('hex');
}
