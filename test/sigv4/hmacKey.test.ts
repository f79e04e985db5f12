// HmacSha256Key: the same MAC as node:crypto's createHmac, for any key and message length.
import { createHmac, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { HmacSha256Key } from '../../src/sigv4/hmacKey.js';

describe('HmacSha256Key', () => {
  it('equals createHmac for keys shorter and longer than a block, messages of any size, strings as UTF-8', () => {
    for (const keyLength of [0, 1, 32, 64, 65, 200]) {
      const key = randomBytes(keyLength);
      const mac = new HmacSha256Key(key);
      for (const size of [0, 1, 55, 64, 300, 5000, 40]) {
        const message = randomBytes(size);
        expect(mac.digest(message, 'hex'), `key ${keyLength}, message ${size}`).toBe(createHmac('sha256', key).update(message).digest('hex'));
        expect(mac.digest(message, 'buffer').equals(createHmac('sha256', key).update(message).digest())).toBe(true);
      }
      const text = 'AWS4-HMAC-SHA256\n20261202T000000Z\nrégion/ü/✓';
      expect(mac.digest(text, 'hex')).toBe(createHmac('sha256', key).update(text, 'utf8').digest('hex'));
    }
  });
});
