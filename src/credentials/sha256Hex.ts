// SHA-256 for the cache's keys and digests. node:crypto's, not one in plain JavaScript: the cached
// paths load node:crypto anyway (file locks and atomic writes draw random names from it), and a
// JavaScript SHA-256 runs interpreted at start-up, about 0.2 ms per key: `sts-cli list` hashes
// hundreds (measured: 100 keys 19 ms in JavaScript, 0.8 ms here). crypto.hash (Node 20.12 and
// later) digests in one call without building a Hash stream: 100 digests 0.6 ms instead of 1.3.
import { nodeCrypto } from './nodeCrypto.js';

/** The SHA-256 of `text` (UTF-8), as 64 lower-case hex digits. */
export function sha256Hex(text: string): string {
  const crypto = nodeCrypto();
  // Absent before Node 20.12 (engines allows any Node 20).
  if (typeof crypto.hash === 'function') return crypto.hash('sha256', text, 'hex');
  return crypto.createHash('sha256').update(text, 'utf8').digest('hex');
}
