// Hostile input: oversized bodies and headers, garbage, bad percent-encoding, truncated JWTs.
// Each gets a 4xx (XML where HTTP allows a body) and the server keeps answering.
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockSts, type MockSts } from '../../src/mock/index.js';
import type { MockRequestLog } from '../../src/mock/index.js';
import { assumeParams, call, FORM, ROLE } from './call.js';

let sts: MockSts;
let ceph: MockSts;
const log: MockRequestLog[] = [];

beforeAll(async () => {
  [sts, ceph] = await Promise.all([startMockSts({ onRequest: (e) => log.push(e) }), startMockSts({ flavor: 'ceph' })]);
});
afterAll(async () => Promise.all([sts?.close(), ceph?.close()]));

/** Writes raw bytes and returns whatever comes back until the server closes or 2 s pass. */
function raw(url: string, bytes: string | Buffer): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname);
    const chunks: Buffer[] = [];
    socket.on('data', (c) => chunks.push(c));
    const done = () => resolve(Buffer.concat(chunks).toString('latin1'));
    socket.on('close', done);
    socket.on('error', done);
    socket.setTimeout(2000, () => socket.destroy());
    socket.write(bytes);
  });
}

async function stillAnswers(): Promise<void> {
  const answer = await call(sts.url, assumeParams());
  expect(answer.status).toBe(200);
}

