// Key identifiers (RFC 5280 §4.2.1.2, method 1): the SHA-1 of the subjectPublicKey BIT STRING's
// value, the form OpenSSL writes, so our authorityKeyIdentifier matches any CA's usual SKI.
import { createHash, createPublicKey, type KeyObject } from 'node:crypto';
import { readChildren, readTlv } from './readDer.js';

/** The DER SubjectPublicKeyInfo of a key (public, or the public half of a private key). */
export function subjectPublicKeyInfo(key: KeyObject): Buffer {
  return (key.type === 'private' ? createPublicKey(key) : key).export({ type: 'spki', format: 'der' });
}

/** The 20-byte key identifier of `spki`. */
export function keyIdentifier(spki: Buffer): Buffer {
  const [, subjectPublicKey] = readChildren(spki, readTlv(spki, 0));
  if (subjectPublicKey?.tag !== 0x03) throw new RangeError('The SubjectPublicKeyInfo has no subjectPublicKey bit string.');
  // Skip the bit string's unused-bits octet.
  return createHash('sha1')
    .update(spki.subarray(subjectPublicKey.contentStart + 1, subjectPublicKey.end))
    .digest();
}
