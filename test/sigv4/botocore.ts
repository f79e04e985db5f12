// Runs botocore's signers over a whole batch of cases in ONE python3 process (see botocore_sign.py).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ALWAYS_UNSIGNABLE_HEADERS, PROXY_HEADER_PATTERN, SEC_HEADER_PATTERN } from '@smithy/signature-v4';
import type { GeneratedCase } from './generate.js';

export interface BotocoreCase {
  method: string;
  url: string;
  headers: Array<[string, string]>;
  body: string | null;
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string | null;
  region: string;
  service: string;
  amzDate: string;
  presignExpires?: number;
}

export interface BotocoreResult {
  authorization: string | null;
  url: string;
  canonicalRequest: string;
  headers: Array<[string, string]>;
}

/** The botocore input for a generated case: its strictly encoded URL (as botocore builds them). */
export function botocoreCase(c: GeneratedCase, headers: Array<[string, string]>): BotocoreCase {
  return {
    method: c.method,
    url: c.strictUrl,
    headers,
    body: c.body ?? null,
    accessKeyId: c.credentials.accessKeyId,
    secretAccessKey: c.credentials.secretAccessKey,
    sessionToken: c.credentials.sessionToken ?? null,
    region: c.region,
    service: c.service,
    amzDate: c.now.toISOString().replace(/[-:]|\.\d{3}/g, ''),
  };
}

export function runBotocore(cases: BotocoreCase[]): BotocoreResult[] {
  const script = fileURLToPath(new URL('./botocore_sign.py', import.meta.url));
  const run = spawnSync('python3', [script], { input: JSON.stringify(cases), encoding: 'utf8', timeout: 60_000, maxBuffer: 64 << 20 });
  if (run.status !== 0) throw new Error(`botocore signer failed: ${run.error?.message ?? run.stderr}`);
  const results = JSON.parse(run.stdout) as BotocoreResult[];
  if (results.length !== cases.length) throw new Error(`botocore signed ${results.length} of ${cases.length} cases`);
  return results;
}

/** smithy's own list of headers it never signs (botocore's list is shorter): aligns botocore's input. */
export function signableBySmithy(name: string): boolean {
  const lower = name.toLowerCase();
  return !(lower in ALWAYS_UNSIGNABLE_HEADERS) && !PROXY_HEADER_PATTERN.test(lower) && !SEC_HEADER_PATTERN.test(lower);
}
