// SHA-256 in one call, for signatures and for the credential cache's keys. crypto.hash (Node
// 20.12+) needs no Hash object and is about twice as fast for small inputs; older Node 20 releases
// take the streaming API. node:crypto loads at the first digest: `sts-cli env` and `--help` never
// hash, and loading it costs them about 2 ms.
import { nodeCrypto } from '../nodeCrypto.js';

export function sha256(data: string | Uint8Array, encoding: 'hex' | 'base64'): string {
  const crypto = nodeCrypto();
  return typeof crypto.hash === 'function' ? crypto.hash('sha256', data, encoding) : crypto.createHash('sha256').update(data).digest(encoding);
}

/** The SHA-256 of `data` (a string as UTF-8), as 64 lower-case hex digits. */
export function sha256Hex(data: string | Uint8Array): string {
  return sha256(data, 'hex');
}
