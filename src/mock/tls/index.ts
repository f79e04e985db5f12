// Certificates made with node:crypto alone: a throwaway CA and server certificates for
// `serve --tls`, and self-signed certificates for the OIDC issuer's JWKS `x5c`.
export type { Certificate, CertificateWithKey } from './certificate.js';
export { type CertificateHost, type CertificateHostCheck, parseCertificateHost } from './certificateHost.js';
export type { CertificateKeyType } from './certificateKey.js';
export { type CertificateAuthority, type CertificateAuthorityOptions, createCertificateAuthority } from './createCertificateAuthority.js';
export { issueServerCertificate, type ServerCertificateOptions, type SigningAuthority } from './issueServerCertificate.js';
export { type SelfSignedCertificate, type SelfSignedOptions, selfSignedCertificate } from './selfSignedCertificate.js';
export { thumbprintSha1 } from './thumbprint.js';
export { MADE_CERTIFICATE_DAYS, makeServerTls, type ServerTlsMaterial } from './makeServerTls.js';
export { readServerTls, type ServerTlsCheck } from './readServerTls.js';
export { LOOPBACK_CERTIFICATE_HOSTS, type MachineNames, type ServerCertificateHosts, serverCertificateHosts } from './serverCertificateHosts.js';
export { serverCertificateWarnings } from './serverCertificateWarnings.js';
