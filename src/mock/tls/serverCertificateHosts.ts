// The names a certificate made at start by `serve --tls` holds: the loopback names every client
// on the machine may use, and the listening host. A wildcard address (0.0.0.0, ::) is no name a
// client connects to, so the machine's own name and addresses stand in for it.
import { parseCertificateHost } from './certificateHost.js';

/** Always in the certificate: how a client on the same machine reaches the mock. */
export const LOOPBACK_CERTIFICATE_HOSTS = ['127.0.0.1', '::1', 'localhost'] as const;

const WILDCARD_HOSTS = new Set(['', '0.0.0.0', '::', '[::]', '::0']);

/** The machine as clients elsewhere may name it (os.hostname(), the interfaces' addresses). */
export interface MachineNames {
  hostname: string;
  addresses: readonly string[];
}

export type ServerCertificateHosts = { ok: true; hosts: string[] } | { ok: false; problem: string };

/**
 * The hosts of the server certificate for a mock listening on `listenHost`: the loopback names,
 * then the host itself; for a wildcard address, the machine's names (those a certificate cannot
 * hold are left out). A `listenHost` that cannot go in a certificate is a problem, not skipped.
 */
export function serverCertificateHosts(listenHost: string, machine?: MachineNames): ServerCertificateHosts {
  const host = listenHost.trim();
  const wildcard = WILDCARD_HOSTS.has(host);
  if (!wildcard) {
    const check = parseCertificateHost(host);
    if (!check.ok) return { ok: false, problem: check.problem };
  }
  const extra = wildcard ? (machine ? [machine.hostname, ...machine.addresses] : []) : [host];
  // Each name once, however it was spelled (::1 and [::1], LOCALHOST and localhost).
  const hosts = new Map<string, string>();
  for (const name of [...LOOPBACK_CERTIFICATE_HOSTS, ...extra]) {
    const check = parseCertificateHost(name);
    if (!check.ok) continue;
    const h = check.host;
    const key = h.kind === 'ip' ? `ip:${h.bytes.toString('hex')}` : `dns:${h.name}`;
    if (!hosts.has(key)) hosts.set(key, h.kind === 'ip' ? h.address : h.name);
  }
  return { ok: true, hosts: [...hosts.values()] };
}
