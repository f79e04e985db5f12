// The mock issuer's signing keys as a real identity provider publishes them: each with a `kid`
// (its RFC 7638 thumbprint), `alg`, `use: sig` and an `x5c` self-signed certificate. Everything
// is derived from the signing key, the certificate too (fixed validity dates, deterministic RSA
// and Ed25519 signatures): instances sharing a signing key publish byte-identical JWKS, so the
// certificate thumbprint a server registered (Ceph) holds for all of them and across restarts.
// The RSA key takes 0.1–0.3 s to derive (measured here: half of what generateKeyPairSync takes for
// RSA 2048 on the same machine): it is made on first use and cached per signing key.
import { createHash, createHmac, type KeyObject } from 'node:crypto';
import type { JWK } from 'jose';
import { BoundedCache } from '../../boundedCache.js';
import type { MockKeys } from '../keys.js';
import { selfSignedCertificate } from '../tls/selfSignedCertificate.js';
import { thumbprintSha1 } from '../tls/thumbprint.js';
import { deriveRsaKey } from './deriveRsaKey.js';

/** What the issuer signs tokens with: RS256 (GitHub, GitLab, Kubernetes, Keycloak) unless asked. */
export type OidcAlgorithm = 'RS256' | 'EdDSA';
export const OIDC_ALGORITHMS: readonly OidcAlgorithm[] = ['RS256', 'EdDSA'];
export const DEFAULT_OIDC_ALGORITHM: OidcAlgorithm = 'RS256';

export interface IssuerKey {
  alg: OidcAlgorithm;
  kid: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** The public JWK as the JWKS lists it: kty, its members, kid, alg, use, x5c. */
  jwk: JWK & { kid: string; x5c: string[] };
  /** SHA-1 of the x5c certificate, 40 lower-case hex digits (what Ceph's ThumbprintList takes). */
  thumbprint: string;
}

/** Fixed, so that the certificate is the same on every start; UTCTime years (every parser reads them). */
const VALIDITY = { notBefore: new Date('2025-01-01T00:00:00Z'), notAfter: new Date('2049-12-31T23:59:59Z') };
const COMMON_NAME = 'sts-cli mock OIDC issuer';

// RFC 7638: the required members only, in lexicographic order, no whitespace.
const REQUIRED_MEMBERS: Record<string, readonly string[]> = { RSA: ['e', 'kty', 'n'], OKP: ['crv', 'kty', 'x'] };

function thumbprintKid(jwk: Record<string, unknown>): string {
  const members = REQUIRED_MEMBERS[String(jwk.kty)] ?? [];
  const canonical = `{${members.map((m) => `${JSON.stringify(m)}:${JSON.stringify(jwk[m])}`).join(',')}}`;
  return createHash('sha256').update(canonical).digest('base64url');
}

function describe(alg: OidcAlgorithm, privateKey: KeyObject, publicKey: KeyObject): IssuerKey {
  const exported = publicKey.export({ format: 'jwk' }) as Record<string, string>;
  const members = Object.fromEntries((REQUIRED_MEMBERS[exported.kty!] ?? []).map((m) => [m, exported[m]!]));
  const kid = thumbprintKid(members);
  const certificate = selfSignedCertificate(privateKey, { commonName: COMMON_NAME, validity: VALIDITY });
  return {
    alg,
    kid,
    privateKey,
    publicKey,
    jwk: { ...members, kid, alg, use: 'sig', x5c: [certificate.x5c] },
    thumbprint: thumbprintSha1(certificate.certDer),
  };
}

// Per key set, each algorithm's key once; the RSA pair also across instances in one process
// (tests start many with one signing key), keyed by a MAC of the seed, never the seed itself.
const described = new WeakMap<MockKeys, Partial<Record<OidcAlgorithm, IssuerKey>>>();
const rsaPairs = new BoundedCache<string, { privateKey: KeyObject; publicKey: KeyObject }>(16);

function rsaPair(seed: Buffer): { privateKey: KeyObject; publicKey: KeyObject } {
  const cacheKey = createHmac('sha256', seed).update('rsa key cache').digest('base64url');
  let pair = rsaPairs.get(cacheKey);
  if (!pair) {
    pair = deriveRsaKey(seed);
    rsaPairs.set(cacheKey, pair);
  }
  return pair;
}

/** The issuer's key for `alg`, derived from the mock's keys (same signing key, same key and kid). */
export function issuerKey(keys: MockKeys, alg: OidcAlgorithm): IssuerKey {
  let byAlg = described.get(keys);
  if (!byAlg) {
    byAlg = {};
    described.set(keys, byAlg);
  }
  const known = byAlg[alg];
  if (known) return known;
  const pair = alg === 'RS256' ? rsaPair(keys.oidcRsaSeed) : { privateKey: keys.oidcPrivate, publicKey: keys.oidcPublic };
  const made = describe(alg, pair.privateKey, pair.publicKey);
  byAlg[alg] = made;
  return made;
}
