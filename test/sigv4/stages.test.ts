// Every stage of SigV4 on known vectors, so a wrong signature points at the stage that broke.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  cachedSigningKey,
  canonicalHeaders,
  canonicalPath,
  canonicalQuery,
  canonicalRequest,
  deriveSigningKey,
  headersToSign,
  payloadHash,
  scopeString,
  signRequest,
  stringToSign,
  toAmzDate,
  parseAmzDate,
} from '../../src/sigv4/index.js';

const EXAMPLE_SECRET = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY';
const EMPTY = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

describe('canonicalPath', () => {
  it.each([
    ['/', '/'],
    ['', '/'],
    ['//', '/'],
    ['/a/./b/../c', '/a/c'],
    ['/a/b/..', '/a'],
    ['/..', '/'],
    ['/../a', '/a'],
    ['/a//b///c', '/a/b/c'],
    ['//sts//', '/sts/'],
    ['/minio/sts/v1/', '/minio/sts/v1/'],
    ['/a/b', '/a/b'],
    // Already-encoded characters are encoded once more (every service but S3).
    ['/documents%20and%20settings/', '/documents%2520and%2520settings/'],
    ['/%C3%A9/%E6%97%A5', '/%25C3%25A9/%25E6%2597%25A5'],
    ['/a%2Fb', '/a%252Fb'],
    ['/%41', '/%2541'],
    ['/~user/a-b_c.d', '/~user/a-b_c.d'],
    ["/x!$&'()*+,;=:@y", '/x%21%24%26%27%28%29%2A%2B%2C%3B%3D%3A%40y'],
  ])('%s → %s', (path, expected) => {
    expect(canonicalPath(path)).toBe(expected);
  });
});

describe('canonicalQuery', () => {
  it.each([
    ['', ''],
    ['?', ''],
    ['?Action=ListUsers&Version=2010-05-08', 'Action=ListUsers&Version=2010-05-08'],
    ['b=2&a=1', 'a=1&b=2'],
    // Repeated names: sorted by value, as strings.
    ['a=2&a=1&a=10', 'a=1&a=10&a=2'],
    // By name first: joining "name=value" then sorting would put a-b before a ('-' < '=').
    ['a-b=1&a=2', 'a=2&a-b=1'],
    ['a.b=1&a=2&a_b=3', 'a=2&a.b=1&a_b=3'],
    // Code-point order: upper case before lower case.
    ['b=1&a=1&B=1&A=1', 'A=1&B=1&a=1&b=1'],
    // Empty values and names without '='.
    ['flag&x=&y=1', 'flag=&x=&y=1'],
    ['a=&a=', 'a=&a='],
    ['&&a=1&', 'a=1'],
    // Unicode: written raw, lower-case hex or upper-case hex, all one canonical form.
    ['q=é', 'q=%C3%A9'],
    ['q=%c3%a9', 'q=%C3%A9'],
    ['%E6%97%A5=%F0%9F%98%80&q=1', '%E6%97%A5=%F0%9F%98%80&q=1'],
    // Reserved characters: only A-Za-z0-9-_.~ stay bare.
    ["q=!'()*", 'q=%21%27%28%29%2A'],
    ['q=%7E~-_.', 'q=~~-_.'],
    ['q=a/b:c@d,e;f$g?h', 'q=a%2Fb%3Ac%40d%2Ce%3Bf%24g%3Fh'],
    ['q=a=b', 'q=a%3Db'],
    ['q=a%26b%3Dc', 'q=a%26b%3Dc'],
    ['q=a%20b', 'q=a%20b'],
    // '+' is a literal plus (decodeURIComponent, smithy's query parser); a space must come as %20.
    ['q=a+b', 'q=a%2Bb'],
    ['q=a%2Bb', 'q=a%2Bb'],
    ['q=a%2bb', 'q=a%2Bb'],
    ['plus+=1', 'plus%2B=1'],
    // A malformed escape is signed as written, its '%' encoded.
    ['q=%zz', 'q=%25zz'],
  ])('%s → %s', (query, expected) => {
    expect(canonicalQuery(query)).toBe(expected);
  });

  it('leaves out the named parameter (a presigned URL signature)', () => {
    expect(canonicalQuery('X-Amz-Signature=abc&b=2&a=1', 'X-Amz-Signature')).toBe('a=1&b=2');
    expect(canonicalQuery('X-Amz-Signature=abc&b=2', undefined)).toBe('X-Amz-Signature=abc&b=2');
  });
});

