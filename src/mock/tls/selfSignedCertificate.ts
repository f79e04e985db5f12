// A self-signed certificate for a key that already exists, such as the mock's OIDC signing key,
// whose JWKS entry carries it as `x5c` (Ceph registers the SHA-1 thumbprint of that certificate).
import { createHash, type KeyObject } from 'node:crypto';
import { buildCertificate, type Certificate, validityFrom } from './certificate.js';
import { asPrivateKey } from './certificateKey.js';
import { SERIAL_BYTES } from './constants.js';
import { time } from './der.js';
import { basicConstraints, keyUsage, subjectKeyIdentifier } from './extensions.js';
import { keyIdentifier, subjectPublicKeyInfo } from './keyIdentifier.js';
import { commonNameOnly } from './name.js';

export interface SelfSignedOptions {
  commonName: string;
  /** Validity from now; default 365. Ignored when `validity` is given. */
  days?: number;
  /**
   * Fixed dates instead of `now` and `days`. With them, an RSA or Ed25519 key (whose signatures
   * are deterministic) gives the same certificate, byte for byte, on every start and every
   * instance sharing the key: the thumbprint a server registered stays valid.
   */
  validity?: { notBefore: Date; notAfter: Date };
  /** The clock, for tests; default the real time. */
  now?: Date;
}

export interface SelfSignedCertificate extends Certificate {
  /** The JWKS `x5c` entry: base64 DER, no PEM armour (RFC 7517 §4.7). */
  x5c: string;
}

// Derived, not random, so that the same inputs give the same certificate.
function derivedSerialNumber(...parts: Buffer[]): Buffer {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  const serial = hash.digest().subarray(0, SERIAL_BYTES);
  serial[0] = (serial[0]! & 0x7f) | 0x40;
  return serial;
}

/**
 * A self-signed end-entity certificate for `privateKey` (RSA, EC or Ed25519/Ed448): subject and
 * issuer `CN=commonName`, basicConstraints CA:false, keyUsage digitalSignature, a
 * subjectKeyIdentifier, and the key's own public key.
 */
export function selfSignedCertificate(privateKey: KeyObject | string, options: SelfSignedOptions): SelfSignedCertificate {
  const key = asPrivateKey(privateKey);
  const spki = subjectPublicKeyInfo(key);
  const name = commonNameOnly(options.commonName);
  const { notBefore, notAfter } = options.validity ?? validityFrom(options.now ?? new Date(), options.days ?? 365);
  const built = buildCertificate({
    serialNumber: derivedSerialNumber(spki, name, time(notBefore), time(notAfter)),
    issuer: name,
    subject: name,
    notBefore,
    notAfter,
    subjectPublicKeyInfo: spki,
    extensions: [basicConstraints(false), keyUsage(['digitalSignature']), subjectKeyIdentifier(keyIdentifier(spki))],
    signingKey: key,
  });
  return { ...built, x5c: built.certDer.toString('base64') };
}