describe('hostile input', () => {
  it('a body of 64 KiB passes the size check; 64 KiB + 1 gets 413', async () => {
    const at = await call(sts.url, {}, { body: `Action=GetCallerIdentity&Version=2011-06-15&Pad=${'a'.repeat(65536 - 48)}` });
    expect(at.status).toBe(200);
    const over = await fetch(`${sts.url}/`, { method: 'POST', headers: { 'content-type': FORM }, body: 'a'.repeat(65537) }).catch((e: Error) => e);
    expect(over instanceof Error ? over.message : over.status).toBe(413);
    await stillAnswers();
  });

  it('a chunked body that grows past 64 KiB gets 413', async () => {
    const chunk = 'a'.repeat(40000);
    const request = `POST / HTTP/1.1\r\nHost: x\r\nContent-Type: ${FORM}\r\nTransfer-Encoding: chunked\r\n\r\n${[chunk, chunk].map((c) => `${c.length.toString(16)}\r\n${c}\r\n`).join('')}0\r\n\r\n`;
    expect(await raw(sts.url, request)).toMatch(/^HTTP\/1.1 413 /);
    await stillAnswers();
  });

  it('garbage bodies, bad percent-encoding and binary get 4xx XML', async () => {
    const bodies = [
      '%',
      'Action=%ZZ',
      '%E0%A4%A',
      '&&&===&&',
      'Action=AssumeRole&Version=2011-06-15&RoleArn',
      Buffer.from([0, 255, 254, 1, 2, 3]).toString('latin1'),
      '<xml/>',
    ];
    for (const body of bodies) {
      const answer = await call(sts.url, {}, { body });
      expect(answer.status, body).toBeGreaterThanOrEqual(400);
      expect(answer.status, body).toBeLessThan(500);
      expect(answer.code, body).toBeTruthy();
    }
    const unsigned = await fetch(`${sts.url}/`, { method: 'POST', headers: { 'content-type': FORM }, body: 'Action=%ZZ' });
    expect(unsigned.status).toBe(400);
    expect(await unsigned.text()).toContain('<Code>MalformedQueryString</Code>');
    await stillAnswers();
  });

  it('huge headers get 431, not valid HTTP gets 400, and the server still answers', async () => {
    expect(await raw(sts.url, `GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20000)}\r\n\r\n`)).toMatch(
      /^HTTP\/1.1 431 [\s\S]*<Code>HeadersTooLarge<\/Code>/,
    );
    expect(await raw(sts.url, 'NOT HTTP AT ALL\r\n\r\n')).toMatch(/^HTTP\/1.1 400 /);
    expect(await raw(sts.url, 'POST / HTTP/1.1\r\nHost: x\r\nContent-Length: nope\r\n\r\n')).toMatch(/^HTTP\/1.1 400 /);
    await stillAnswers();
  });

  it('malformed Authorization headers are IncompleteSignature, a bad Host is a 4xx', async () => {
    for (const authorization of [
      'AWS4-HMAC-SHA256',
      'AWS4-HMAC-SHA256 Credential=test',
      'Basic dGVzdDp0ZXN0',
      'AWS4-HMAC-SHA256 Credential=test/x/y/z, SignedHeaders=host, Signature=00',
    ]) {
      const response = await fetch(`${sts.url}/`, {
        method: 'POST',
        headers: { 'content-type': FORM, authorization, 'x-amz-date': '20260101T000000Z' },
        body: 'Action=GetCallerIdentity&Version=2011-06-15',
      });
      expect(response.status, authorization).toBe(400);
      expect(await response.text()).toContain('<Code>IncompleteSignature</Code>');
    }
    expect(await raw(sts.url, 'GET /?Action=GetCallerIdentity HTTP/1.1\r\nHost: [::bad\r\nConnection: close\r\n\r\n')).toMatch(/^HTTP\/1.1 4\d\d /);
    await stillAnswers();
  });

  it('headers named like members of Object.prototype are signed and checked like any other', async () => {
    // The server collects headers into a plain object unless a name like these turns up.
    for (const name of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
      const signed = await call(sts.url, assumeParams(), { headers: { [name]: 'x', 'x-later': 'y' } });
      expect(signed.status, name).toBe(200);
      if (name === '__proto__') continue; // the signer's own header object cannot hold this one, so it is not signed
      // The value is part of the signature: sent other than signed, it no longer matches.
      const tampered = await call(sts.url, assumeParams(), { headers: { [name]: 'x', 'x-later': 'y' }, sendHeaders: { [name]: 'z' } });
      expect(tampered.code, name).toBe('SignatureDoesNotMatch');
    }
  });

  it('truncated and mangled JWTs are InvalidIdentityToken; in the ceph flavor AccessDenied', async () => {
    const jwt = await sts.mintWebIdentityToken({ sub: 'ci' });
    const web = (token: string, url = sts.url, roleArn = ROLE) =>
      call(
        url,
        { Action: 'AssumeRoleWithWebIdentity', Version: '2011-06-15', RoleArn: roleArn, RoleSessionName: 's1', WebIdentityToken: token },
        { credentials: null },
      );
    for (const token of [
      jwt.slice(0, -5),
      jwt.slice(0, jwt.lastIndexOf('.')),
      jwt.split('.').slice(1).join('.'),
      `${jwt}x`,
      'e30.e30.e30',
      'eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.',
      `a.${'b'.repeat(100)}.c`,
    ]) {
      const answer = await web(token);
      expect([answer.status, answer.code], token.slice(0, 20)).toEqual([400, 'InvalidIdentityToken']);
    }
    const cephAnswer = await web(jwt.slice(0, -5), ceph.url, 'arn:aws:iam:::role/S3Access');
    expect([cephAnswer.status, cephAnswer.code]).toEqual([403, 'AccessDenied']);
    await stillAnswers();
  });

  it('the control plane on the same port takes garbage with a 4xx JSON sentence, and the mock still answers', async () => {
    for (const [method, path, body] of [
      ['POST', '/_sts-cli/faults', '{"error":'],
      ['POST', '/_sts-cli/faults', '[1,2,3]'],
      ['POST', '/_sts-cli/faults', `{"error":"${'A'.repeat(5000)}"}`],
      ['POST', '/_sts-cli/clock', '{"set":"1969-01-01T00:00:00Z"}'],
      ['POST', '/_sts-cli/clock', '{"advanceSeconds":1e308}'],
      ['POST', '/_sts-cli/revoke', '{"accessKeyId":"<script>"}'],
      ['PUT', '/_sts-cli/requests', ''],
      ['GET', '/_sts-cli/requests?limit=%ZZ', ''],
      ['GET', '/_sts-cli/%00', ''],
      ['DELETE', '/_sts-cli/faults/%2e%2e%2f%2e%2e', ''],
    ] as const) {
      const response = await fetch(`${sts.url}${path}`, { method, headers: { 'content-type': 'application/json' }, ...(body ? { body } : {}) });
      expect(response.status, `${method} ${path}`).toBeGreaterThanOrEqual(400);
      expect(response.status, `${method} ${path}`).toBeLessThan(500);
      expect(((await response.json()) as { error: string }).error, `${method} ${path}`).toMatch(/\.$/);
    }
    const tooLarge = await raw(sts.url, `POST /_sts-cli/faults HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 70000\r\n\r\n{`);
    expect(tooLarge).toMatch(/^HTTP\/1.1 413 /);
    expect(sts.faults()).toEqual([]);
    await stillAnswers();
  });

  it('never answers 5xx, and neither the log nor the journal carries a secret', async () => {
    expect(log.filter((e) => e.status >= 500)).toEqual([]);
    const text = JSON.stringify(log);
    expect(text).not.toMatch(/eyJ[\w-]{10,}\.[\w-]{10,}/);
    const journal = sts.requests();
    expect(journal.length).toBeGreaterThan(20);
    expect(journal.filter((e) => e.status >= 500)).toEqual([]);
    expect(JSON.stringify(journal)).not.toMatch(/eyJ[\w-]{10,}\.[\w-]{10,}/);
  });
});
