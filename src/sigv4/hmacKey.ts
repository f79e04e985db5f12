// HMAC-SHA256 under a key used many times (a cached SigV4 signing key, the mock's token MAC key).
// RFC 2104 with the key's padded blocks made once: H((K ^ opad) ‖ H((K ^ ipad) ‖ m)), each H one
// call of crypto.hash (Node 20.12+), which costs about half a Hmac object made per message.
// Older Node 20 releases take createHmac.
import * as nodeCrypto from 'node:crypto';

const BLOCK = 64;
const DIGEST = 32;
const oneShot = typeof nodeCrypto.hash === 'function' ? nodeCrypto.hash : undefined;

export class HmacSha256Key {
  readonly key: Buffer;
  // ipad block then the message; opad block then the inner digest. Reused: every call is synchronous.
  #inner = Buffer.alloc(BLOCK + 256);
  readonly #outer = Buffer.alloc(BLOCK + DIGEST);

  constructor(key: Buffer) {
    this.key = key;
    const block = Buffer.alloc(BLOCK);
    (key.length > BLOCK ? nodeCrypto.createHash('sha256').update(key).digest() : key).copy(block);
    for (let i = 0; i < BLOCK; i++) {
      this.#inner[i] = block[i]! ^ 0x36;
      this.#outer[i] = block[i]! ^ 0x5c;
    }
  }

  /** The MAC of `message` (a string is taken as UTF-8), as hex or as 32 characters of one byte each ('binary', latin1). */
  digest(message: string | Uint8Array, encoding: 'hex' | 'binary'): string {
    if (!oneShot) return nodeCrypto.createHmac('sha256', this.key).update(message).digest(encoding);
    const length = typeof message === 'string' ? Buffer.byteLength(message, 'utf8') : message.length;
    if (BLOCK + length > this.#inner.length) {
      const grown = Buffer.alloc(BLOCK + length);
      this.#inner.copy(grown, 0, 0, BLOCK);
      this.#inner = grown;
    }
    if (typeof message === 'string') this.#inner.write(message, BLOCK, 'utf8');
    else this.#inner.set(message, BLOCK);
    // 'binary' (latin1) out: one byte per character, the cheapest of crypto.hash's outputs to turn back into bytes.
    this.#outer.write(oneShot('sha256', this.#inner.subarray(0, BLOCK + length), 'binary'), BLOCK, 'latin1');
    return oneShot('sha256', this.#outer, encoding);
  }
}
