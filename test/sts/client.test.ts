import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { FileError, NetworkError, NoCredentialsError, StsServiceError, UnexpectedResponseError } from '../../src/errors.js';
import { type MockSts, startMockSts } from '../../src/mock/index.js';
import { parseSignature, verifySignature } from '../../src/sigv4/index.js';
import { createStsClient, type StsClient, type StsClientOptions } from '../../src/sts/client.js';
import { startTestServer, type Received, type Reply, type TestServer } from './testServer.js';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/dialects/${name}`, import.meta.url), 'utf8');
const SOURCE = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY', sessionToken: 'FwoGZXIvYXdzSOURCESESSIONTOKEN+/=' };
const ROLE = { roleArn: 'arn:aws:iam::123456789012:role/dev', roleSessionName: 'tester' };
const JWT = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJjaSJ9.c2lnbmF0dXJlLXNpZ25hdHVyZQ';

const open: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  while (open.length) await open.pop()!.close();
});

/** The project's own mock (its faults and clock stand in for scripted servers), accepting SOURCE's keys. */
async function mock(): Promise<MockSts> {
  const sts = await startMockSts({ accessKeyId: SOURCE.accessKeyId, secretAccessKey: SOURCE.secretAccessKey });
  open.push(sts);
  return sts;
}

function mockClient(sts: MockSts, extra: Partial<StsClientOptions> = {}) {
  return client(sts.url, { auth: { kind: 'sigv4', credentials: { accessKeyId: SOURCE.accessKeyId, secretAccessKey: SOURCE.secretAccessKey } }, ...extra });
}

async function serve(reply: (req: Received, index: number) => Reply): Promise<TestServer> {
  const server = await startTestServer(reply);
  open.push(server);
  return server;
}

function client(server: TestServer | string, extra: Partial<StsClientOptions> = {}): StsClient & { delays: number[] } {
  const delays: number[] = [];
  const c = createStsClient({
    endpoint: typeof server === 'string' ? server : server.url,
    region: 'us-east-1',
    auth: { kind: 'sigv4', credentials: SOURCE },
    sleep: async (ms) => void delays.push(ms),
    random: () => 0.5,
    ...extra,
  });
  open.push(c);
  return Object.assign(c, { delays });
}

async function rejection(promise: Promise<unknown>): Promise<Error & { code: string; exitCode: number }> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (e: unknown) => e as Error & { code: string; exitCode: number },
  );
}

const okAssume: Reply = { status: 200, body: fixture('aws-assume-role.xml') };
const unavailable: Reply = {
  status: 503,
  body: '<ErrorResponse><Error><Type>Receiver</Type><Code>ServiceUnavailable</Code><Message>try later</Message></Error><RequestId>r-503</RequestId></ErrorResponse>',
};

describe('what goes on the wire', () => {
  it('AWS dialect: POST, empty query, form body, Content-Type, Version, valid SigV4', async () => {
    const server = await serve(() => okAssume);
    const result = await client(server, { region: 'eu-west-1' }).assumeRole({ ...ROLE, policy: '{"Statement": []}' });
    expect(result.credentials.accessKeyId).toBe('ASIAIOSFODNN7EXAMPLE');
    expect(server.requests).toHaveLength(1);
    const req = server.requests[0]!;
    expect(req.method).toBe('POST');
    expect(req.url).toBe('/');
    expect(req.headers['content-type']).toBe('application/x-www-form-urlencoded; charset=utf-8');
    expect(req.body).toBe(
      'Action=AssumeRole&Version=2011-06-15&RoleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2Fdev&RoleSessionName=tester&Policy=%7B%22Statement%22%3A%20%5B%5D%7D',
    );
    expect(req.headers['x-amz-security-token']).toBe(SOURCE.sessionToken);
    const signable = { method: req.method, url: `${server.url}${req.url}`, headers: req.headers, body: req.body };
    const parsed = parseSignature(signable);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.value.accessKeyId).toBe('AKIDEXAMPLE');
    expect(parsed.value.scope.region).toBe('eu-west-1');
    expect(parsed.value.scope.service).toBe('sts');
    expect(verifySignature(signable, parsed.value, SOURCE.secretAccessKey)).toBe(true);
    expect(verifySignature(signable, parsed.value, 'another secret')).toBe(false);
  });

  it('an endpoint path is kept (POST to the endpoint path)', async () => {
    const server = await serve(() => okAssume);
    await client(`${server.url}/minio/sts/`).assumeRole(ROLE);
    expect(server.requests[0]!.url).toBe('/minio/sts/');
    const req = server.requests[0]!;
    const signable = { method: 'POST', url: `${server.url}${req.url}`, headers: req.headers, body: req.body };
    const parsed = parseSignature(signable);
    expect(parsed.ok && verifySignature(signable, parsed.value, SOURCE.secretAccessKey)).toBe(true);
  });

  it('Dell ECS: POST /sts?Action=…, X-SDS-AUTH-TOKEN, no Authorization, empty body', async () => {
    const server = await serve(() => ({ status: 200, body: fixture('ecs-assume-role.xml') }));
    const result = await client(server, { auth: { kind: 'ecs-token', token: 'ECS-TOKEN-123' } }).assumeRole({
      roleArn: 'urn:ecs:iam::s3:role/s3assumeRole',
      roleSessionName: 'temp',
      durationSeconds: 7200,
    });
    const req = server.requests[0]!;
    expect(req.method).toBe('POST');
    expect(req.url).toBe(
      '/sts?Action=AssumeRole&Version=2011-06-15&RoleArn=urn%3Aecs%3Aiam%3A%3As3%3Arole%2Fs3assumeRole&RoleSessionName=temp&DurationSeconds=7200',
    );
    expect(req.headers['x-sds-auth-token']).toBe('ECS-TOKEN-123');
    expect(req.headers.authorization).toBeUndefined();
    expect(req.body).toBe('');
    expect(result.assumedRoleUser?.arn).toBe('urn:ecs:sts::s3:assumed-role/s3assumeRole/temp');
    expect(result.packedPolicySize).toBe(0);
  });

  it('Dell ECS: one rule for every call of the dialect, an endpoint ending in /sts kept as it is', async () => {
    const server = await serve((req) => {
      if (req.url.includes('GetCallerIdentity')) return { status: 200, body: fixture('moto-get-caller-identity.xml') };
      return { status: 200, body: fixture(req.body.includes('WebIdentity') ? 'aws-web-identity.xml' : 'ecs-assume-role.xml') };
    });
    const token = client(`${server.url}/sts`, { auth: { kind: 'ecs-token', token: 'ECS-TOKEN-123' } });
    await token.assumeRole(ROLE);
    await token.getCallerIdentity();
    await token.assumeRoleWithWebIdentity({ ...ROLE, webIdentityToken: JWT });
    // A SigV4 client that speaks the ECS dialect (chosen once, for the client) goes there too.
    const signed = client(server, { dialect: 'ecs' });
    await signed.getCallerIdentity();
    await signed.assumeRoleWithWebIdentity({ ...ROLE, webIdentityToken: JWT });
    const [assume, whoami, web, signedWhoami, signedWeb] = server.requests;
    expect(assume!.url).toMatch(/^\/sts\?Action=AssumeRole&/);
    expect(whoami!.url).toBe('/sts?Action=GetCallerIdentity&Version=2011-06-15');
    expect(whoami!.headers['x-sds-auth-token']).toBe('ECS-TOKEN-123');
    expect(signedWhoami!.url).toBe('/sts?Action=GetCallerIdentity&Version=2011-06-15');
    expect(signedWhoami!.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\//);
    const signable = { method: 'POST', url: `${server.url}${signedWhoami!.url}`, headers: signedWhoami!.headers, body: signedWhoami!.body };
    const parsed = parseSignature(signable);
    expect(parsed.ok && verifySignature(signable, parsed.value, SOURCE.secretAccessKey)).toBe(true);
    for (const unsigned of [web!, signedWeb!]) {
      expect(unsigned.url).toBe('/sts');
      expect(unsigned.headers.authorization).toBeUndefined();
      expect(unsigned.headers['x-sds-auth-token']).toBeUndefined();
      expect(new URLSearchParams(unsigned.body).get('WebIdentityToken')).toBe(JWT);
    }
  });

  it('web identity is unsigned even when credentials exist', async () => {
    const server = await serve(() => ({ status: 200, body: fixture('aws-web-identity.xml') }));
    const result = await client(server).assumeRoleWithWebIdentity({ ...ROLE, webIdentityToken: JWT });
    const req = server.requests[0]!;
    expect(req.url).toBe('/');
    expect(req.headers.authorization).toBeUndefined();
    expect(req.headers['x-amz-security-token']).toBeUndefined();
    expect(req.headers['content-type']).toBe('application/x-www-form-urlencoded; charset=utf-8');
    expect(new URLSearchParams(req.body).get('WebIdentityToken')).toBe(JWT);
    expect(new URLSearchParams(req.body).get('Action')).toBe('AssumeRoleWithWebIdentity');
    expect(result.provider).toBe('www.amazon.com');
  });

  it('Ceph: request id from the x-amz-request-id header', async () => {
    const server = await serve(() => ({ status: 200, body: fixture('ceph-assume-role-ok.xml'), headers: { 'x-amz-request-id': 'tx-ceph-1' } }));
    const result = await client(server).assumeRole({ roleArn: 'arn:aws:iam:::role/S3Access', roleSessionName: 's1' });
    expect(result.requestId).toBe('tx-ceph-1');
    expect(result.assumedRoleUser?.assumedRoleId).toBe('41044dce-dcac-4fed-b5a8-3b700c3ab713:s1');
  });

  it('GetCallerIdentity and GetSessionToken are signed', async () => {
    const server = await serve((req) => ({
      status: 200,
      body: fixture(req.body.includes('GetCallerIdentity') ? 'moto-get-caller-identity.xml' : 'ceph-get-session-token.xml'),
    }));
    const c = client(server);
    expect((await c.getCallerIdentity()).account).toBe('123456789012');
    expect((await c.getSessionToken({ durationSeconds: 1800 })).credentials.accessKeyId).toBe('ieZ5ADnD2T4I3K30pho');
    expect(server.requests.map((r) => r.body)).toEqual([
      'Action=GetCallerIdentity&Version=2011-06-15',
      'Action=GetSessionToken&Version=2011-06-15&DurationSeconds=1800',
    ]);
    for (const req of server.requests) expect(req.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\//);
  });

  it('AssumeRole with no way to sign is refused before sending (exit 3)', async () => {
    const server = await serve(() => okAssume);
    const error = await rejection(client(server, { auth: { kind: 'none' } }).assumeRole(ROLE));
    expect(error).toBeInstanceOf(NoCredentialsError);
    expect(error.exitCode).toBe(3);
    expect(server.requests).toHaveLength(0);
  });
});

describe('service errors and retries', () => {
  it('AccessDenied fails at once (exit 1, code, message, request id, status)', async () => {
    const server = await serve(() => ({ status: 403, body: fixture('aws-error-access-denied.xml') }));
    const c = client(server);
    const error = (await rejection(c.assumeRole(ROLE))) as unknown as StsServiceError;
    expect(error).toBeInstanceOf(StsServiceError);
    expect(error.exitCode).toBe(1);
    expect(error.serviceCode).toBe('AccessDenied');
    expect(error.httpStatus).toBe(403);
    expect(error.requestId).toBe('0a1b2c3d-4e5f-6789-abcd-ef0123456789');
    expect(server.requests).toHaveLength(1);
    expect(c.delays).toEqual([]);
  });

  it('a bare Ceph <Error> with an empty message keeps its code', async () => {
    const server = await serve(() => ({ status: 400, body: fixture('ceph-error-duration-899.xml') }));
    const error = (await rejection(client(server).assumeRole(ROLE))) as unknown as StsServiceError;
    expect(error.serviceCode).toBe('InvalidArgument');
    expect(error.httpStatus).toBe(400);
    expect(server.requests).toHaveLength(1);
  });

  it('503 then success: retried after a jittered backoff, signed afresh', async () => {
    const server = await serve((_req, i) => (i === 0 ? unavailable : okAssume));
    let tick = Date.parse('2026-11-23T12:00:00Z');
    const c = client(server, {
      now: () => {
        tick += 1000;
        return new Date(tick);
      },
    });
    const result = await c.assumeRole(ROLE);
    expect(result.credentials.accessKeyId).toBe('ASIAIOSFODNN7EXAMPLE');
    expect(server.requests).toHaveLength(2);
    expect(c.delays).toHaveLength(1);
    expect(c.delays[0]).toBeGreaterThan(0);
    expect(c.delays[0]).toBeLessThanOrEqual(200);
    const [a, b] = server.requests;
    expect(a!.headers['x-amz-date']).not.toBe(b!.headers['x-amz-date']);
  });

  it('3 × 503: gives up after 3 attempts with the service error (exit 1)', async () => {
    const sts = await mock();
    sts.injectFault({ error: 'ServiceUnavailable' });
    const c = mockClient(sts);
    const error = (await rejection(c.assumeRole(ROLE))) as unknown as StsServiceError;
    expect(error).toBeInstanceOf(StsServiceError);
    expect(error.exitCode).toBe(1);
    expect(error.serviceCode).toBe('ServiceUnavailable');
    expect(error.httpStatus).toBe(503);
    expect(error.requestId).toBe(sts.requests().at(-1)!.requestId);
    expect(sts.requests().map((r) => r.errorCode)).toEqual(['ServiceUnavailable', 'ServiceUnavailable', 'ServiceUnavailable']);
    expect(c.delays).toHaveLength(2);
    expect(c.delays[1]!).toBeGreaterThan(c.delays[0]!);
  });

  it('an HTML 502 page is retried, then reported as unexpected (exit 1)', async () => {
    const server = await serve(() => ({ status: 502, body: '<html><body>Bad Gateway</body></html>', headers: { 'content-type': 'text/html' } }));
    const error = await rejection(client(server).assumeRole(ROLE));
    expect(error).toBeInstanceOf(UnexpectedResponseError);
    expect(error.exitCode).toBe(1);
    expect(error.message).toContain('HTTP 502');
    expect(server.requests).toHaveLength(3);
  });

  it('a 200 that is not XML fails at once with a hint', async () => {
    const server = await serve(() => ({ status: 200, body: 'hello', headers: { 'content-type': 'text/plain' } }));
    const error = (await rejection(client(server).assumeRole(ROLE))) as UnexpectedResponseError;
    expect(error).toBeInstanceOf(UnexpectedResponseError);
    expect(error.hint).toMatch(/--endpoint-url/);
    expect(server.requests).toHaveLength(1);
  });

  it('Throttling is retried', async () => {
    const sts = await mock();
    sts.injectFault({ action: 'AssumeRole', error: 'Throttling', count: 2 });
    const result = await mockClient(sts).assumeRole(ROLE);
    expect(result.credentials.accessKeyId).toMatch(/^ASIA/);
    expect(sts.requests().map((r) => r.status)).toEqual([400, 400, 200]);
  });

  it('IDPCommunicationError is retried for web identity', async () => {
    const sts = await mock();
    sts.injectFault({ action: 'AssumeRoleWithWebIdentity', error: 'IDPCommunicationError', count: 1 });
    const token = await sts.mintWebIdentityToken({ sub: 'ci' });
    await mockClient(sts).assumeRoleWithWebIdentity({ ...ROLE, webIdentityToken: token });
    expect(sts.requests().map((r) => r.errorCode ?? 'ok')).toEqual(['IDPCommunicationError', 'ok']);
  });

  it('maxAttempts 1 does not retry', async () => {
    const sts = await mock();
    sts.injectFault({ error: 'ServiceUnavailable' });
    await rejection(mockClient(sts, { maxAttempts: 1 }).assumeRole(ROLE));
    expect(sts.requests()).toHaveLength(1);
  });

  it('expired session credentials fail at once with ExpiredToken (the mock’s clock moved past their expiry)', async () => {
    const sts = await mock();
    const issued = await mockClient(sts).assumeRole({ ...ROLE, durationSeconds: 900 });
    sts.clock.advance(901);
    const c = mockClient(sts, { auth: { kind: 'sigv4', credentials: issued.credentials } });
    const error = (await rejection(c.getCallerIdentity())) as unknown as StsServiceError;
    expect([error.serviceCode, error.httpStatus, error.exitCode]).toEqual(['ExpiredToken', 400, 1]);
    expect(c.delays).toEqual([]);
  });
});

describe('network failures', () => {
  it('a dropped connection is retried', async () => {
    const sts = await mock();
    sts.injectFault({ drop: true, count: 1 });
    const result = await mockClient(sts).assumeRole(ROLE);
    expect(result.credentials.accessKeyId).toMatch(/^ASIA/);
    // (Between the attempts the client probes the port for TLS: that is journaled too, without an action.)
    expect(sts.requests({ action: 'AssumeRole' }).map((r) => r.status)).toEqual([0, 200]);
  });

  it('every attempt dropped → NetworkError (exit 4) naming the endpoint', async () => {
    const sts = await mock();
    sts.injectFault({ drop: true });
    const error = await rejection(mockClient(sts).assumeRole(ROLE));
    expect(error).toBeInstanceOf(NetworkError);
    expect(error.code).toBe('ERR_NETWORK');
    expect(error.exitCode).toBe(4);
    expect(error.message).toContain(sts.url);
    expect(sts.requests({ action: 'AssumeRole' })).toHaveLength(3);
  });

  it('a server slower than a short timeout → NetworkError', async () => {
    const sts = await mock();
    const fault = sts.injectFault({ delayMs: 5000 });
    const started = Date.now();
    const error = await rejection(mockClient(sts, { timeoutMs: 150, maxAttempts: 2 }).assumeRole(ROLE));
    expect(error).toBeInstanceOf(NetworkError);
    expect(error.exitCode).toBe(4);
    // Two attempts: the message tells the real total, not one attempt's timeout (issue 8 item 11).
    expect(error.message).toMatch(/ after 2 attempts in [\d.]+ m?s \(timeout 0\.15 s each\)\.$/);
    expect(sts.faults().find((f) => f.id === fault.id)?.hits).toBe(2);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('connection refused → NetworkError without secrets', async () => {
    const server = await startTestServer(() => okAssume);
    await server.close();
    const c = client(`http://user:pa55word@${server.url.slice('http://'.length)}`);
    const error = await rejection(c.assumeRole(ROLE));
    expect(error).toBeInstanceOf(NetworkError);
    expect(error.message).toContain('connection was refused');
    expect(error.message).toContain(server.url);
    expect(error.message).not.toContain('pa55word');
    expect(c.delays).toHaveLength(2);
  });

  it('an unreadable CA bundle is a file error (exit 5)', () => {
    expect(() => createStsClient({ endpoint: 'https://127.0.0.1:1', region: 'us-east-1', auth: { kind: 'none' }, caBundle: '/nonexistent/ca.pem' })).toThrow(
      FileError,
    );
  });
});

