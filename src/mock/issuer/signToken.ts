// Signs a JWT with the mock issuer's key for an algorithm; the header names that key's kid, as
// the JWKS publishes it.
import { type JWTPayload, SignJWT } from 'jose';
import type { MockKeys } from '../keys.js';
import { issuerKey, type OidcAlgorithm } from './issuerKeys.js';

/** A compact JWS of `payload` (claims as given: the caller sets iss, iat, exp). */
export function signToken(keys: MockKeys, alg: OidcAlgorithm, payload: JWTPayload): Promise<string> {
  const key = issuerKey(keys, alg);
  return new SignJWT(payload).setProtectedHeader({ alg, kid: key.kid, typ: 'JWT' }).sign(key.privateKey);
}
