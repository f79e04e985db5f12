// Proxies come from the environment (HTTP_PROXY / HTTPS_PROXY / NO_PROXY), as the SDKs read them.
import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createStsClient } from '../../src/sts/client.js';
import { startTestServer, type TestServer } from './testServer.js';

const body = readFileSync(new URL('../fixtures/dialects/aws-assume-role.xml', import.meta.url), 'utf8');
const ROLE = { roleArn: 'arn:aws:iam::123456789012:role/dev', roleSessionName: 'tester' };
const NAMES = ['HTTP_PROXY', 'HTTPS_PROXY', 'NO_PROXY', 'http_proxy', 'https_proxy', 'no_proxy'];

describe('proxies from the environment', () => {
  let sts: TestServer;
  let proxy: Server;
  let proxyUrl: string;
  const seen: string[] = [];
  const saved: Record<string, string | undefined> = {};

  beforeAll(async () => {
    for (const name of NAMES) saved[name] = process.env[name];
    sts = await startTestServer(() => ({ status: 200, body }));
    proxy = createServer((req, res) => {
      // A plain forwarding request (absolute-form) is recorded, then answered as the target would.
      seen.push(`${req.method} ${req.url}`);
      req.resume();
      req.on('end', () => res.writeHead(200, { 'content-type': 'text/xml' }).end(body));
    });
    proxy.on('connect', (req, socket, head) => {
      seen.push(`CONNECT ${req.url}`);
      const [host, port] = (req.url ?? '').split(':');
      const upstream = connect(Number(port), host!, () => {
        socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        upstream.write(head);
        upstream.pipe(socket);
        socket.pipe(upstream);
      });
      upstream.on('error', () => socket.destroy());
      socket.on('error', () => upstream.destroy());
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
  });
  afterEach(() => {
    for (const name of NAMES) {
      if (saved[name] === undefined) delete process.env[name];
      else process.env[name] = saved[name];
    }
  });
  afterAll(async () => {
    proxy.closeAllConnections();
    await new Promise((resolve) => proxy.close(resolve));
    await sts.close();
  });

  async function assume() {
    const client = createStsClient({
      endpoint: sts.url,
      region: 'us-east-1',
      auth: { kind: 'sigv4', credentials: { accessKeyId: 'AKID', secretAccessKey: 'secret' } },
      maxAttempts: 1,
    });
    try {
      return await client.assumeRole(ROLE);
    } finally {
      await client.close();
    }
  }

  it('HTTP_PROXY carries the request', async () => {
    for (const name of NAMES) delete process.env[name];
    process.env.HTTP_PROXY = proxyUrl;
    seen.length = 0;
    const result = await assume();
    expect(result.credentials.accessKeyId).toBe('ASIAIOSFODNN7EXAMPLE');
    const target = sts.url.slice('http://'.length);
    expect(seen.some((line) => line === `CONNECT ${target}` || line === `POST ${sts.url}/`)).toBe(true);
  });

  it('NO_PROXY bypasses it', async () => {
    for (const name of NAMES) delete process.env[name];
    process.env.HTTP_PROXY = proxyUrl;
    process.env.NO_PROXY = '127.0.0.1';
    seen.length = 0;
    const before = sts.requests.length;
    await assume();
    expect(seen).toEqual([]);
    expect(sts.requests.length).toBe(before + 1);
  });
});