describe('--debug trace', () => {
  it('shows the exchange but never a secret', async () => {
    const server = await serve((req) => ({ status: 200, body: fixture(req.body.includes('WebIdentity') ? 'aws-web-identity.xml' : 'minio-assume-role.xml') }));
    const lines: string[] = [];
    const c = client(server, { debug: (line) => lines.push(line) });
    const assumed = await c.assumeRole({ ...ROLE, serialNumber: 'GAHT12345', tokenCode: '482913' });
    const web = await c.assumeRoleWithWebIdentity({ ...ROLE, webIdentityToken: JWT });
    const trace = lines.join('\n');
    expect(trace).toContain(`> POST ${server.url}/`);
    expect(trace).toContain('< HTTP 200');
    expect(trace).toContain('RoleSessionName=tester');
    expect(trace).toContain('AccessKeyId');
    const signature = /Signature=([0-9a-f]{64})/.exec(server.requests[0]!.headers.authorization!)![1]!;
    const secrets = [
      SOURCE.secretAccessKey,
      SOURCE.sessionToken,
      encodeURIComponent(SOURCE.sessionToken),
      signature,
      '482913',
      JWT,
      assumed.credentials.secretAccessKey,
      assumed.credentials.sessionToken,
      web.credentials.secretAccessKey,
      web.credentials.sessionToken,
    ];
    for (const secret of secrets) expect(trace).not.toContain(secret);
  });

  it('masks the signature of every attempt (each signed afresh)', async () => {
    const server = await serve((_req, i) => (i === 0 ? unavailable : okAssume));
    const lines: string[] = [];
    let tick = Date.parse('2026-11-23T12:00:00Z');
    const now = () => {
      tick += 1000;
      return new Date(tick);
    };
    await client(server, { debug: (line) => lines.push(line), now }).assumeRole(ROLE);
    const trace = lines.join('\n');
    expect(server.requests).toHaveLength(2);
    for (const req of server.requests) {
      const signature = /Signature=([0-9a-f]{64})/.exec(req.headers.authorization!)![1]!;
      expect(trace).not.toContain(signature);
      expect(trace).not.toContain(signature.slice(-16));
    }
    expect(trace).toContain('> authorization: AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/');
  });

  // SPEC §11: every secret the client has seen is masked wherever it appears, whatever the XML's spelling.
  const ISSUED_SECRET = 'IssuedSecretKey0123456789abcdefghijklmnop';
  const ISSUED_TOKEN = 'IssuedSessionToken0123456789+/=abcdefghijklmnop';
  const hostile = (secret: string, token: string) => [
    ['spaces in the tags', `<SecretAccessKey >${secret}</SecretAccessKey ><SessionToken\n>${token}</SessionToken\n>`],
    ['xmlns=""', `<SecretAccessKey xmlns="">${secret}</SecretAccessKey><SessionToken xmlns="">${token}</SessionToken>`],
    ['a declared prefix', `<ns:SecretAccessKey xmlns:ns="urn:x">${secret}</ns:SecretAccessKey><ns:SessionToken xmlns:ns="urn:x">${token}</ns:SessionToken>`],
    ['CDATA', `<SecretAccessKey><![CDATA[${secret}]]></SecretAccessKey><SessionToken><![CDATA[${token}]]></SessionToken>`],
    [
      'comments and CDATA splitting the values',
      `<SecretAccessKey>${secret.slice(0, 20)}<!-- -->${secret.slice(20)}</SecretAccessKey><SessionToken>${token.slice(0, 20)}<![CDATA[${token.slice(20)}]]></SessionToken>`,
    ],
  ];
  it.each(hostile(ISSUED_SECRET, ISSUED_TOKEN))(
    'masks issued credentials spelled with %s, also where the answer repeats them',
    async (_spelling, credentials) => {
      const body = `<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleResult><Credentials><AccessKeyId>ASIAHOSTILE</AccessKeyId>${credentials}<Expiration>2030-01-01T00:00:00Z</Expiration></Credentials></AssumeRoleResult><Note>copy: ${ISSUED_SECRET} ${ISSUED_TOKEN}</Note></AssumeRoleResponse>`;
      const server = await serve(() => ({ status: 200, body, headers: { 'x-echo': `${ISSUED_SECRET}|${encodeURIComponent(ISSUED_TOKEN)}` } }));
      const lines: string[] = [];
      const result = await client(server, { debug: (line) => lines.push(line) }).assumeRole(ROLE);
      // The client reads the credentials in every spelling (SPEC §2)…
      expect(result.credentials.secretAccessKey).toBe(ISSUED_SECRET);
      expect(result.credentials.sessionToken).toBe(ISSUED_TOKEN);
      // …and the trace shows none of them, nor any part long enough to matter.
      const trace = lines.join('\n');
      expect(trace).toContain('< x-echo: ');
      expect(trace).toContain('ASIAHOSTILE');
      for (const secret of [ISSUED_SECRET, ISSUED_TOKEN, encodeURIComponent(ISSUED_TOKEN)]) {
        expect(trace).not.toContain(secret);
        expect(trace).not.toContain(secret.slice(0, 20));
        expect(trace).not.toContain(secret.slice(20, 40));
      }
    },
  );

  it('an endpoint with a user name and password: the trace never shows them', async () => {
    const server = await serve(() => okAssume);
    const lines: string[] = [];
    await client(`http://admin:pa55word@${server.url.slice('http://'.length)}`, { debug: (line) => lines.push(line) }).assumeRole(ROLE);
    const trace = lines.join('\n');
    expect(trace).toContain(`> POST ${server.url}/`);
    expect(trace).not.toContain('pa55word');
    expect(trace).not.toContain('admin');
    // Nor is it sent: STS requests are signed, never sent with basic authentication.
    expect(server.requests[0]!.headers.authorization).not.toMatch(/^Basic/);
  });

  it('masks the ECS token', async () => {
    const server = await serve(() => ({ status: 200, body: fixture('ecs-assume-role.xml') }));
    const lines: string[] = [];
    await client(server, { auth: { kind: 'ecs-token', token: 'ECS-SECRET-TOKEN-42' }, debug: (l) => lines.push(l) }).assumeRole(ROLE);
    const trace = lines.join('\n');
    expect(trace).toContain('/sts?Action=AssumeRole');
    expect(trace).not.toContain('ECS-SECRET-TOKEN-42');
    expect(trace).not.toContain('wDvqneW8lyJbu0VRAMU8xQHPKH1hIsYfTyozlVg5znM');
  });
});
