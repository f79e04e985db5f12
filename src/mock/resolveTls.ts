// startMockSts's `tls` option as what its https server serves: a certificate made at start for the
// loopback names and the host (its CA handed back for clients to trust), or the caller's own,
// checked. `serve --tls` resolves it once in the primary, so every worker serves the same one.
import { hostname, networkInterfaces } from 'node:os';
import { UsageError } from '../errors.js';
import { makeServerTls, readServerTls, serverCertificateHosts, type MachineNames } from './tls/index.js';
import type { MockTlsCertificate } from './types.js';

/** PEM texts for node:https, and the CA clients trust when it is known. */
export interface ServedTls {
  cert: string;
  key: string;
  caCertificate?: string;
  /** The names a made certificate holds (absent for one of your own). */
  hosts?: string[];
}

function machineNames(): MachineNames {
  const addresses = Object.values(networkInterfaces())
    .flat()
    .filter((a) => a !== undefined && !a.internal)
    .map((a) => a!.address);
  return { hostname: hostname(), addresses };
}

/** What to serve for `tls` on `host`; UsageError when a certificate cannot be made for the host or the given one is unusable. */
export function resolveTls(tls: true | MockTlsCertificate, host: string): ServedTls {
  if (tls === true) {
    const names = serverCertificateHosts(host, machineNames());
    if (!names.ok)
      throw new UsageError(`No certificate can be made for the host ${host}: ${names.problem}`, { hint: 'Listen on an IP address or a DNS name.' });
    const made = makeServerTls(names.hosts);
    return { cert: made.certPem, key: made.keyPem, caCertificate: made.caPem, hosts: names.hosts };
  }
  const check = readServerTls(tls.cert, tls.key);
  if (!check.ok) {
    const what = check.part === 'cert' ? 'tls.cert' : 'tls.key';
    throw new UsageError(`The ${what} given to the mock STS ${check.problem}.`, check.hint === undefined ? undefined : { hint: check.hint });
  }
  return { cert: check.certPem, key: check.keyPem, ...(tls.ca !== undefined ? { caCertificate: tls.ca } : {}) };
}
