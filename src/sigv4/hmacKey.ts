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
  #inner = Buffer.alloc(BLOCK + 1024);
  readonly #outer = Buffer.alloc(BLOCK + DIGEST);
  // The view of #inner hashed last: messages signed one after another are mostly of one length.
  #view = this.#inner.subarray(0, BLOCK);

  constructor(key: Buffer) {
    this.key = key;
    const block = Buffer.alloc(BLOCK);
    (key.length > BLOCK ? nodeCrypto.createHash('sha256').update(key).digest() : key).copy(block);
    for (let i = 0; i < BLOCK; i++) {
      this.#inner[i] = block[i]! ^ 0x36;
      this.#outer[i] = block[i]! ^ 0x5c;
    }
  }

  /** Where a message written into `messageRoom`'s buffer starts: after the key's inner block. */
  static readonly MESSAGE_AT = BLOCK;

  /**
   * The buffer to write a message into, at MESSAGE_AT, with room for `bytes` of it; `digestWritten`
   * then MACs it where it lies (a caller building its message there copies nothing). Valid until
   * the next call on this key: every call is synchronous.
   */
  messageRoom(bytes: number): Buffer {
    if (BLOCK + bytes > this.#inner.length) {
      const grown = Buffer.alloc(BLOCK + bytes);
      this.#inner.copy(grown, 0, 0, BLOCK);
      this.#inner = grown;
      this.#view = grown.subarray(0, BLOCK);
    }
    return this.#inner;
  }

  /** The MAC of the `length` bytes at MESSAGE_AT of messageRoom's buffer, as hex or as 32 characters of one byte each ('binary', latin1). */
  digestWritten(length: number, encoding: 'hex' | 'binary'): string {
    if (!oneShot)
      return nodeCrypto
        .createHmac('sha256', this.key)
        .update(this.#inner.subarray(BLOCK, BLOCK + length))
        .digest(encoding);
    // 'binary' (latin1) out: one byte per character, the cheapest of crypto.hash's outputs to turn back into bytes.
    if (this.#view.length !== BLOCK + length) this.#view = this.#inner.subarray(0, BLOCK + length);
    this.#outer.write(oneShot('sha256', this.#view, 'binary'), BLOCK, 'latin1');
    return oneShot('sha256', this.#outer, encoding);
  }

  /** The MAC of `message` (a string is taken as UTF-8), as hex or as 32 characters of one byte each ('binary', latin1). */
  digest(message: string | Uint8Array, encoding: 'hex' | 'binary'): string {
    if (!oneShot) return nodeCrypto.createHmac('sha256', this.key).update(message).digest(encoding);
    // Room for a text's longest UTF-8 (3 bytes per UTF-16 unit): write() then tells its length, with no pass to count it first.
    const inner = this.messageRoom(typeof message === 'string' ? message.length * 3 : message.length);
    if (typeof message !== 'string') {
      inner.set(message, BLOCK);
      return this.digestWritten(message.length, encoding);
    }
    return this.digestWritten(inner.write(message, BLOCK, 'utf8'), encoding);
  }
}
