// The protocol numbers a certificate is made of, in one place (RFC 5280, RFC 5480, RFC 8410, RFC 4055).

export const OID = {
  commonName: '2.5.4.3',
  // Extensions (RFC 5280 §4.2.1).
  subjectKeyIdentifier: '2.5.29.14',
  keyUsage: '2.5.29.15',
  subjectAltName: '2.5.29.17',
  basicConstraints: '2.5.29.19',
  authorityKeyIdentifier: '2.5.29.35',
  extKeyUsage: '2.5.29.37',
  serverAuth: '1.3.6.1.5.5.7.3.1',
  // Signature algorithms.
  sha256WithRSAEncryption: '1.2.840.113549.1.1.11',
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
  ecdsaWithSha384: '1.2.840.10045.4.3.3',
  ecdsaWithSha512: '1.2.840.10045.4.3.4',
  ed25519: '1.3.101.112',
  ed448: '1.3.101.113',
} as const;

/** keyUsage bit positions (RFC 5280 §4.2.1.3). */
export const KEY_USAGE = {
  digitalSignature: 0,
  keyEncipherment: 2,
  keyCertSign: 5,
  cRLSign: 6,
} as const;

/** X.509 v3 is encoded as version 2 (RFC 5280 §4.1.2.1). */
export const X509_V3 = 2;

/** ub-common-name (RFC 5280 appendix A.1). */
export const MAX_COMMON_NAME_LENGTH = 64;

/** notBefore lies this far in the past, so a client whose clock runs a little behind still accepts the certificate. */
export const BACKDATE_SECONDS = 60 * 60;

/** Serial numbers: 16 random octets, positive and within RFC 5280's 20-octet limit. */
export const SERIAL_BYTES = 16;
