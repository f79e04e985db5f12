// parseSignature + verifySignature: what the mock STS runs on every signed request.
import { describe, expect, it } from 'vitest';
import { parseSignature, presignUrl, signRequest, verifySignature, type ParseResult, type SignableRequest } from '../../src/sigv4/index.js';

const SECRET = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY';
const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: SECRET, sessionToken: 'FwoGZXIvYXdzE+token/with==' };
const now = new Date('2026-11-23T12:00:00Z');
const options = { credentials, region: 'us-east-1', service: 'sts', now };

const assumeRole: SignableRequest = {
  method: 'POST',
  url: 'http://127.0.0.1:9000/sts?x=a%20b&y=%C3%A9',
  headers: { 'Content-Type': 'application/x-www-form-urlencoded; charset=utf-8', 'X-Custom': '  a   b ', 'User-Agent': 'sts-cli/0.1' },
  body: 'Action=AssumeRole&Version=2011-06-15&RoleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2Fdemo&RoleSessionName=s',
};

function parsed(result: ParseResult) {
  if (!result.ok) throw new Error(`expected a signature, got ${result.problem.kind}: ${result.problem.message}`);
  return result.value;
}

function verifies(request: SignableRequest, secret = SECRET): boolean {
  return verifySignature(request, parsed(parseSignature(request)), secret);
}

describe('Authorization header', () => {
  const signed = signRequest(assumeRole, options);

  it('parses what signRequest wrote', () => {
    const value = parsed(parseSignature(signed));
    expect(value).toMatchObject({
      accessKeyId: 'AKIDEXAMPLE',
      scope: { date: '20261123', region: 'us-east-1', service: 'sts' },
      signedHeaders: ['content-type', 'host', 'x-amz-date', 'x-amz-security-token', 'x-custom'],
      signature: signed.signature,
      amzDate: '20261123T120000Z',
      presigned: false,
      sessionToken: credentials.sessionToken,
    });
    expect(value.requestTime.toISOString()).toBe('2026-11-23T12:00:00.000Z');
  });

  it('round trips, also when headers arrive lower-cased and with an unsigned header changed', () => {
    expect(verifies(signed)).toBe(true);
    const lowered = Object.fromEntries(Object.entries(signed.headers).map(([k, v]) => [k.toLowerCase(), v]));
    expect(verifies({ ...signed, headers: { ...lowered, 'user-agent': 'a proxy rewrote me' } })).toBe(true);
    // Folded whitespace is the same canonical value.
    expect(verifies({ ...signed, headers: { ...signed.headers, 'X-Custom': 'a b' } })).toBe(true);
  });

  it('fails on a tampered body, header, query, path, method or secret', () => {
    expect(verifies({ ...signed, body: `${assumeRole.body}&DurationSeconds=43200` })).toBe(false);
    expect(verifies({ ...signed, body: undefined })).toBe(false);
    expect(verifies({ ...signed, headers: { ...signed.headers, 'X-Custom': 'a c' } })).toBe(false);
    expect(verifies({ ...signed, headers: { ...signed.headers, host: '127.0.0.1:9001' } })).toBe(false);
    expect(verifies({ ...signed, url: signed.url.replace('x=a%20b', 'x=a%20c') })).toBe(false);
    expect(verifies({ ...signed, url: `${signed.url}&z=1` })).toBe(false);
    expect(verifies({ ...signed, url: signed.url.replace('/sts', '/sts2') })).toBe(false);
    expect(verifies({ ...signed, method: 'PUT' })).toBe(false);
    expect(verifies(signed, `${SECRET}x`)).toBe(false);
  });

  it('fails when a signed header is dropped or the signature is altered', () => {
    const { 'x-amz-security-token': _token, ...withoutToken } = signed.headers;
    expect(verifies({ ...signed, headers: withoutToken })).toBe(false);
    const flipped = signed.signature.replace(/^./, (c) => (c === '0' ? '1' : '0'));
    const authorization = signed.headers.authorization!.replace(signed.signature, flipped);
    expect(verifies({ ...signed, headers: { ...signed.headers, authorization } })).toBe(false);
    expect(verifies({ ...signed, headers: { ...signed.headers, authorization: authorization.replace(flipped, flipped.slice(0, 10)) } })).toBe(false);
  });

  it('fails when the date header no longer matches the signed date', () => {
    expect(verifies({ ...signed, headers: { ...signed.headers, 'x-amz-date': '20261123T120001Z' } })).toBe(false);
  });
});