describe('headersToSign and canonicalHeaders', () => {
  it('signs every header but the ones a proxy or agent may change, lower-cased and sorted', () => {
    const headers = {
      Host: 'example.com',
      'Content-Type': 'text/plain',
      'X-Amz-Date': '20150830T123600Z',
      'User-Agent': 'sts-cli',
      'X-Amzn-Trace-Id': 'Root=1',
      Expect: '100-continue',
      Authorization: 'AWS4-HMAC-SHA256 old',
      Connection: 'keep-alive',
      'Transfer-Encoding': 'chunked',
      'Proxy-Authorization': 'Basic x',
      'Sec-Fetch-Mode': 'cors',
      'X-UPPER': 'v',
    };
    expect(headersToSign(headers)).toEqual(['content-type', 'host', 'x-amz-date', 'x-upper']);
  });

  it('trims values and folds inner runs of spaces and tabs, quoted or not (AWS example)', () => {
    const headers = {
      Host: 'example.amazonaws.com',
      'My-Header1': '    a   b   c  ',
      'X-Amz-Date': '20150830T123600Z',
      'My-Header2': '    "a   b   c"  ',
      'X-Tabs': '\ta\t\t b \t',
    };
    const names = headersToSign(headers);
    expect(names).toEqual(['host', 'my-header1', 'my-header2', 'x-amz-date', 'x-tabs']);
    expect(canonicalHeaders(headers, names)).toBe(
      'host:example.amazonaws.com\nmy-header1:a b c\nmy-header2:"a b c"\nx-amz-date:20150830T123600Z\nx-tabs:a b\n',
    );
  });

  it('joins a header repeated in different cases with commas, in order, each value trimmed', () => {
    const headers = { 'X-Dup': ' first  one ', 'x-dup': 'second', host: 'h' };
    expect(headersToSign(headers)).toEqual(['host', 'x-dup']);
    expect(canonicalHeaders(headers, ['host', 'x-dup'])).toBe('host:h\nx-dup:first one,second\n');
  });

  it('keeps an empty value as an empty value', () => {
    expect(canonicalHeaders({ 'X-Empty': '', host: 'h' }, ['host', 'x-empty'])).toBe('host:h\nx-empty:\n');
  });

  it('normalises every value as trim-then-fold, whatever whitespace it holds (all strings up to 5 of these characters)', () => {
    // Space, tab, line feed, no-break space, ideographic space, a letter, an é and a control character.
    const chars = [' ', '\t', '\n', '\u00a0', '\u3000', 'a', 'é', '\u0001'];
    const values = [''];
    for (let length = 1, last = ['']; length <= 5; length++) {
      last = last.flatMap((prefix) => chars.map((c) => prefix + c));
      values.push(...last);
    }
    expect(values.length).toBe(37_449);
    for (const value of values) {
      const expected = value.trim().replace(/\s+/g, ' ');
      const line = canonicalHeaders({ 'X-V': value }, ['x-v']);
      if (line !== `x-v:${expected}\n`) expect({ value, line }).toEqual({ value, line: `x-v:${expected}\n` });
    }
  });
});

describe('payloadHash', () => {
  it('hashes an empty or absent body to the SHA-256 of nothing', () => {
    expect(createHash('sha256').update('').digest('hex')).toBe(EMPTY);
    expect(payloadHash(undefined)).toBe(EMPTY);
    expect(payloadHash('')).toBe(EMPTY);
    expect(payloadHash(new Uint8Array())).toBe(EMPTY);
  });

  it('hashes a body as UTF-8, string or bytes alike', () => {
    const body = 'Action=AssumeRole&RoleSessionName=é日本😀';
    const expected = createHash('sha256').update(Buffer.from(body, 'utf8')).digest('hex');
    expect(payloadHash(body)).toBe(expected);
    expect(payloadHash(new TextEncoder().encode(body))).toBe(expected);
    expect(payloadHash('Action=ListUsers&Version=2010-05-08')).toBe('b6359072c78d70ebee1e81adcbab4f01bf2c23245fa365ef83fe8f1f955085e2');
  });
});

