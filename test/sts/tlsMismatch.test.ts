// Issue 8 item 16: a scheme mix-up says so. An https:// URL to a plain HTTP server is "does not
// speak TLS, use http://"; an http:// URL to a TLS port is "speaks TLS, use https://", whether the
// server drops the request (Node, OpenSSL) or answers it in plain text (Go's net/http, nginx).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { type AddressInfo, createServer as createNetServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { NetworkError, UnexpectedResponseError } from '../../src/errors.js';
import { createStsClient, type RetryEvent } from '../../src/sts/client.js';

const ROLE = { roleArn: 'arn:aws:iam::123456789012:role/dev', roleSessionName: 'tester' };
const SOURCE = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };
const hasOpenssl = (() => {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
if (!hasOpenssl) console.warn('[skip] openssl is not installed: cannot make a test certificate for the TLS half');

const open: Array<{ close(): unknown }> = [];
afterEach(async () => {
  while (open.length) await open.pop()!.close();
});

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  open.push({
    close: () =>
      new Promise<void>((resolve) => {
        (server as Server & { closeAllConnections?: () => void }).closeAllConnections?.();
        server.close(() => resolve());
      }),
  });
  return (server.address() as AddressInfo).port;
}

async function attempt(endpoint: string) {
  const events: RetryEvent[] = [];
  const client = createStsClient({
    endpoint,
    region: 'us-east-1',
    auth: { kind: 'sigv4', credentials: SOURCE },
    sleep: async () => {},
    onRetry: (e) => events.push(e),
  });
  try {
    await client.assumeRole(ROLE);
    throw new Error('expected a failure');
  } catch (error) {
    return { error: error as NetworkError & UnexpectedResponseError, events };
  } finally {
    await client.close();
  }
}

describe('https:// to a plain HTTP server', () => {
  it('says the endpoint does not speak TLS and suggests http://, without retrying', async () => {
    let requests = 0;
    const port = await listen(
      createHttpServer((_req, res) => {
        requests++;
        res.end('hi');
      }),
    );
    const { error, events } = await attempt(`https://127.0.0.1:${port}/sts/`);
    expect(error).toBeInstanceOf(NetworkError);
    expect(error.exitCode).toBe(4);
    expect(error.message).toBe(`The STS endpoint https://127.0.0.1:${port}/sts/ does not speak TLS: it answered the https:// handshake in plain text.`);
    expect(error.hint).toContain(`Use http://127.0.0.1:${port}/sts/ (http://) instead`);
    expect(error.message).not.toMatch(/ERR_SSL|wrong version/i);
    expect(events).toEqual([]);
    expect(requests).toBe(0);
  });
});

describe.skipIf(!hasOpenssl)('http:// to a TLS port', () => {
  let dir: string;
  let key: Buffer;
  let cert: Buffer;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'sts-scheme-'));
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=127.0.0.1',
        '-keyout',
        join(dir, 'k.pem'),
        '-out',
        join(dir, 'c.pem'),
      ],
      { stdio: 'ignore' },
    );
    key = readFileSync(join(dir, 'k.pem'));
    cert = readFileSync(join(dir, 'c.pem'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('a TLS server that drops the request: says it speaks TLS and suggests https://, without retrying', async () => {
    const port = await listen(createHttpsServer({ key, cert }, (_req, res) => res.end('hi')));
    const { error, events } = await attempt(`http://127.0.0.1:${port}`);
    expect(error).toBeInstanceOf(NetworkError);
    expect(error.exitCode).toBe(4);
    expect(error.message).toBe(`The STS endpoint http://127.0.0.1:${port}/ speaks TLS, so it closed the plain http:// request.`);
    expect(error.hint).toBe(`Use https://127.0.0.1:${port} (https://) instead.`);
    expect(events).toEqual([]);
  });

  it('a server that simply drops connections is still "connection closed", and retried', async () => {
    const raw = createNetServer((socket) => socket.once('data', () => socket.destroy()));
    const port = await listen(raw);
    const { error, events } = await attempt(`http://127.0.0.1:${port}`);
    expect(error).toBeInstanceOf(NetworkError);
    expect(error.message).toMatch(/after 3 attempts in .*: the connection was (closed before an answer came|reset)\.$/);
    expect(events).toHaveLength(2);
  });
});

describe('http:// to a Go or nginx TLS port (answers in plain text)', () => {
  it.each([
    ['Go net/http', 'HTTP/1.0 400 Bad Request\r\n\r\nClient sent an HTTP request to an HTTPS server.\n'],
    [
      'nginx',
      'HTTP/1.1 400 Bad Request\r\nContent-Type: text/html\r\nContent-Length: 88\r\nConnection: close\r\n\r\n<html><body><h1>400 Bad Request</h1>The plain HTTP request was sent to HTTPS port</body>',
    ],
  ])('%s: the hint says to use https://', async (_server, answer) => {
    const port = await listen(createNetServer((socket) => socket.once('data', () => socket.end(answer))));
    const { error } = await attempt(`http://127.0.0.1:${port}`);
    expect(error).toBeInstanceOf(UnexpectedResponseError);
    expect(error.hint).toBe('The endpoint speaks TLS: use https:// in --endpoint-url.');
  });
});
