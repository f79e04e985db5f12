// Session tokens (format 3: AES-256-CTR from one running cipher, HMAC-SHA256 tag, length-prefixed claims): what they
// seal comes back only to a key set derived from the same signing key, and any change is refused.
import { describe, expect, it } from 'vitest';
import { flavors } from '../../src/mock/flavors.js';
import { deriveKeys } from '../../src/mock/keys.js';
import { decodeClaims, encodeClaims, openToken, sealToken, type SessionClaims } from '../../src/mock/tokens.js';

const SIGNING_KEY = 'tokens-test-signing-key-0123456789abcdef';
const shape = flavors.aws.identity.secretKey;

function claims(akid: string, extra: Partial<SessionClaims> = {}): SessionClaims {
  return {
    akid,
    iat: 1,
    exp: 2,
    kind: 'role',
    account: '123456789012',
    arn: 'arn:aws:sts::123456789012:assumed-role/demo/s1',
    userId: 'AROA:s1',
    src: [],
    owner: 'test',
    ...extra,
  };
}

describe('session tokens', () => {
  it('open with the claims and the secret they were sealed with, on another key set of the same signing key', () => {
    const keys = deriveKeys(SIGNING_KEY);
    const sealed = sealToken(keys, claims('ASIA1'), shape);
    const opened = openToken(deriveKeys(SIGNING_KEY), sealed.sessionToken, shape);
    expect(opened?.claims).toEqual(claims('ASIA1'));
    expect(opened?.secretAccessKey).toBe(sealed.secretAccessKey);
    expect(sealed.secretAccessKey).toMatch(/^[A-Za-z0-9+/]{40}$/);
    expect(openToken(deriveKeys(`${SIGNING_KEY}-other`), sealed.sessionToken, shape)).toBeNull();
  });

  it('never repeat a nonce or a secret, within a key set and across key sets of one signing key', () => {
    const a = deriveKeys(SIGNING_KEY);
    const b = deriveKeys(SIGNING_KEY);
    const nonces = new Set<string>();
    const secrets = new Set<string>();
    for (let i = 0; i < 300; i++) {
      for (const keys of [a, b]) {
        const sealed = sealToken(keys, claims(`ASIA${i}`), shape);
        nonces.add(Buffer.from(sealed.sessionToken, 'base64').subarray(1, 17).toString('hex'));
        secrets.add(sealed.secretAccessKey);
      }
    }
    expect(nonces.size).toBe(600);
    expect(secrets.size).toBe(600);
  });

  it('open when sealed across keystream chunks, no two tokens sharing a counter block', () => {
    // Claims of many lengths, up to about 3 KiB: hundreds of tokens run through several 16 KiB chunks.
    const keys = deriveKeys(SIGNING_KEY);
    const sealed = Array.from({ length: 400 }, (_, i) => {
      const c = claims(`ASIA${i}`, { src: Array.from({ length: i % 40 }, (_, j) => `arn:aws:iam::123456789012:role/r${j}-${'x'.repeat(i % 37)}`) });
      return { c, ...sealToken(keys, c, shape) };
    });
    let nextFree = -1;
    for (const { c, sessionToken, secretAccessKey } of sealed) {
      expect(openToken(deriveKeys(SIGNING_KEY), sessionToken, shape)).toEqual({ claims: c, secretAccessKey });
      // The nonce's block number, and the blocks this token took: the secret's 64 bytes, then its claims'.
      const raw = Buffer.from(sessionToken, 'base64');
      const block = Number(raw.readBigUInt64BE(9));
      expect(block).toBeGreaterThanOrEqual(nextFree);
      nextFree = block + 4 + Math.ceil((raw.length - 17 - 16) / 16);
    }
  });

  it('seal long claims and unicode', () => {
    const keys = deriveKeys(SIGNING_KEY);
    const long = claims('ASIA2', { src: Array.from({ length: 20 }, (_, i) => `arn:aws:iam::123456789012:role/é-${i}-${'x'.repeat(60)}`) });
    const sealed = sealToken(keys, long, shape);
    expect(openToken(keys, sealed.sessionToken, shape)?.claims).toEqual(long);
  });

  it('refuse every changed byte, a truncated token, another version and garbage', () => {
    const keys = deriveKeys(SIGNING_KEY);
    const raw = Buffer.from(sealToken(keys, claims('ASIA3'), shape).sessionToken, 'base64');
    for (let i = 0; i < raw.length; i++) {
      const changed = Buffer.from(raw);
      changed[i]! ^= 0x01;
      expect(openToken(keys, changed.toString('base64'), shape), `byte ${i}`).toBeNull();
    }
    expect(openToken(keys, raw.subarray(0, raw.length - 1).toString('base64'), shape)).toBeNull();
    expect(openToken(keys, 'not a token', shape)).toBeNull();
    expect(openToken(keys, Buffer.alloc(64).toString('base64'), shape)).toBeNull();
  });

  it('hide the claims and the secret', () => {
    const keys = deriveKeys(SIGNING_KEY);
    const sealed = sealToken(keys, claims('ASIAVISIBLE'), shape);
    const decoded = Buffer.from(sealed.sessionToken, 'base64').toString('latin1');
    expect(decoded).not.toContain('ASIAVISIBLE');
    expect(decoded).not.toContain('assumed-role');
    expect(sealed.sessionToken).not.toContain(sealed.secretAccessKey);
  });

  it('carry every field exactly: the optional ones, separators and digits in values, a lone surrogate', () => {
    const keys = deriveKeys(SIGNING_KEY);
    const cases = [
      claims('ASIA4', { role: 'arn:aws:iam::123456789012:role/r', mfa: 1700000000, src: ['12:34', '-', ''] }),
      claims('ASIA5', { owner: '3:abc-', arn: ':::', userId: '-1', iat: -5, exp: 0 }),
      claims('ASIA6', { owner: 'lone \ud800 surrogate', src: ['pair \ud83d\ude00'] }),
    ];
    for (const c of cases) expect(openToken(keys, sealToken(keys, c, shape).sessionToken, shape)?.claims).toEqual(c);
  });

  it('refuse malformed claims text', () => {
    const good = encodeClaims(claims('ASIA7'));
    expect(decodeClaims(good)).toEqual(claims('ASIA7'));
    for (const bad of ['', good.slice(0, -1), `${good}9:x`, good.replace('4:role', '4:user'), good.replace('1:1', 'x:1'), good.replace('1:2', '1:z')]) {
      expect(decodeClaims(bad), bad).toBeNull();
    }
  });
});
