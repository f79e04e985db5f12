// The one case-insensitive header lookup of the signer and the verifier.
import { describe, expect, it } from 'vitest';
import { getHeaderValue, hasHeader } from '../../src/sigv4/headers.js';
import { uriDecode, uriEncode } from '../../src/sigv4/uri.js';

describe('header lookups', () => {
  const headers = { Host: 'example.com', 'X-Amz-Date': '20261123T120000Z', 'x-amz-date': 'later', 'Content-Type': '' };

  it('find a name in any case; the first of names that differ only in case wins', () => {
    expect(hasHeader(headers, 'host')).toBe(true);
    expect(getHeaderValue(headers, 'host')).toBe('example.com');
    expect(getHeaderValue(headers, 'x-amz-date')).toBe('20261123T120000Z');
  });

  it('an empty value is present; an absent name, a longer or shorter one, is not', () => {
    expect(hasHeader(headers, 'content-type')).toBe(true);
    expect(getHeaderValue(headers, 'content-type')).toBe('');
    expect(hasHeader(headers, 'authorization')).toBe(false);
    expect(getHeaderValue(headers, 'authorization')).toBeUndefined();
    expect(hasHeader(headers, 'hos')).toBe(false);
    expect(hasHeader(headers, 'hostx')).toBe(false);
  });

  it('ignores inherited properties', () => {
    const inherited = Object.create({ authorization: 'AWS4-HMAC-SHA256 …' }) as Record<string, string>;
    expect(hasHeader(inherited, 'authorization')).toBe(false);
    expect(getHeaderValue(inherited, 'authorization')).toBeUndefined();
  });
});

describe('percent-encoding', () => {
  it('encodes strictly and decodes leniently', () => {
    expect(uriEncode("a b+c!'()*~")).toBe('a%20b%2Bc%21%27%28%29%2A~');
    expect(uriDecode('a%20b%2Bc')).toBe('a b+c');
    expect(uriDecode('100%')).toBe('100%');
    expect(uriDecode('%E0%A4%A')).toBe('%E0%A4%A');
  });
});
