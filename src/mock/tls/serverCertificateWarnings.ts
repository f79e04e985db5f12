// What a client would refuse about a certificate the user gave the mock: not valid now, or not for
// the host the mock listens on. Said at start as warnings (the user may connect by another name).
import type { X509Certificate } from 'node:crypto';
import { parseCertificateHost } from './certificateHost.js';

const WILDCARD_HOSTS = new Set(['', '0.0.0.0', '::', '[::]', '::0']);

function names(leaf: X509Certificate): string {
  return leaf.subjectAltName ?? `no subjectAltName, subject ${leaf.subject.replaceAll('\n', ', ')}`;
}

/** Sentences (without the certificate's name in front) on what clients connecting to `host` at `now` will refuse. */
export function serverCertificateWarnings(leaf: X509Certificate, host: string, now: Date): string[] {
  const warnings: string[] = [];
  if (now.getTime() < new Date(leaf.validFrom).getTime()) warnings.push(`is not valid until ${new Date(leaf.validFrom).toISOString()}`);
  if (now.getTime() > new Date(leaf.validTo).getTime()) warnings.push(`expired at ${new Date(leaf.validTo).toISOString()}`);
  const check = WILDCARD_HOSTS.has(host.trim()) ? undefined : parseCertificateHost(host);
  if (check?.ok) {
    const covered = check.host.kind === 'ip' ? leaf.checkIP(check.host.address) : leaf.checkHost(check.host.name);
    if (covered === undefined) warnings.push(`does not name ${host}, the address it is served on (${names(leaf)})`);
  }
  return warnings;
}
