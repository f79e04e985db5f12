// The HTTP transport of everything sts-cli fetches that is not an STS call (a CI token endpoint,
// an OIDC issuer's discovery and keys, doctor's probes): undici through the proxies of the
// environment, as the STS client goes. Only src/sts and src/http load undici (STYLE principle 10).
import { readFileSync } from 'node:fs';
import { rootCertificates } from 'node:tls';
import type { Dispatcher } from 'undici';
import { FileError } from '../errors.js';
import { EnvHttpProxyAgent } from '../sts/undiciTransport.js';

export interface HttpAgentOptions {
  /** A PEM bundle of CAs (--ca-bundle, AWS_CA_BUNDLE). */
  caBundle?: string;
  /**
   * `replace`: trust only the bundle, as the STS client does for its endpoint. `add`: trust it
   * besides the usual public CAs, for a host that is not the STS endpoint (GitHub's token service
   * stays trusted when the bundle holds only a private STS endpoint's CA).
   */
  bundle: 'replace' | 'add';
  /** False only for --no-verify-ssl towards the STS endpoint itself. */
  verify: boolean;
  timeoutMs: number;
}

/** The PEM text of a CA bundle; FileError (exit 5) when it cannot be read. */
export function readCaBundle(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (cause) {
    throw new FileError(path, `Could not read the CA bundle ${path}.`, { cause, hint: 'Check --ca-bundle or AWS_CA_BUNDLE.' });
  }
}

/** A dispatcher for these settings; destroy() it when done. */
export function createHttpAgent(options: HttpAgentOptions): Dispatcher {
  const bundle = options.caBundle === undefined ? undefined : readCaBundle(options.caBundle);
  const ca = bundle === undefined ? undefined : options.bundle === 'add' ? [...rootCertificates, bundle] : bundle;
  const tls = { ...(ca !== undefined ? { ca } : {}), rejectUnauthorized: options.verify };
  return new EnvHttpProxyAgent({ connect: { ...tls, timeout: options.timeoutMs }, requestTls: tls, proxyTls: tls });
}
