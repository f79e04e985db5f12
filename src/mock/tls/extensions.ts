// The v3 extensions these certificates use, each returning one DER Extension
// (`SEQUENCE { extnID, critical DEFAULT FALSE, extnValue OCTET STRING }`).
import { KEY_USAGE, OID } from './constants.js';
import type { CertificateHost } from './certificateHost.js';
import { boolean, implicit, integer, namedBits, objectIdentifier, octetString, sequence } from './der.js';

function extension(oid: string, critical: boolean, value: Buffer): Buffer {
  return critical ? sequence(objectIdentifier(oid), boolean(true), octetString(value)) : sequence(objectIdentifier(oid), octetString(value));
}

/** basicConstraints, critical: a CA (that signs only end-entity certificates when `pathLength` is 0) or not a CA. */
export function basicConstraints(ca: { pathLength: number } | false): Buffer {
  // cA DEFAULT FALSE is left out in DER: an end entity's value is an empty SEQUENCE.
  const value = ca ? sequence(boolean(true), integer(ca.pathLength)) : sequence();
  return extension(OID.basicConstraints, true, value);
}

/** keyUsage, critical. */
export function keyUsage(usages: readonly (keyof typeof KEY_USAGE)[]): Buffer {
  return extension(OID.keyUsage, true, namedBits(usages.map((usage) => KEY_USAGE[usage])));
}

/** extendedKeyUsage: TLS server authentication. */
export function serverAuthOnly(): Buffer {
  return extension(OID.extKeyUsage, false, sequence(objectIdentifier(OID.serverAuth)));
}

export function subjectKeyIdentifier(keyId: Buffer): Buffer {
  return extension(OID.subjectKeyIdentifier, false, octetString(keyId));
}

/** authorityKeyIdentifier with the issuer's key identifier (`[0] IMPLICIT KeyIdentifier`). */
export function authorityKeyIdentifier(issuerKeyId: Buffer): Buffer {
  return extension(OID.authorityKeyIdentifier, false, sequence(implicit(0, issuerKeyId)));
}

/** subjectAltName: `[2]` dNSName or `[7]` iPAddress per host; not critical, as the subject is never empty (RFC 5280 §4.2.1.6). */
export function subjectAltName(hosts: readonly CertificateHost[]): Buffer {
  // A dNSName is an IA5String under an implicit tag: its ASCII bytes (parseCertificateHost checked them).
  const names = hosts.map((host) => (host.kind === 'ip' ? implicit(7, host.bytes) : implicit(2, Buffer.from(host.name, 'latin1'))));
  return extension(OID.subjectAltName, false, sequence(...names));
}
