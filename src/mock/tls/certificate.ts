// Builds and signs one X.509 v3 certificate (RFC 5280 §4.1) from already-encoded parts; every
// maker in this folder ends here. The result is checked by node's own parser before it is returned.
import { randomBytes, X509Certificate, type KeyObject } from 'node:crypto';
import { BACKDATE_SECONDS, SERIAL_BYTES, X509_V3 } from './constants.js';
import { bitString, explicit, integer, sequence, time } from './der.js';
import { signatureAlgorithm } from './signatureAlgorithm.js';

export interface CertificateParts {
  /** Unsigned big-endian magnitude; positive, at most 20 octets. */
  serialNumber: Buffer;
  /** DER Names. */
  issuer: Buffer;
  subject: Buffer;
  notBefore: Date;
  notAfter: Date;
  /** The subject's DER SubjectPublicKeyInfo. */
  subjectPublicKeyInfo: Buffer;
  /** DER Extensions, in order. */
  extensions: readonly Buffer[];
  /** The issuer's private key (the subject's own, for a self-signed certificate). */
  signingKey: KeyObject;
}

export interface Certificate {
  certDer: Buffer;
  certPem: string;
  cert: X509Certificate;
}

/** A certificate and the private key it certifies. */
export interface CertificateWithKey extends Certificate {
  privateKey: KeyObject;
  /** PKCS#8 PEM, as node:tls and most servers read it. */
  keyPem: string;
}

/** PEM armour (RFC 7468): base64 in 64-character lines. */
export function toPem(der: Buffer, label = 'CERTIFICATE'): string {
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

/** A random positive serial number that needs no leading zero octet. */
export function randomSerialNumber(): Buffer {
  const serial = randomBytes(SERIAL_BYTES);
  serial[0] = (serial[0]! & 0x7f) | 0x40;
  return serial;
}

/** RangeError unless `days` is a positive number; fractions are allowed (tests make short-lived ones). */
export function checkDays(days: number): number {
  if (!Number.isFinite(days) || days <= 0) throw new RangeError(`A certificate must be valid for a positive number of days, not ${days}.`);
  return days;
}

/** notBefore backdated a little (client clocks lag), notAfter `days` from `now`. */
export function validityFrom(now: Date, days: number): { notBefore: Date; notAfter: Date } {
  const start = now.getTime();
  return { notBefore: new Date(start - BACKDATE_SECONDS * 1000), notAfter: new Date(start + checkDays(days) * 86_400_000) };
}

export function buildCertificate(parts: CertificateParts): Certificate {
  if (parts.notAfter.getTime() <= parts.notBefore.getTime()) throw new RangeError('A certificate must end after it begins.');
  const algorithm = signatureAlgorithm(parts.signingKey);
  const tbs = sequence(
    explicit(0, integer(X509_V3)),
    integer(parts.serialNumber),
    algorithm.identifier,
    parts.issuer,
    sequence(time(parts.notBefore), time(parts.notAfter)),
    parts.subject,
    parts.subjectPublicKeyInfo,
    ...(parts.extensions.length > 0 ? [explicit(3, sequence(...parts.extensions))] : []),
  );
  const certDer = sequence(tbs, algorithm.identifier, bitString(algorithm.sign(tbs)));
  return { certDer, certPem: toPem(certDer), cert: new X509Certificate(certDer) };
}
