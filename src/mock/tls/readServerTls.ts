// Reads a server certificate and its private key from PEM texts, as `serve --tls-cert/--tls-key`
// and `startMockSts({ tls: { cert, key } })` receive them: the certificate blocks in order (leaf
// first, then any chain), one private key block (the two may share one combined file), and a check
// that the key belongs to the leaf. Returns a result, so each caller raises its own error.
import { createPrivateKey, X509Certificate } from 'node:crypto';

export type ServerTlsCheck =
  | { ok: true; certPem: string; keyPem: string; leaf: X509Certificate }
  | {
      ok: false;
      /** Which input is at fault: the certificate text, the key text, or the two together. */
      part: 'cert' | 'key' | 'pair';
      /** Completes a sentence that starts with the input's name: "holds no PEM certificate". */
      problem: string;
      hint?: string;
    };

const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----\r?\n[\s\S]*?-----END \1-----/g;

function blocks(text: string): { label: string; pem: string }[] {
  return [...text.matchAll(PEM_BLOCK)].map((m) => ({ label: m[1]!, pem: `${m[0]}\n` }));
}

function readCertificates(text: string): X509Certificate[] | string {
  const found = blocks(text).filter((b) => b.label === 'CERTIFICATE');
  if (found.length === 0) return 'holds no PEM certificate (-----BEGIN CERTIFICATE-----)';
  const certificates: X509Certificate[] = [];
  for (const [i, block] of found.entries()) {
    try {
      certificates.push(new X509Certificate(block.pem));
    } catch {
      return `holds a CERTIFICATE block (number ${i + 1}) that is not a valid X.509 certificate`;
    }
  }
  return certificates;
}

/** The leaf (first) certificate with its chain, and the private key, checked to belong together. */
export function readServerTls(certText: string, keyText: string): ServerTlsCheck {
  const certificates = readCertificates(certText);
  if (typeof certificates === 'string') return { ok: false, part: 'cert', problem: certificates };
  const keyBlock = blocks(keyText).find((b) => b.label.endsWith('PRIVATE KEY'));
  if (!keyBlock) return { ok: false, part: 'key', problem: 'holds no PEM private key (-----BEGIN PRIVATE KEY-----)' };
  if (keyBlock.label === 'ENCRYPTED PRIVATE KEY' || /^Proc-Type:\s*4,\s*ENCRYPTED/m.test(keyBlock.pem)) {
    return {
      ok: false,
      part: 'key',
      problem: 'holds an encrypted private key, which the mock cannot unlock',
      hint: 'Write it out unencrypted (openssl pkey -in KEY -out key.pem) and keep that file private.',
    };
  }
  let key: ReturnType<typeof createPrivateKey>;
  try {
    key = createPrivateKey(keyBlock.pem);
  } catch {
    return { ok: false, part: 'key', problem: `holds a ${keyBlock.label} block that is not a private key node:crypto can read` };
  }
  const leaf = certificates[0]!;
  if (!leaf.checkPrivateKey(key)) {
    return { ok: false, part: 'pair', problem: 'does not belong to the certificate', hint: 'Pass the private key the certificate was issued for.' };
  }
  return { ok: true, certPem: certificates.map((c) => c.toString()).join(''), keyPem: keyBlock.pem, leaf };
}
