// serve's TLS flags: which certificate to serve (made at start by --tls, or read from --tls-cert
// and --tls-key), checked before anything listens, and how --workers hand the certificate to each
// worker: in their environment, never in their arguments. The private key is registered as a
// secret, so no message can show it. Where the CA goes for clients: publishCa.ts.
import { open } from 'node:fs/promises';
import { toFileError } from '../../credentials/fileError.js';
import { FileError, UsageError } from '../../errors.js';
import type { MockTlsCertificate } from '../../mock/index.js';
import { resolveTls } from '../../mock/resolveTls.js';
import { readServerTls, serverCertificateWarnings } from '../../mock/tls/index.js';
import type { CliContext } from '../context.js';
import type { ServeInput } from '../inputs.js';
import { checkCaFile } from './publishCa.js';

/** What serve serves over TLS, and what it tells the user about it at start. */
export interface ServeTls {
  certificate: MockTlsCertificate;
  /** One stderr line on what is served (without where the CA went). */
  summary: string;
  warnings: string[];
}

// The worker's copy of the certificate: set by the primary in cluster.fork's environment only.
const WORKER_CERT = 'STS_CLI_WORKER_TLS_CERT';
const WORKER_KEY = 'STS_CLI_WORKER_TLS_KEY';

const MAX_PEM_BYTES = 1024 * 1024;

/** Whether any TLS flag asks for https. */
export function wantsTls(input: ServeInput): boolean {
  return input.tls || input.tlsCert !== undefined || input.tlsKey !== undefined;
}

/** A PEM file (or a pipe, as `<(…)` gives), read whole up to 1 MiB. */
async function readPem(path: string, flag: string): Promise<string> {
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    handle = await open(path, 'r');
    const st = await handle.stat();
    if (st.isDirectory()) throw new FileError(path, `Cannot read ${flag} ${path}: it is a folder, not a file.`, { hint: `Name the PEM file for ${flag}.` });
    const chunks: Buffer[] = [];
    let size = 0;
    for (;;) {
      const { bytesRead, buffer } = await handle.read(Buffer.alloc(64 * 1024), 0, 64 * 1024, null);
      if (bytesRead === 0) break;
      size += bytesRead;
      if (size > MAX_PEM_BYTES) throw new FileError(path, `Cannot read ${flag} ${path}: it is larger than 1 MiB, which no PEM certificate or key is.`);
      chunks.push(buffer.subarray(0, bytesRead));
    }
    return Buffer.concat(chunks).toString('utf8');
  } catch (error) {
    if (error instanceof FileError) throw error;
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new FileError(path, `Cannot read ${flag} ${path}: there is no such file.`, { hint: `Check the path given to ${flag}.` });
    }
    const failed = toFileError(path, 'read', error);
    throw new FileError(path, failed.message, { cause: error, hint: `Check the path and mode of ${flag}.` });
  } finally {
    await handle?.close();
  }
}

async function ownCertificate(certPath: string, keyPath: string, host: string, ctx: CliContext): Promise<ServeTls> {
  const [certText, keyText] = await Promise.all([readPem(certPath, '--tls-cert'), readPem(keyPath, '--tls-key')]);
  // Registered before it is checked: even a refusal's message cannot show the key.
  const keyBlock = /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z0-9 ]*PRIVATE KEY-----/.exec(keyText)?.[0];
  ctx.out.addSecret(keyBlock);
  const check = readServerTls(certText, keyText);
  if (!check.ok) {
    const options = check.hint === undefined ? {} : { hint: check.hint };
    if (check.part === 'cert') throw new FileError(certPath, `--tls-cert ${certPath} ${check.problem}.`, options);
    if (check.part === 'key') throw new FileError(keyPath, `--tls-key ${keyPath} ${check.problem}.`, options);
    throw new UsageError(`--tls-key ${keyPath} ${check.problem} in --tls-cert ${certPath}.`, options);
  }
  const leaf = check.leaf;
  return {
    certificate: { cert: check.certPem, key: check.keyPem },
    summary: `TLS: serving the certificate in ${certPath} (${leaf.subjectAltName ?? leaf.subject.replaceAll('\n', ', ')}; valid until ${new Date(leaf.validTo).toISOString()}).`,
    warnings: serverCertificateWarnings(leaf, host, ctx.now()).map((w) => `the certificate in --tls-cert ${certPath} ${w}: clients will refuse it.`),
  };
}

/**
 * The certificate serve is to serve, or undefined for plain http. Usage errors (exit 2) for flags
 * that do not go together, FileError (exit 5) for a certificate or key file that cannot be used.
 */
export async function resolveServeTls(input: ServeInput, ctx: CliContext): Promise<ServeTls | undefined> {
  if ((input.tlsCert === undefined) !== (input.tlsKey === undefined)) {
    throw new UsageError('--tls-cert and --tls-key go together: the certificate and its private key.', {
      hint: 'Pass both, or --tls alone for a certificate made at start.',
    });
  }
  if (input.tlsCaFile !== undefined && input.tlsCert !== undefined) {
    throw new UsageError('--tls-ca-file writes the CA of the certificate --tls makes; with --tls-cert you already hold your CA.', {
      hint: 'Drop --tls-ca-file, and trust the CA that signed your certificate.',
    });
  }
  if (input.tlsCaFile !== undefined && !input.tls) throw new UsageError('--tls-ca-file needs --tls.', { hint: 'Add --tls to serve https.' });
  if (!wantsTls(input)) return undefined;
  if (input.tlsCaFile !== undefined) await checkCaFile(input.tlsCaFile);
  if (input.tlsCert !== undefined && input.tlsKey !== undefined) return ownCertificate(input.tlsCert, input.tlsKey, input.host, ctx);
  const made = resolveTls(true, input.host);
  ctx.out.addSecret(made.key);
  const ca = made.caCertificate!;
  return {
    certificate: { cert: made.cert, key: made.key, ca },
    summary: `TLS: a certificate made at start for ${made.hosts!.join(', ')}.`,
    warnings: [],
  };
}

/** The environment a worker receives its certificate in (never its arguments, which other users can read in /proc). */
export function workerTlsEnv(certificate: MockTlsCertificate): Record<string, string> {
  return { [WORKER_CERT]: certificate.cert, [WORKER_KEY]: certificate.key };
}

/** In a worker: the certificate the primary handed over, taken out of the environment. */
export function takeWorkerTls(env: NodeJS.ProcessEnv): MockTlsCertificate | undefined {
  const cert = env[WORKER_CERT];
  const key = env[WORKER_KEY];
  delete env[WORKER_CERT];
  delete env[WORKER_KEY];
  return cert && key ? { cert, key } : undefined;
}