describe('unusable signatures', () => {
  const signed = signRequest(assumeRole, options);
  const problem = (request: SignableRequest) => {
    const result = parseSignature(request);
    return result.ok ? 'ok' : result.problem.kind;
  };
  const withAuthorization = (authorization: string) => ({ ...signed, headers: { ...signed.headers, authorization } });

  it("reports 'missing' when there is no Authorization header and no presigned query", () => {
    expect(problem(assumeRole)).toBe('missing');
    expect(problem({ ...assumeRole, url: 'http://127.0.0.1:9000/?X-Amz-Date=20261123T120000Z' })).toBe('missing');
  });

  it("reports 'incomplete' for a malformed Authorization header", () => {
    const good = signed.headers.authorization!;
    expect(problem(withAuthorization('AWS4-HMAC-SHA256'))).toBe('incomplete');
    expect(problem(withAuthorization('AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261123/us-east-1/sts/aws4_request'))).toBe('incomplete');
    expect(problem(withAuthorization(good.replace(/, Signature=[0-9a-f]+/, '')))).toBe('incomplete');
    expect(problem(withAuthorization(good.replace('SignedHeaders=', 'Signed=')))).toBe('incomplete');
    expect(problem(withAuthorization(good.replace('/aws4_request', '/aws5_request')))).toBe('incomplete');
    expect(problem(withAuthorization(good.replace('/20261123/', '/2026-11-23/')))).toBe('incomplete');
    expect(problem(withAuthorization(good.replace('SignedHeaders=content-type;host;', 'SignedHeaders=content-type;')))).toBe('incomplete');
    expect(problem(withAuthorization(good.replace('AWS4-HMAC-SHA256', 'AWS4-HMAC-SHA1')))).toBe('incomplete');
    expect(problem(withAuthorization('Basic dXNlcjpwYXNz'))).toBe('incomplete');
    expect(problem({ ...signed, headers: { ...signed.headers, 'x-amz-date': 'Mon, 23 Nov 2026 12:00:00 GMT' } })).toBe('incomplete');
    const { 'x-amz-date': _date, ...noDate } = signed.headers;
    expect(problem({ ...signed, headers: noDate })).toBe('incomplete');
  });

  it('accepts the field separators other clients write (no space after commas)', () => {
    expect(problem(withAuthorization(signed.headers.authorization!.replace(/, /g, ',')))).toBe('ok');
    expect(verifies(withAuthorization(signed.headers.authorization!.replace(/, /g, ',')))).toBe(true);
  });
});

describe('presigned URL', () => {
  const request: SignableRequest = {
    method: 'GET',
    url: 'https://sts.example.com:8443/p/?Action=GetCallerIdentity&Version=2011-06-15&q=a+b&r=%7E!',
    headers: {},
  };
  const url = presignUrl(request, { ...options, expiresSeconds: 900 });
  const presigned: SignableRequest = { method: 'GET', url, headers: { Host: 'sts.example.com:8443' } };

  it('carries the X-Amz-* parameters, the session token among the signed ones', () => {
    const q = new URL(url).searchParams;
    expect(q.get('X-Amz-Algorithm')).toBe('AWS4-HMAC-SHA256');
    expect(q.get('X-Amz-Credential')).toBe('AKIDEXAMPLE/20261123/us-east-1/sts/aws4_request');
    expect(q.get('X-Amz-Date')).toBe('20261123T120000Z');
    expect(q.get('X-Amz-Expires')).toBe('900');
    expect(q.get('X-Amz-SignedHeaders')).toBe('host');
    expect(q.get('X-Amz-Security-Token')).toBe(credentials.sessionToken);
    expect(q.get('X-Amz-Signature')).toMatch(/^[0-9a-f]{64}$/);
    // The caller's parameters are kept as written: a literal '+' is not turned into a space.
    expect(url).toContain('q=a+b');
  });

  it('round trips with a session token', () => {
    const value = parsed(parseSignature(presigned));
    expect(value).toMatchObject({ presigned: true, expiresSeconds: 900, sessionToken: credentials.sessionToken, signedHeaders: ['host'] });
    expect(verifies(presigned)).toBe(true);
  });

  it('re-presigning replaces the previous signature parameters', () => {
    const again = presignUrl({ ...request, url }, { ...options, now: new Date('2026-11-23T13:00:00Z'), expiresSeconds: 60 });
    const q = new URL(again).searchParams;
    expect(q.getAll('X-Amz-Signature')).toHaveLength(1);
    expect(q.getAll('X-Amz-Date')).toEqual(['20261123T130000Z']);
    expect(verifies({ method: 'GET', url: again, headers: { host: 'sts.example.com:8443' } })).toBe(true);
  });

  it('fails when tampered', () => {
    const tamper = (from: string, to: string) => ({ ...presigned, url: url.replace(from, to) });
    expect(verifies(tamper('Action=GetCallerIdentity', 'Action=AssumeRole'))).toBe(false);
    expect(verifies(tamper('q=a+b', 'q=a%20b'))).toBe(false);
    expect(verifies(tamper('X-Amz-Expires=900', 'X-Amz-Expires=3600'))).toBe(false);
    expect(verifies(tamper('X-Amz-Security-Token=', 'X-Amz-Security-Token=x'))).toBe(false);
    expect(verifies(tamper('/p/', '/q/'))).toBe(false);
    expect(verifies({ ...presigned, headers: { Host: 'evil.example.com' } })).toBe(false);
    expect(verifies({ ...presigned, method: 'POST' })).toBe(false);
    expect(verifies(presigned, 'wrong')).toBe(false);
  });

  it("reports 'incomplete' for a presigned query missing a part or with a bad expiry", () => {
    const kind = (u: string) => {
      const r = parseSignature({ method: 'GET', url: u, headers: {} });
      return r.ok ? 'ok' : r.problem.kind;
    };
    expect(kind(url.replace(/&X-Amz-Signature=[0-9a-f]+/, ''))).toBe('incomplete');
    expect(kind(url.replace(/X-Amz-Credential=[^&]+&/, ''))).toBe('incomplete');
    expect(kind(url.replace('X-Amz-Expires=900', 'X-Amz-Expires=604801'))).toBe('incomplete');
    expect(kind(url.replace('X-Amz-Expires=900', 'X-Amz-Expires=0'))).toBe('incomplete');
    expect(kind(url.replace('X-Amz-Algorithm=AWS4-HMAC-SHA256', 'X-Amz-Algorithm=AWS4-HMAC-SHA1'))).toBe('incomplete');
  });
});
