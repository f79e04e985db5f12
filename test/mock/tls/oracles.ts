// Outside judges of a certificate: OpenSSL's command line (text dump, chain verification) and
// pyca/cryptography's strict DER parser. Files go to a temporary directory the caller removes.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Workdir {
  path: string;
  write(name: string, text: string): string;
  remove(): void;
}

export function workdir(): Workdir {
  const dir = mkdtempSync(join(tmpdir(), 'sts-certs-'));
  return {
    path: dir,
    write(name, text) {
      const path = join(dir, name);
      writeFileSync(path, text);
      return path;
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

function run(cmd: string, args: string[], input?: string): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: 60_000, ...(input === undefined ? {} : { input }) });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** `openssl x509 -noout -text`; throws with OpenSSL's words when it refuses. */
export function opensslText(certPath: string): string {
  const r = run('openssl', ['x509', '-noout', '-text', '-in', certPath]);
  if (r.status !== 0) throw new Error(`openssl x509 refused ${certPath}: ${r.stderr}`);
  return r.stdout;
}

/** `openssl verify -x509_strict -CAfile CA [-purpose P] [-attime T] CERT`: OpenSSL's verdict and its words. */
export function opensslVerify(caPath: string, certPath: string, options: { purpose?: string; at?: Date } = {}): { ok: boolean; output: string } {
  const args = ['verify', '-x509_strict', '-CAfile', caPath];
  if (options.purpose) args.push('-purpose', options.purpose);
  if (options.at) args.push('-attime', String(Math.floor(options.at.getTime() / 1000)));
  const r = run('openssl', [...args, certPath]);
  return { ok: r.status === 0 && r.stdout.includes(': OK'), output: r.stdout + r.stderr };
}

/** `openssl x509 -fingerprint -sha1`, as lower-case hex without colons. */
export function opensslSha1(certPath: string): string {
  const r = run('openssl', ['x509', '-noout', '-fingerprint', '-sha1', '-in', certPath]);
  return /=([0-9A-F:]+)/.exec(r.stdout)![1]!.replaceAll(':', '').toLowerCase();
}

export interface PythonView {
  version: string;
  serial: number;
  subject: string;
  issuer: string;
  notBefore: string;
  notAfter: string;
  extensions: { oid: string; critical: boolean; value: string }[];
}

const PYTHON_VIEW = `
import json, sys
from cryptography import x509
c = x509.load_pem_x509_certificate(sys.stdin.buffer.read())
print(json.dumps({
  "version": c.version.name, "serial": c.serial_number,
  "subject": c.subject.rfc4514_string(), "issuer": c.issuer.rfc4514_string(),
  "notBefore": c.not_valid_before_utc.isoformat(), "notAfter": c.not_valid_after_utc.isoformat(),
  "extensions": [{"oid": e.oid.dotted_string, "critical": e.critical, "value": repr(e.value)} for e in c.extensions],
}))
`;

/** How pyca/cryptography reads the certificate (it refuses non-DER encodings outright). */
export function pythonView(certPem: string): PythonView {
  const r = run('python3', ['-c', PYTHON_VIEW], certPem);
  if (r.status !== 0) throw new Error(`cryptography refused the certificate: ${r.stderr}`);
  return JSON.parse(r.stdout) as PythonView;
}
