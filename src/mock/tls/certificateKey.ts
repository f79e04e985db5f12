// Key pairs for certificates: ECDSA P-256 by default (a few milliseconds to make, which keeps
// `serve --tls` start fast), RSA 2048 for clients that want it.
import { createPrivateKey, generateKeyPairSync, type KeyObject } from 'node:crypto';

export type CertificateKeyType = 'ec' | 'rsa';

const RSA_MODULUS_BITS = 2048;

/** A fresh private key of `type`. */
export function generateCertificateKey(type: CertificateKeyType = 'ec'): KeyObject {
  switch (type) {
    case 'ec':
      return generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey;
    case 'rsa':
      return generateKeyPairSync('rsa', { modulusLength: RSA_MODULUS_BITS }).privateKey;
    default:
      throw new TypeError(`Unknown certificate key type "${String(type)}"; use "ec" or "rsa".`);
  }
}

/** A private key given as a KeyObject or as PEM text. */
export function asPrivateKey(key: KeyObject | string): KeyObject {
  const privateKey = typeof key === 'string' ? createPrivateKey(key) : key;
  if (privateKey.type !== 'private') throw new TypeError('A certificate needs a private key, not a public one.');
  return privateKey;
}

/** The private key as PKCS#8 PEM, as node:tls and most servers read it. */
export function privateKeyPem(privateKey: KeyObject): string {
  return privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
}
