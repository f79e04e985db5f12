// The mock as an OIDC issuer (keys derived from the signing key: RS256 by default, EdDSA on
// request) and as a verifier of web identity tokens from itself or from configured issuers, with jose.
import { readFile } from 'node:fs/promises';
import {
  createLocalJWKSet,
  createRemoteJWKSet,
  decodeJwt,
  decodeProtectedHeader,
  errors,
  jwtVerify,
  type JSONWebKeySet,
  type JWTPayload,
  type JWTVerifyGetKey,
  type ProtectedHeaderParameters,
} from 'jose';
import { FileError } from '../errors.js';
import { MockError } from './errors.js';
import { DEFAULT_OIDC_ALGORITHM, type IssuerKey, issuerKey, type OidcAlgorithm } from './issuer/issuerKeys.js';
import { signToken } from './issuer/signToken.js';
import { jsonSyntaxPlace } from './jsonSyntaxPlace.js';
import type { MockKeys } from './keys.js';
import type { MockOidcProvider } from './types.js';

export const DEFAULT_AUDIENCE = 'sts-cli';

export interface IdentityProviders {
  /** What the mock's own issuer signs with (it verifies its tokens of either algorithm). */
  algorithm: OidcAlgorithm;
  /** Configured issuers → their key sets. */
  external: ReadonlyMap<string, JWTVerifyGetKey>;
}

/** Reads JWKS files (FileError on a bad one) and prepares remote key sets. */
export async function loadProviders(configured: readonly MockOidcProvider[], algorithm: OidcAlgorithm = DEFAULT_OIDC_ALGORITHM): Promise<IdentityProviders> {
  const external = new Map<string, JWTVerifyGetKey>();
  for (const p of configured) {
    if (p.jwksUrl) {
      external.set(p.issuer, createRemoteJWKSet(new URL(p.jwksUrl), { timeoutDuration: 5000 }));
      continue;
    }
    const cannot = `The JWKS file ${p.jwksFile} of issuer ${p.issuer} cannot be read as a JSON Web Key Set`;
    let text: string;
    try {
      text = await readFile(p.jwksFile!, 'utf8');
    } catch (cause) {
      throw new FileError(p.jwksFile!, `${cannot}: ${(cause as Error).message}.`, { cause });
    }
    let set: JSONWebKeySet;
    try {
      set = JSON.parse(text) as JSONWebKeySet;
    } catch (cause) {
      // Not the parser's message nor the error itself as cause: both quote the input, which may hold a private key.
      throw new FileError(p.jwksFile!, `${cannot}: not valid JSON${jsonSyntaxPlace(cause, text)}.`);
    }
    if (!Array.isArray(set?.keys)) throw new FileError(p.jwksFile!, `${cannot}: no "keys" list.`);
    external.set(p.issuer, createLocalJWKSet(set));
  }
  return { algorithm, external };
}

/** The JWKS the mock publishes: its signing key alone (Ceph uses only the first key's x5c). */
export function ownKeySet(keys: MockKeys, providers: IdentityProviders): JSONWebKeySet {
  return { keys: [issuerKey(keys, providers.algorithm).jwk] };
}

export function discoveryDocument(issuer: string, algorithm: OidcAlgorithm): Record<string, unknown> {
  return {
    issuer,
    jwks_uri: `${issuer}/jwks.json`,
    token_endpoint: `${issuer}/oidc/token`,
    response_types_supported: ['id_token'],
    subject_types_supported: ['public'],
    id_token_signing_alg_values_supported: [algorithm],
    claims_supported: ['sub', 'aud', 'exp', 'iat', 'iss', 'nbf'],
  };
}

const RESERVED = new Set(['iss', 'iat', 'exp']);

/** Signs a JWT as the mock's own issuer. `expiresIn` in seconds (default 3600; negative mints an expired token). */
export async function mintToken(
  keys: MockKeys,
  providers: IdentityProviders,
  issuer: string,
  now: Date,
  claims: { sub: string; aud?: string | string[]; expiresIn?: number; [k: string]: unknown },
): Promise<string> {
  const { sub, aud, expiresIn, ...extra } = claims;
  const iat = Math.floor(now.getTime() / 1000);
  const payload: JWTPayload = {};
  for (const [k, v] of Object.entries(extra)) if (!RESERVED.has(k)) payload[k] = v;
  Object.assign(payload, { iss: issuer, sub, aud: aud ?? DEFAULT_AUDIENCE, iat, exp: iat + (expiresIn ?? 3600) });
  return signToken(keys, providers.algorithm, payload);
}

