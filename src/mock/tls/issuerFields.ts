// What signing under a CA needs from its certificate: its subject, byte for byte (it becomes the
// issuer of what it signs), and its subjectKeyIdentifier (it becomes their authorityKeyIdentifier).
import { OID } from './constants.js';
import { objectIdentifier } from './der.js';
import { contentBytes, readChildren, readTlv, type Tlv, tlvBytes } from './readDer.js';

export interface IssuerFields {
  subject: Buffer;
  subjectPublicKeyInfo: Buffer;
  /** Absent when the CA certificate carries no subjectKeyIdentifier extension. */
  subjectKeyIdentifier?: Buffer;
}

const TBS_VERSION = 0xa0;
const TBS_EXTENSIONS = 0xa3;
const OCTET_STRING = 0x04;

function findSubjectKeyIdentifier(der: Buffer, extensions: Tlv | undefined): Buffer | undefined {
  if (!extensions) return undefined;
  const sought = objectIdentifier(OID.subjectKeyIdentifier);
  const [list] = readChildren(der, extensions);
  for (const ext of list ? readChildren(der, list) : []) {
    const fields = readChildren(der, ext);
    if (!fields[0] || !tlvBytes(der, fields[0]).equals(sought)) continue;
    const value = fields[fields.length - 1]!;
    const inner = readTlv(der, value.contentStart, value.end);
    if (value.tag !== OCTET_STRING || inner.tag !== OCTET_STRING) throw new RangeError('The CA certificate has a malformed subjectKeyIdentifier.');
    return contentBytes(der, inner);
  }
  return undefined;
}

/** The issuer fields of a DER certificate; a RangeError when it is not shaped like one. */
export function readIssuerFields(der: Buffer): IssuerFields {
  const [tbs] = readChildren(der, readTlv(der, 0));
  if (!tbs) throw new RangeError('The CA certificate has no tbsCertificate.');
  const fields = readChildren(der, tbs);
  const rest = fields[0]?.tag === TBS_VERSION ? fields.slice(1) : fields;
  // serialNumber, signature, issuer, validity, subject, subjectPublicKeyInfo, then optional fields.
  const [, , , , subject, spki, ...optional] = rest;
  if (!subject || !spki) throw new RangeError('The CA certificate has no subject or public key.');
  const keyId = findSubjectKeyIdentifier(
    der,
    optional.find((field) => field.tag === TBS_EXTENSIONS),
  );
  return { subject: tlvBytes(der, subject), subjectPublicKeyInfo: tlvBytes(der, spki), ...(keyId ? { subjectKeyIdentifier: keyId } : {}) };
}