describe('signing key', () => {
  const scope = { date: '20120215', region: 'us-east-1', service: 'iam' };

  it('derives the key of the AWS documented example', () => {
    expect(deriveSigningKey(EXAMPLE_SECRET, scope).toString('hex')).toBe('f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d');
  });

  it('caches per secret and scope', () => {
    expect(cachedSigningKey(EXAMPLE_SECRET, scope).toString('hex')).toBe('f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d');
    expect(cachedSigningKey(EXAMPLE_SECRET, scope)).toEqual(deriveSigningKey(EXAMPLE_SECRET, scope));
    expect(cachedSigningKey('another-secret', scope)).toEqual(deriveSigningKey('another-secret', scope));
    expect(cachedSigningKey('another-secret', scope)).not.toEqual(cachedSigningKey(EXAMPLE_SECRET, scope));
    expect(cachedSigningKey(EXAMPLE_SECRET, { ...scope, date: '20120216' })).toEqual(deriveSigningKey(EXAMPLE_SECRET, { ...scope, date: '20120216' }));
  });

  it('never serves one scope the key of another that joins to the same text', () => {
    const a = { date: '20200101', region: 'a/b', service: 'c' };
    const b = { date: '20200101', region: 'a', service: 'b/c' };
    expect(cachedSigningKey(EXAMPLE_SECRET, a)).toEqual(deriveSigningKey(EXAMPLE_SECRET, a));
    expect(cachedSigningKey(EXAMPLE_SECRET, b)).toEqual(deriveSigningKey(EXAMPLE_SECRET, b));
  });

  it('stays correct past the cache bound', () => {
    for (let day = 1; day <= 80; day++) {
      const s = { ...scope, date: `202001${String((day % 28) + 1).padStart(2, '0')}`, region: `r${day}` };
      expect(cachedSigningKey(EXAMPLE_SECRET, s)).toEqual(deriveSigningKey(EXAMPLE_SECRET, s));
    }
  });
});

describe('dates and scope', () => {
  it('formats and parses the SigV4 timestamp', () => {
    expect(toAmzDate(new Date('2015-08-30T12:36:00.999Z'))).toBe('20150830T123600Z');
    expect(parseAmzDate('20150830T123600Z')?.toISOString()).toBe('2015-08-30T12:36:00.000Z');
    expect(parseAmzDate('2015-08-30T12:36:00Z')).toBeNull();
    expect(scopeString({ date: '20150830', region: 'us-east-1', service: 'iam' })).toBe('20150830/us-east-1/iam/aws4_request');
  });
});