export interface VerifiedIdentity {
  payload: JWTPayload;
  issuer: string;
  /** Signed by the mock's own key (this instance or one sharing its signing key). */
  own: boolean;
}

const NOT_A_JWT = 'The ID Token provided is not a valid JWT. (You may see this error if you sent an Access Token)';

/** Verifies signature, iss, exp and nbf; audience and subject are the role's trust's business. */
export async function verifyWebIdentity(keys: MockKeys, providers: IdentityProviders, token: string, now: Date): Promise<VerifiedIdentity> {
  let header: ProtectedHeaderParameters;
  let iss: string | undefined;
  try {
    header = decodeProtectedHeader(token);
    iss = decodeJwt(token).iss;
  } catch {
    throw new MockError('InvalidIdentityToken', NOT_A_JWT, 'not a JWT');
  }
  if (typeof iss !== 'string' || iss === '') throw new MockError('InvalidIdentityToken', 'The web identity token has no issuer (iss).');
  // Whatever its iss (its own URL, GitHub's for /oidc/github, another instance's): only a mock
  // sharing the signing key can have signed with this key.
  const own = ownKeyOf(keys, header);
  const external = providers.external.get(iss);
  if (!own && !external) throw new MockError('InvalidIdentityToken', `No OpenIDConnect provider found in your account for ${iss}`, 'unknown issuer');
  try {
    const options = { issuer: iss, currentDate: now, requiredClaims: ['exp', 'sub'] };
    const { payload } = own ? await jwtVerify(token, own.publicKey, { ...options, algorithms: [own.alg] }) : await jwtVerify(token, external!, options);
    return { payload, issuer: iss, own: own !== null };
  } catch (error) {
    throw mapJoseError(error, now);
  }
}

/** The mock's key the header names (its alg and kid), or null. */
function ownKeyOf(keys: MockKeys, header: ProtectedHeaderParameters): IssuerKey | null {
  if (header.alg !== 'RS256' && header.alg !== 'EdDSA') return null;
  const key = issuerKey(keys, header.alg);
  return key.kid === header.kid ? key : null;
}

function mapJoseError(error: unknown, now: Date): MockError {
  if (error instanceof errors.JWTExpired) {
    const exp = typeof error.payload.exp === 'number' ? error.payload.exp : 0;
    return new MockError(
      'ExpiredTokenException',
      `Token expired: current date/time ${Math.floor(now.getTime() / 1000)} must be before the expiration date/time ${exp}`,
    );
  }
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'nbf') return new MockError('InvalidIdentityToken', 'The web identity token is not valid yet (nbf).');
    return new MockError('InvalidIdentityToken', `The web identity token failed its ${error.claim} check: ${error.reason}.`);
  }
  if (error instanceof errors.JWKSTimeout || (error instanceof Error && /fetch|ECONNREFUSED|Expected 200/i.test(error.message))) {
    return new MockError(
      'IDPCommunicationError',
      "Couldn't retrieve verification key from your identity provider, please reference AssumeRoleWithWebIdentity documentation for requirements",
    );
  }
  if (error instanceof errors.JWKSNoMatchingKey) return new MockError('InvalidIdentityToken', 'No key of the identity provider matches the token (kid).');
  if (error instanceof errors.JWSSignatureVerificationFailed)
    return new MockError('InvalidIdentityToken', 'The web identity token signature could not be verified.');
  if (error instanceof errors.JOSEAlgNotAllowed || error instanceof errors.JOSENotSupported)
    return new MockError('InvalidIdentityToken', 'The web identity token is signed with an algorithm the provider does not use.');
  return new MockError('InvalidIdentityToken', NOT_A_JWT, error instanceof Error ? error.name : 'invalid');
}
