// A throwaway certificate authority: self-signed, allowed to sign end-entity certificates only.
import type { KeyObject } from 'node:crypto';
import { buildCertificate, type CertificateWithKey, randomSerialNumber, validityFrom } from './certificate.js';
import { asPrivateKey, type CertificateKeyType, generateCertificateKey, privateKeyPem } from './certificateKey.js';
import { basicConstraints, keyUsage, subjectKeyIdentifier } from './extensions.js';
import { keyIdentifier, subjectPublicKeyInfo } from './keyIdentifier.js';
import { commonNameOnly } from './name.js';

export interface CertificateAuthorityOptions {
  /** Default `sts-cli mock CA`. */
  commonName?: string;
  /** Validity from now; default 365. */
  days?: number;
  /** Default `ec` (P-256). Ignored when `privateKey` is given. */
  keyType?: CertificateKeyType;
  /** Sign with this key instead of a fresh one. */
  privateKey?: KeyObject | string;
  /** The clock, for tests; default the real time. */
  now?: Date;
}

/** A certificate authority: its certificate and the private key it signs with. */
export type CertificateAuthority = CertificateWithKey;

export const DEFAULT_CA_COMMON_NAME = 'sts-cli mock CA';

/**
 * A self-signed CA certificate (basicConstraints CA:true with path length 0, critical; keyUsage
 * keyCertSign and cRLSign; a subjectKeyIdentifier) and its key. Trust `certPem` in a client
 * (`--ca-bundle`, `AWS_CA_BUNDLE`) and sign server certificates with `issueServerCertificate`.
 */
export function createCertificateAuthority(options: CertificateAuthorityOptions = {}): CertificateAuthority {
  const privateKey = options.privateKey === undefined ? generateCertificateKey(options.keyType) : asPrivateKey(options.privateKey);
  const spki = subjectPublicKeyInfo(privateKey);
  const name = commonNameOnly(options.commonName ?? DEFAULT_CA_COMMON_NAME);
  const built = buildCertificate({
    serialNumber: randomSerialNumber(),
    issuer: name,
    subject: name,
    ...validityFrom(options.now ?? new Date(), options.days ?? 365),
    subjectPublicKeyInfo: spki,
    extensions: [basicConstraints({ pathLength: 0 }), keyUsage(['keyCertSign', 'cRLSign']), subjectKeyIdentifier(keyIdentifier(spki))],
    signingKey: privateKey,
  });
  return { ...built, privateKey, keyPem: privateKeyPem(privateKey) };
}
