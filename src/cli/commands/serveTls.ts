// serve's TLS flags: which certificate to serve (made at start by --tls, or read from --tls-cert
// and --tls-key), where its CA goes for clients (--tls-ca-file, else a private temporary file named
// on stderr), and how --workers hand the certificate to each worker: in their environment, never
// in their arguments. The private key is registered as a secret, so no message can show it.
import type { Stats } from 'node:fs';
import { mkdtemp, open, realpath, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { toFileError } from '../../credentials/fileError.js';
import { writeFileAtomic } from '../../credentials/writeFileAtomic.js';
import { FileError, UsageError } from '../../errors.js';
import type { MockTlsCertificate } from '../../mock/index.js';
import { resolveTls } from '../../mock/resolveTls.js';
import { readServerTls, serverCertificateWarnings } from '../../mock/tls/index.js';
import type { CliContext } from '../context.js';
import type { ServeInput } from '../inputs.js';

/** What serve serves over TLS, and what it tells the user about it at start. */
export interface ServeTls {
  certificate: MockTlsCertificate;
  /** One stderr line on what is served (without where the CA went). */
  summary: string;
  warnings: string[];
}

/** Where the CA certificate was written; `remove()` deletes it when serve made the file up itself. */
export interface PublishedCa {
  path: string;
  remove(): Promise<void>;
}

// The worker's copy of the certificate: set by the primary in cluster.fork's environment only.
const WORKER_CERT = 'STS_CLI_WORKER_TLS_CERT';
const WORKER_KEY = 'STS_CLI_WORKER_TLS_KEY';
const WORKER_CA = 'STS_CLI_WORKER_TLS_CA';

const MAX_PEM_BYTES = 1024 * 1024;

/** Whether any TLS flag asks for https. */
export function wantsTls(input: ServeInput): boolean {
  return input.tls || input.tlsCert !== undefined || input.tlsKey !== undefined;
}

function kindOf(st: Stats): string {
  if (st.isDirectory()) return 'a folder';
  if (st.isFIFO()) return 'a FIFO';
  if (st.isSocket()) return 'a socket';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  return 'not a regular file';
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

/**
 * Where `--tls-ca-file` will be written (symbolic links followed), checked before the mock starts:
 * a regular file or none yet, in an existing folder. Anything else is refused, left untouched.
 */
export async function checkCaFile(path: string): Promise<string> {
  let target = path;
  try {
    target = await realpath(path);
    const st = await stat(target);
    if (!st.isFile()) {
      throw new FileError(path, `Cannot write the CA certificate to ${path}: it is ${kindOf(st)}, not a regular file.`, {
        hint: 'Name a regular file (or a new one) for --tls-ca-file; it was left untouched.',
      });
    }
    return target;
  } catch (error) {
    if (error instanceof FileError) throw error;
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw toFileError(path, 'write', error);
  }
  const folder = await stat(dirname(target)).catch(() => undefined);
  if (!folder?.isDirectory()) {
    throw new FileError(path, `Cannot write the CA certificate to ${path}: its folder ${dirname(target)} does not exist.`, {
      hint: 'Create the folder, or name another --tls-ca-file.',
    });
  }
  return target;
}

/** Writes the CA certificate to `--tls-ca-file` (atomically, 0644) or to a private temporary file. */
export async function publishCa(caPem: string, path: string | undefined): Promise<PublishedCa> {
  if (path === undefined) {
    // 0700 folder: the file is the user's alone, and nobody can swap it before a client reads it.
    const dir = await mkdtemp(join(tmpdir(), 'sts-cli-ca-'));
    const file = join(dir, 'ca.pem');
    await writeFileAtomic(file, caPem, { mode: 0o644 });
    return { path: file, remove: () => rm(dir, { recursive: true, force: true }) };
  }
  const target = await checkCaFile(path);
  try {
    await writeFileAtomic(target, caPem, { mode: 0o644 });
  } catch (error) {
    const failed = toFileError(path, 'write', error);
    throw new FileError(path, failed.message, { cause: error, hint: 'Check that you may write in its folder, or name another --tls-ca-file.' });
  }
  return { path, remove: async () => undefined };
}

/** The line that tells the user how to trust the CA. */
export function caLine(path: string): string {
  return `TLS: the CA certificate is in ${path}; trust it with --ca-bundle ${path} or AWS_CA_BUNDLE=${path}.`;
}

/** The environment a worker receives its certificate in (never its arguments, which other users can read in /proc). */
export function workerTlsEnv(certificate: MockTlsCertificate): Record<string, string> {
  return { [WORKER_CERT]: certificate.cert, [WORKER_KEY]: certificate.key, ...(certificate.ca !== undefined ? { [WORKER_CA]: certificate.ca } : {}) };
}

/** In a worker: the certificate the primary handed over, taken out of the environment. */
export function takeWorkerTls(env: NodeJS.ProcessEnv): MockTlsCertificate | undefined {
  const cert = env[WORKER_CERT];
  const key = env[WORKER_KEY];
  const ca = env[WORKER_CA];
  delete env[WORKER_CERT];
  delete env[WORKER_KEY];
  delete env[WORKER_CA];
  if (!cert || !key) return undefined;
  return { cert, key, ...(ca ? { ca } : {}) };
}
