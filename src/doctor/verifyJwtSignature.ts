// Checks a JWT's signature with one JSON Web Key, with node:crypto alone (only the mock loads
// jose). Pure: the key and the token come in as values.
import { constants, createPublicKey, type JsonWebKey, verify } from 'node:crypto';
import type { DecodedJwt } from '../webIdentity/readJwt.js';

type Outcome = 'valid' | 'invalid' | 'unsupported';

const HASHES: Record<string, string> = { '256': 'sha256', '384': 'sha384', '512': 'sha512' };

/** Whether `jwt`'s signature verifies with `jwk`; `unsupported` for an algorithm or key this cannot check. */
export function verifyJwtSignature(jwt: DecodedJwt, jwk: JsonWebKey): Outcome {
  const alg = String(jwt.header.alg);
  let key: ReturnType<typeof createPublicKey>;
  try {
    key = createPublicKey({ key: jwk, format: 'jwk' });
  } catch {
    return 'unsupported';
  }
  const data = Buffer.from(jwt.signingInput);
  const family = alg.slice(0, 2);
  const hash = HASHES[alg.slice(2)];
  try {
    if (alg === 'EdDSA' || alg === 'Ed25519') return verify(null, data, key, jwt.signature) ? 'valid' : 'invalid';
    if (hash === undefined) return 'unsupported';
    if (family === 'RS') return verify(hash, data, key, jwt.signature) ? 'valid' : 'invalid';
    if (family === 'PS')
      return verify(hash, data, { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: Number(alg.slice(2)) / 8 }, jwt.signature) ? 'valid' : 'invalid';
    if (family === 'ES') return verify(hash, data, { key, dsaEncoding: 'ieee-p1363' }, jwt.signature) ? 'valid' : 'invalid';
    return 'unsupported';
  } catch {
    return 'invalid';
  }
}
