// SPEC §11's guarantees of the mock (issue 9 items 4 and 5): no request it misreads, no caller who
// skips a trust, no client that holds it forever, no log that acts on a terminal. Each case failed
// on the mock before these guarantees.
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatRequestLog, type MockRequestLog, type MockSts, startMockSts } from '../../src/mock/index.js';
import { CONNECTION_BOUNDS } from '../../src/mock/server.js';
import { presignUrl, signRequest } from '../../src/sigv4/index.js';
import { assumeParams, call, credentialsOf, encodeForm, FORM, readAnswer, ROLE } from './call.js';

let sts: MockSts;
const log: MockRequestLog[] = [];
beforeAll(async () => {
  sts = await startMockSts({ onRequest: (entry) => log.push(entry) });
});
afterAll(async () => sts.close());

const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };
const GET_CALLER_IDENTITY = encodeForm({ Action: 'GetCallerIdentity', Version: '2011-06-15' });

async function send(url: string, headers: Record<string, string>, body: string) {
  const { host: _host, ...sendable } = headers;
  const response = await fetch(url, { method: 'POST', headers: sendable, body });
  return readAnswer(response.status, response.headers, await response.text());
}

describe('x-amz-content-sha256: UNSIGNED-PAYLOAD is refused: STS bodies are always signed', () => {
  const unsigned = () =>
    signRequest(
      { method: 'POST', url: `${sts.url}/`, headers: { 'content-type': FORM, 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' }, body: GET_CALLER_IDENTITY },
      { credentials, region: 'us-east-1', service: 'sts', now: new Date() },
    );

  it('the replay of issue 9: a signed GetCallerIdentity with its body swapped for an AssumeRole gets no credentials', async () => {
    const signed = unsigned();
    const replayed = await send(signed.url, signed.headers, encodeForm(assumeParams()));
    expect(replayed.status).toBe(403);
    expect(replayed.code).toBe('SignatureDoesNotMatch');
    expect(replayed.text).not.toContain('SecretAccessKey');
    expect(replayed.text).toContain('UNSIGNED-PAYLOAD is not accepted');
  });

  it('the GetCallerIdentity it was signed for is refused too, while a body hash that matches is accepted', async () => {
    const signed = unsigned();
    expect((await send(signed.url, signed.headers, GET_CALLER_IDENTITY)).code).toBe('SignatureDoesNotMatch');
    const { createHash } = await import('node:crypto');
    const hash = createHash('sha256').update(GET_CALLER_IDENTITY).digest('hex');
    const explicit = await call(sts.url, {}, { body: GET_CALLER_IDENTITY, headers: { 'x-amz-content-sha256': hash } });
    expect(explicit.status).toBe(200);
  });
});

describe('a parameter given twice gets a 400', () => {
  it('Action twice in the body', async () => {
    const body = `${encodeForm({ Action: 'GetCallerIdentity', Version: '2011-06-15' })}&${encodeForm(assumeParams())}`;
    const answer = await call(sts.url, {}, { body });
    expect(answer.status).toBe(400);
    expect(answer.code).toBe('MalformedQueryString');
    expect(answer.text).toContain('The parameter Action is given more than once');
    expect(answer.text).not.toContain('SecretAccessKey');
  });

  it('Action in the query and in the body', async () => {
    const answer = await call(sts.url, assumeParams(), { path: '/?Action=GetCallerIdentity' });
    expect(answer.status).toBe(400);
    expect(answer.text).toContain('The parameter Action is given more than once');
  });

  it('a presigned URL whose query names Action twice cannot be read as the other action', async () => {
    // Signed as it stands, so the signature is valid: a verifier reading the first Action sees
    // GetCallerIdentity; the mock must not act on the second.
    const query = `Action=GetCallerIdentity&Version=2011-06-15&Action=AssumeRole&RoleArn=${encodeURIComponent(ROLE)}&RoleSessionName=flip`;
    const url = presignUrl(
      { method: 'GET', url: `${sts.url}/?${query}`, headers: {} },
      { credentials, region: 'us-east-1', service: 'sts', now: new Date(), expiresSeconds: 60 },
    );
    expect(new URL(url).searchParams.get('Action')).toBe('GetCallerIdentity');
    const response = await fetch(url);
    const answer = readAnswer(response.status, response.headers, await response.text());
    expect(answer.status).toBe(400);
    expect(answer.code).toBe('MalformedQueryString');
    expect(answer.text).not.toContain('SecretAccessKey');
  });

  it('a signature parameter repeated in a presigned query is refused the same way', async () => {
    const url = presignUrl(
      { method: 'GET', url: `${sts.url}/?Action=GetCallerIdentity&Version=2011-06-15`, headers: {} },
      { credentials, region: 'us-east-1', service: 'sts', now: new Date(), expiresSeconds: 60 },
    );
    const response = await fetch(`${url}&X-Amz-Expires=604800`);
    expect(response.status).toBe(400);
  });
});

describe('a bare Authorization header is never echoed', () => {
  for (const value of ['opaque-secret-bearer-value-12345', 'Bearer opaque-secret-bearer-value-12345', 'Basic b3BhcXVlLXNlY3JldC1iZWFyZXI=']) {
    it(`Authorization: ${value.split(' ')[0]}…`, async () => {
      log.length = 0;
      const answer = await call(sts.url, {}, { credentials: null, body: GET_CALLER_IDENTITY, headers: { authorization: value } });
      expect(answer.status).toBe(400);
      expect(answer.code).toBe('IncompleteSignature');
      expect(answer.text).toMatch(/must start with .{0,6}AWS4-HMAC-SHA256/);
      const secret = value.split(' ').pop()!;
      expect(answer.text).not.toContain(secret);
      expect(JSON.stringify(log)).not.toContain(secret);
    });
  }
});

describe('the minio flavor enforces a configured user’s trust also when RoleArn is omitted', () => {
  let minio: MockSts;
  const alice = { accessKeyId: 'alice', secretAccessKey: 'alice-secret-0123456789' };
  const bob = { accessKeyId: 'bob', secretAccessKey: 'bob-secret-0123456789' };
  const carol = { accessKeyId: 'carol', secretAccessKey: 'carol-secret-0123456789' };
  beforeAll(async () => {
    minio = await startMockSts({
      flavor: 'minio',
      config: {
        users: [alice, bob, carol],
        roles: [
          { arn: 'arn:minio:iam:::role/app', trust: { users: ['alice'], oidc: [{ issuer: 'self', subjects: ['repo:org/app:ref:refs/heads/main'] }] } },
          {
            arn: 'arn:minio:iam:::role/mfa',
            trust: { users: ['carol'] },
            mfa: { serialNumber: 'arn:aws:iam::123456789012:mfa/carol', totpSecret: 'JBSWY3DPEHPK3PXP' },
          },
        ],
      },
    });
  });
  afterAll(async () => minio.close());
  const noRoleArn = { Action: 'AssumeRole', Version: '2011-06-15', DurationSeconds: '3600' };

  it('a user no role trusts is refused', async () => {
    const answer = await call(minio.url, noRoleArn, { credentials: bob });
    expect(answer.status).toBe(403);
    expect(answer.code).toBe('AccessDenied');
  });

  it('a user a role trusts gets credentials', async () => {
    const answer = await call(minio.url, noRoleArn, { credentials: alice });
    expect(answer.status).toBe(200);
    expect(credentialsOf(answer).accessKeyId).toBeTruthy();
  });

  it('the trusting role’s MFA still applies', async () => {
    const answer = await call(minio.url, noRoleArn, { credentials: carol });
    expect(answer.status).toBe(403);
    expect(answer.code).toBe('AccessDenied');
  });

  it('AssumeRoleWithWebIdentity without RoleArn: a subject no role trusts is refused', async () => {
    const web = (token: string) =>
      call(minio.url, { Action: 'AssumeRoleWithWebIdentity', Version: '2011-06-15', WebIdentityToken: token, DurationSeconds: '3600' }, { credentials: null });
    const pr = await web(await minio.mintWebIdentityToken({ sub: 'repo:org/app:pull_request' }));
    expect(pr.status).toBe(403);
    const main = await web(await minio.mintWebIdentityToken({ sub: 'repo:org/app:ref:refs/heads/main' }));
    expect(main.status).toBe(200);
  });
});

describe('--access-key naming a configured user with another secret', () => {
  const config = { users: [{ accessKeyId: 'admin', secretAccessKey: 'the-admin-secret-0123' }] };

  it('is refused (exit 2) instead of replacing the secret', async () => {
    await expect(startMockSts({ config, accessKeyId: 'admin' })).rejects.toMatchObject({ code: 'ERR_USAGE', exitCode: 2 });
    await expect(startMockSts({ config, accessKeyId: 'admin', secretAccessKey: 'test' })).rejects.toThrow(
      'The access key admin is a user of the config with another secret; refusing to replace it.',
    );
  });

  it('is accepted with the same secret, which still signs', async () => {
    const same = await startMockSts({ config, accessKeyId: 'admin', secretAccessKey: 'the-admin-secret-0123' });
    try {
      const answer = await call(same.url, { Action: 'GetCallerIdentity', Version: '2011-06-15' }, { credentials: config.users[0]! });
      expect(answer.status).toBe(200);
    } finally {
      await same.close();
    }
  });
});

describe('connections, header time and body time are bounded', () => {
  function open(url: string): Promise<Socket> {
    const { port } = new URL(url);
    return new Promise((resolve, reject) => {
      const socket = connect(Number(port), '127.0.0.1', () => resolve(socket));
      socket.once('error', reject);
    });
  }

  /** When the server ends `socket` (ms after `since`) and what it wrote before. */
  function cutOff(socket: Socket, since: number): Promise<{ afterMs: number; answer: string }> {
    return new Promise((resolve) => {
      let answer = '';
      socket.on('data', (chunk) => (answer += chunk));
      socket.on('error', () => undefined);
      socket.once('close', () => resolve({ afterMs: Date.now() - since, answer }));
    });
  }

  function trickle(socket: Socket, everyMs: number): void {
    const timer = setInterval(() => (socket.writable ? socket.write('a') : clearInterval(timer)), everyMs);
    socket.once('close', () => clearInterval(timer));
  }

  it('a slowloris client (headers or body a byte at a time), a silent one and an idle keep-alive one are cut off', async () => {
    const started = Date.now();
    const [silent, headers, body, idle] = await Promise.all([open(sts.url), open(sts.url), open(sts.url), open(sts.url)]);
    const ends = [silent, headers, body, idle].map((s) => cutOff(s, started));
    headers.write('POST / HTTP/1.1\r\nHost: x\r\nX-Slow: ');
    trickle(headers, 250);
    body.write(`POST / HTTP/1.1\r\nHost: x\r\nContent-Type: ${FORM}\r\nContent-Length: 60000\r\n\r\n`);
    trickle(body, 250);
    idle.write(`POST / HTTP/1.1\r\nHost: x\r\nContent-Type: ${FORM}\r\nContent-Length: ${GET_CALLER_IDENTITY.length}\r\n\r\n${GET_CALLER_IDENTITY}`);
    const [s, h, b, i] = await Promise.all(ends);
    const slack = CONNECTION_BOUNDS.checkIntervalMs + 1500;
    for (const [end, bound] of [
      [s, CONNECTION_BOUNDS.headersTimeoutMs],
      [h, CONNECTION_BOUNDS.headersTimeoutMs],
      [b, CONNECTION_BOUNDS.requestTimeoutMs],
    ] as const) {
      expect(end.afterMs).toBeGreaterThanOrEqual(bound - 100);
      expect(end.afterMs).toBeLessThan(bound + slack);
      expect(end.answer).toMatch(/^HTTP\/1.1 408 Request Timeout\r\n/);
    }
    // Answered (unsigned: 403), then closed once idle for the keep-alive bound.
    expect(i.answer).toMatch(/^HTTP\/1.1 403 /);
    expect(i.afterMs).toBeLessThan(CONNECTION_BOUNDS.keepAliveTimeoutMs + slack);
    expect(CONNECTION_BOUNDS.headersTimeoutMs).toBeLessThanOrEqual(10_000);
    expect(CONNECTION_BOUNDS.requestTimeoutMs).toBeLessThanOrEqual(15_000);
  }, 30_000);

  it(`a connection past ${CONNECTION_BOUNDS.maxConnections} is closed at once; the server answers again when they leave`, async () => {
    const own = await startMockSts();
    const sockets: Socket[] = [];
    try {
      for (let n = 0; n < CONNECTION_BOUNDS.maxConnections; n++) sockets.push(await open(own.url));
      // Let the server accept every one of them before the next arrives.
      await new Promise((resolve) => setTimeout(resolve, 300));
      const extra = await open(own.url);
      const end = await cutOff(extra, Date.now());
      expect(end.answer).toBe('');
      expect(end.afterMs).toBeLessThan(2000);
      for (const socket of sockets.splice(0, 10)) socket.destroy();
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect((await call(own.url, { Action: 'GetCallerIdentity', Version: '2011-06-15' })).status).toBe(200);
    } finally {
      for (const socket of sockets) socket.destroy();
      await own.close();
    }
  }, 30_000);
});

describe('the request log escapes terminal control characters from a request', () => {
  const hostile = '\u001b]52;c;ZWNobyBwd25lZA==\u0007\u001b]0;title\u0007\u001b[2K\u009b31m\u202e';
  const entry: MockRequestLog = {
    time: '2026-11-23T12:00:00.000Z',
    requestId: 'abc',
    method: 'POST',
    path: `/${hostile}`,
    action: hostile,
    accessKeyId: hostile,
    status: 400,
    code: 'InvalidAction',
    detail: hostile,
    durationMs: 1,
  };

  it('text and JSON lines carry no control character, and JSON still reads back as the request sent it', () => {
    for (const format of ['text', 'json'] as const) {
      const line = formatRequestLog(entry, format);
      expect(line).not.toMatch(/[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u202a-\u202e]/);
      expect(line).toContain('\\u001b]52;c;');
    }
    expect(JSON.parse(formatRequestLog(entry, 'json')).action).toBe(hostile);
  });

  it('an OSC 52 in the Action of a live request reaches the log escaped', async () => {
    log.length = 0;
    await call(sts.url, { Action: hostile, Version: '2011-06-15' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const lines = log.map((e) => formatRequestLog(e, 'text')).join('\n');
    expect(lines).toContain('\\u001b]52;c;');
    expect(lines).not.toContain('\u001b');
  });
});