// The IAM ListUsers example of the AWS SigV4 documentation, stage by stage.
describe('AWS documented example: GET iam ListUsers, 20150830T123600Z', () => {
  const signed = signRequest(
    {
      method: 'GET',
      url: 'https://iam.amazonaws.com/?Action=ListUsers&Version=2010-05-08',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded; charset=utf-8' },
    },
    {
      credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: EXAMPLE_SECRET },
      region: 'us-east-1',
      service: 'iam',
      now: new Date('2015-08-30T12:36:00Z'),
    },
  );
  const canonical = [
    'GET',
    '/',
    'Action=ListUsers&Version=2010-05-08',
    'content-type:application/x-www-form-urlencoded; charset=utf-8',
    'host:iam.amazonaws.com',
    'x-amz-date:20150830T123600Z',
    '',
    'content-type;host;x-amz-date',
    EMPTY,
  ].join('\n');

  it('canonical request', () => {
    expect(signed.canonicalRequest).toBe(canonical);
    expect(
      canonicalRequest({
        method: 'get',
        path: '/',
        rawQuery: '?Version=2010-05-08&Action=ListUsers',
        headers: signed.headers,
        signedHeaders: ['content-type', 'host', 'x-amz-date'],
        payloadHash: EMPTY,
      }),
    ).toBe(canonical);
    expect(createHash('sha256').update(canonical).digest('hex')).toBe('f536975d06c0309214f805bb90ccff089219ecd68b2577efef23edd43b7e1a59');
  });

  it('string to sign', () => {
    const expected =
      'AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/iam/aws4_request\nf536975d06c0309214f805bb90ccff089219ecd68b2577efef23edd43b7e1a59';
    expect(signed.stringToSign).toBe(expected);
    expect(stringToSign('20150830T123600Z', { date: '20150830', region: 'us-east-1', service: 'iam' }, canonical)).toBe(expected);
  });

  it('signing key, signature and Authorization header', () => {
    expect(deriveSigningKey(EXAMPLE_SECRET, { date: '20150830', region: 'us-east-1', service: 'iam' }).toString('hex')).toBe(
      'c4afb1cc5771d871763a393e44b703571b55cc28424d1a5e86da6ed3c154a4b9',
    );
    expect(signed.signature).toBe('5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7');
    expect(signed.headers.authorization).toBe(
      'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request, ' +
        'SignedHeaders=content-type;host;x-amz-date, Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7',
    );
    expect(signed.headers['x-amz-date']).toBe('20150830T123600Z');
    expect(signed.headers.host).toBe('iam.amazonaws.com');
  });
});

describe('signRequest', () => {
  const options = {
    credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: EXAMPLE_SECRET, sessionToken: 'TOKEN/+=' },
    region: 'us-east-1',
    service: 'sts',
    now: new Date('2026-11-23T12:00:00Z'),
  };

  it('adds the session token and signs it; never mutates its input', () => {
    const headers = { 'Content-Type': 'application/x-www-form-urlencoded; charset=utf-8' };
    const request = { method: 'POST', url: 'http://127.0.0.1:9000/', headers, body: 'Action=AssumeRole&Version=2011-06-15' };
    const signed = signRequest(request, options);
    expect(signed.headers['x-amz-security-token']).toBe('TOKEN/+=');
    expect(signed.headers.host).toBe('127.0.0.1:9000');
    expect(signed.headers.authorization).toContain('SignedHeaders=content-type;host;x-amz-date;x-amz-security-token,');
    expect(signed.canonicalRequest.endsWith(createHash('sha256').update(request.body).digest('hex'))).toBe(true);
    expect(headers).toEqual({ 'Content-Type': 'application/x-www-form-urlencoded; charset=utf-8' });
  });

  it("replaces a previous attempt's date, token and signature in any case instead of signing both", () => {
    const retry = {
      method: 'POST',
      url: 'https://sts.amazonaws.com/',
      headers: { 'X-Amz-Date': '20000101T000000Z', 'X-AMZ-SECURITY-TOKEN': 'old', Authorization: 'AWS4-HMAC-SHA256 old' },
    };
    const signed = signRequest(retry, options);
    const fresh = signRequest({ ...retry, headers: {} }, options);
    expect(signed.canonicalRequest).toBe(fresh.canonicalRequest);
    expect(
      Object.keys(signed.headers)
        .map((k) => k.toLowerCase())
        .sort(),
    ).toEqual(['authorization', 'host', 'x-amz-date', 'x-amz-security-token']);
  });

  it('uses an explicit x-amz-content-sha256 as the payload hash, and drops the default port from host', () => {
    const signed = signRequest(
      { method: 'PUT', url: 'https://Example.COM:443/a', headers: { 'X-Amz-Content-Sha256': 'UNSIGNED-PAYLOAD' }, body: 'x' },
      { ...options, credentials: { accessKeyId: 'AKID', secretAccessKey: 's' } },
    );
    expect(signed.canonicalRequest.split('\n').at(-1)).toBe('UNSIGNED-PAYLOAD');
    expect(signed.headers.host).toBe('example.com');
  });
});
