// What `serve --tls` serves when given no certificate: a throwaway CA and a server certificate it
// signs, made at start. The CA's private key is dropped once the server certificate is signed, so
// trusting the CA trusts this one certificate and nothing anyone could sign later.
import { createCertificateAuthority } from './createCertificateAuthority.js';
import { issueServerCertificate } from './issueServerCertificate.js';

/** PEM texts: the server's certificate and private key, and the CA certificate clients trust. */
export interface ServerTlsMaterial {
  certPem: string;
  keyPem: string;
  caPem: string;
}

/** Both certificates last a year: longer than any test run or CI job, shorter than a forgotten trust. */
export const MADE_CERTIFICATE_DAYS = 365;

/** A CA certificate and a server certificate for `hosts` (see serverCertificateHosts), signed by it. */
export function makeServerTls(hosts: readonly string[], now: Date = new Date()): ServerTlsMaterial {
  const ca = createCertificateAuthority({ days: MADE_CERTIFICATE_DAYS, now });
  const leaf = issueServerCertificate(ca, { hosts, days: MADE_CERTIFICATE_DAYS, now });
  return { certPem: leaf.certPem, keyPem: leaf.keyPem, caPem: ca.certPem };
}
