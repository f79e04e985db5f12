// Which signature algorithm a key signs certificates with: a table keyed by node's key type
// (and curve), so adding one is a row, not a branch.
import { sign, type KeyObject } from 'node:crypto';
import { OID } from './constants.js';
import { nullValue, objectIdentifier, sequence } from './der.js';

interface Row {
  oid: string;
  /** The digest node:crypto's sign() is given; null for EdDSA, which hashes by itself. */
  digest: string | null;
  /** RSA's AlgorithmIdentifier carries an explicit NULL; ECDSA's and EdDSA's carry nothing (RFC 5758, RFC 8410). */
  nullParameters: boolean;
}

const ALGORITHMS: Record<string, Row> = {
  rsa: { oid: OID.sha256WithRSAEncryption, digest: 'sha256', nullParameters: true },
  'ec/prime256v1': { oid: OID.ecdsaWithSha256, digest: 'sha256', nullParameters: false },
  'ec/secp384r1': { oid: OID.ecdsaWithSha384, digest: 'sha384', nullParameters: false },
  'ec/secp521r1': { oid: OID.ecdsaWithSha512, digest: 'sha512', nullParameters: false },
  ed25519: { oid: OID.ed25519, digest: null, nullParameters: false },
  ed448: { oid: OID.ed448, digest: null, nullParameters: false },
};

export interface SignatureAlgorithm {
  /** The DER AlgorithmIdentifier, as it appears in both tbsCertificate and the certificate. */
  identifier: Buffer;
  /** Signs `data` with the key (PKCS#1 v1.5 for RSA, DER-encoded ECDSA, pure EdDSA). */
  sign(data: Buffer): Buffer;
}

/** The algorithm `privateKey` signs with; a TypeError for a key type certificates are not made with here. */
export function signatureAlgorithm(privateKey: KeyObject): SignatureAlgorithm {
  if (privateKey.type !== 'private') throw new TypeError('Certificates are signed with a private key, not a public one.');
  const type = privateKey.asymmetricKeyType ?? 'unknown';
  const name = type === 'ec' ? `ec/${privateKey.asymmetricKeyDetails?.namedCurve ?? 'unknown'}` : type;
  const row = ALGORITHMS[name];
  if (!row) throw new TypeError(`Cannot sign a certificate with a ${name} key; use RSA, EC P-256/P-384/P-521, Ed25519 or Ed448.`);
  const identifier = row.nullParameters ? sequence(objectIdentifier(row.oid), nullValue()) : sequence(objectIdentifier(row.oid));
  return { identifier, sign: (data) => sign(row.digest, data, privateKey) };
}
