// HMAC_DRBG with SHA-256 (NIST SP 800-90A Rev. 1, §10.1.2), without reseeding: a deterministic
// stream of bytes from a seed, so that every instance sharing a signing key derives the same RSA
// key. Checked against the NIST CAVP vectors in test/mock/issuer/hmacDrbg.test.ts.
import { createHmac } from 'node:crypto';

const OUT_BYTES = 32;
/** SP 800-90A Table 2: at most 7500 bits (937 bytes) per generate call. */
const MAX_REQUEST_BYTES = 937;

export class HmacDrbg {
  private key: Buffer = Buffer.alloc(OUT_BYTES, 0x00);
  private value: Buffer = Buffer.alloc(OUT_BYTES, 0x01);

  /** Instantiate with `entropy || nonce || personalization` as the seed material. */
  constructor(entropy: Uint8Array, nonce: Uint8Array = new Uint8Array(0), personalization: Uint8Array = new Uint8Array(0)) {
    this.update(Buffer.concat([entropy, nonce, personalization]));
  }

  private mac(...parts: Uint8Array[]): Buffer {
    const hmac = createHmac('sha256', this.key);
    for (const part of parts) hmac.update(part);
    return hmac.digest();
  }

  private update(provided: Uint8Array): void {
    this.key = this.mac(this.value, Uint8Array.of(0x00), provided);
    this.value = this.mac(this.value);
    if (provided.length === 0) return;
    this.key = this.mac(this.value, Uint8Array.of(0x01), provided);
    this.value = this.mac(this.value);
  }

  /** The next `length` bytes (at most 937 per call, as the standard bounds a request); no additional input. */
  generate(length: number): Buffer {
    if (!Number.isInteger(length) || length < 0 || length > MAX_REQUEST_BYTES) throw new RangeError(`HMAC_DRBG gives 0..${MAX_REQUEST_BYTES} bytes per call`);
    const blocks: Buffer[] = [];
    for (let have = 0; have < length; have += OUT_BYTES) {
      this.value = this.mac(this.value);
      blocks.push(this.value);
    }
    this.update(new Uint8Array(0));
    return Buffer.concat(blocks).subarray(0, length);
  }
}
