// HmacSha256Key: the same MAC as node:crypto's createHmac, for any key and message length; and the per-secret signing keys built on it.
import { createHmac, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { HmacSha256Key } from '../../src/sigv4/hmacKey.js';
import { deriveSigningKey, SecretSigningKeys, signString } from '../../src/sigv4/signingKey.js';

describe('HmacSha256Key', () => {
  it('equals createHmac for keys shorter and longer than a block, messages of any size, strings as UTF-8', () => {
    for (const keyLength of [0, 1, 32, 64, 65, 200]) {
      const key = randomBytes(keyLength);
      const mac = new HmacSha256Key(key);
      for (const size of [0, 1, 55, 64, 300, 5000, 40]) {
        const message = randomBytes(size);
        expect(mac.digest(message, 'hex'), `key ${keyLength}, message ${size}`).toBe(createHmac('sha256', key).update(message).digest('hex'));
        expect(Buffer.from(mac.digest(message, 'binary'), 'latin1').equals(createHmac('sha256', key).update(message).digest())).toBe(true);
      }
      const text = 'AWS4-HMAC-SHA256\n20261202T000000Z\nrégion/ü/✓';
      expect(mac.digest(text, 'hex')).toBe(createHmac('sha256', key).update(text, 'utf8').digest('hex'));
    }
  });
});

describe('SecretSigningKeys', () => {
  it('signs as signString with the derived key, for each scope apart (scopes whose parts join alike too)', () => {
    const keys = new SecretSigningKeys('wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY');
    const scopes = [
      { date: '20261202', region: 'us-east-1', service: 'sts' },
      { date: '20261202', region: 'us-east-1', service: 's3' },
      { date: '20261203', region: 'us-east-1', service: 'sts' },
      { date: '20261202', region: 'a1:b', service: 'c' },
      { date: '20261202', region: 'a', service: '1:bc' },
    ];
    for (let round = 0; round < 2; round++) {
      for (const scope of scopes) {
        const expected = signString(deriveSigningKey('wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY', scope), 'to sign');
        expect(keys.sign(scope, 'to sign'), JSON.stringify(scope)).toBe(expected);
      }
    }
  });
});
