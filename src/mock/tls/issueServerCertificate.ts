// A TLS server certificate signed by a CA, for the hosts clients will connect to.
import type { KeyObject, X509Certificate } from 'node:crypto';
import { buildCertificate, type CertificateWithKey, randomSerialNumber, validityFrom } from './certificate.js';
import { type CertificateHost, parseCertificateHost } from './certificateHost.js';
import { asPrivateKey, type CertificateKeyType, generateCertificateKey, privateKeyPem } from './certificateKey.js';
import { MAX_COMMON_NAME_LENGTH } from './constants.js';
import { authorityKeyIdentifier, basicConstraints, keyUsage, serverAuthOnly, subjectAltName, subjectKeyIdentifier } from './extensions.js';
import { readIssuerFields } from './issuerFields.js';
import { keyIdentifier, subjectPublicKeyInfo } from './keyIdentifier.js';
import { commonNameOnly } from './name.js';

export interface ServerCertificateOptions {
  /** IP literals (127.0.0.1, ::1, [::1]) become iPAddress entries, names (localhost) dNSName entries. */
  hosts: readonly string[];
  /** Validity from now; default 30. */
  days?: number;
  /** Default the first host (when it fits in a common name). */
  commonName?: string;
  /** Default `ec` (P-256). Ignored when `privateKey` is given. */
  keyType?: CertificateKeyType;
  /** Certify this key instead of a fresh one. */
  privateKey?: KeyObject | string;
  /** The clock, for tests; default the real time. */
  now?: Date;
}

/** The CA that signs: any CA certificate and its private key (such as `createCertificateAuthority`'s result). */
export interface SigningAuthority {
  cert: X509Certificate;
  privateKey: KeyObject | string;
}

const FALLBACK_COMMON_NAME = 'sts-cli mock server';

function uniqueHosts(hosts: readonly string[]): CertificateHost[] {
  if (hosts.length === 0) throw new RangeError('A server certificate needs at least one host.');
  const seen = new Map<string, CertificateHost>();
  for (const input of hosts) {
    const check = parseCertificateHost(input);
    if (!check.ok) throw new RangeError(check.problem);
    const host = check.host;
    seen.set(host.kind === 'ip' ? `ip:${host.bytes.toString('hex')}` : `dns:${host.name}`, host);
  }
  return [...seen.values()];
}

function displayName(host: CertificateHost): string {
  return host.kind === 'ip' ? host.address : host.name;
}

/**
 * A server certificate signed by `ca` with a subjectAltName for every host, extendedKeyUsage
 * serverAuth, keyUsage digitalSignature (and keyEncipherment for RSA), an authorityKeyIdentifier
 * and a random serial; and its key. Serve `certPem` and `keyPem` with node:tls or https.
 */
export function issueServerCertificate(ca: SigningAuthority, options: ServerCertificateOptions): CertificateWithKey {
  const hosts = uniqueHosts(options.hosts);
  const caKey = asPrivateKey(ca.privateKey);
  if (!ca.cert.ca) throw new TypeError('The signing certificate is not a CA certificate (basicConstraints CA:true).');
  const issuer = readIssuerFields(ca.cert.raw);
  if (!issuer.subjectPublicKeyInfo.equals(subjectPublicKeyInfo(caKey))) throw new TypeError("The CA's private key does not belong to its certificate.");
  const privateKey = options.privateKey === undefined ? generateCertificateKey(options.keyType) : asPrivateKey(options.privateKey);
  const spki = subjectPublicKeyInfo(privateKey);
  const first = displayName(hosts[0]!);
  const commonName = options.commonName ?? (first.length <= MAX_COMMON_NAME_LENGTH ? first : FALLBACK_COMMON_NAME);
  const usages = privateKey.asymmetricKeyType === 'rsa' ? (['digitalSignature', 'keyEncipherment'] as const) : (['digitalSignature'] as const);
  const built = buildCertificate({
    serialNumber: randomSerialNumber(),
    issuer: issuer.subject,
    subject: commonNameOnly(commonName),
    ...validityFrom(options.now ?? new Date(), options.days ?? 30),
    subjectPublicKeyInfo: spki,
    extensions: [
      basicConstraints(false),
      keyUsage(usages),
      serverAuthOnly(),
      subjectKeyIdentifier(keyIdentifier(spki)),
      authorityKeyIdentifier(issuer.subjectKeyIdentifier ?? keyIdentifier(issuer.subjectPublicKeyInfo)),
      subjectAltName(hosts),
    ],
    signingKey: caKey,
  });
  return { ...built, privateKey, keyPem: privateKeyPem(privateKey) };
}
