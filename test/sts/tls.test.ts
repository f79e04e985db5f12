import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NetworkError } from '../../src/errors.js';
import { createStsClient, type StsClientOptions } from '../../src/sts/client.js';

const body = readFileSync(new URL('../fixtures/dialects/aws-assume-role.xml', import.meta.url), 'utf8');
const ROLE = { roleArn: 'arn:aws:iam::123456789012:role/dev', roleSessionName: 'tester' };
const hasOpenssl = (() => {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
if (!hasOpenssl) console.warn('[skip] openssl is not installed: cannot make a test certificate');

describe.skipIf(!hasOpenssl)('TLS', () => {
  let dir: string;
  let server: Server;
  let url: string;
  let hits = 0;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sts-tls-'));
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
        '-addext',
        'subjectAltName=IP:127.0.0.1',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
      ],
      { stdio: 'ignore' },
    );
    server = createServer({ key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) }, (req, res) => {
      req.resume();
      req.on('end', () => {
        hits++;
        res.writeHead(200, { 'content-type': 'text/xml' }).end(body);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });

  async function assume(extra: Partial<StsClientOptions>) {
    const delays: number[] = [];
    const client = createStsClient({
      endpoint: url,
      region: 'us-east-1',
      auth: { kind: 'sigv4', credentials: { accessKeyId: 'AKID', secretAccessKey: 'secret' } },
      sleep: async (ms) => void delays.push(ms),
      ...extra,
    });
    try {
      return { result: await client.assumeRole(ROLE), delays };
    } catch (error) {
      return { error: error as NetworkError, delays };
    } finally {
      await client.close();
    }
  }

  it('an untrusted certificate is a network error, not retried, with what to do', async () => {
    const before = hits;
    const { error, delays } = await assume({});
    expect(error).toBeInstanceOf(NetworkError);
    expect(error!.exitCode).toBe(4);
    expect(error!.hint).toMatch(/--ca-bundle/);
    expect(delays).toEqual([]);
    expect(hits).toBe(before);
  });

  it('--no-verify-ssl accepts it', async () => {
    const { result } = await assume({ verifySsl: false });
    expect(result?.credentials.accessKeyId).toBe('ASIAIOSFODNN7EXAMPLE');
  });

  it('--ca-bundle trusts it', async () => {
    const { result } = await assume({ caBundle: join(dir, 'cert.pem') });
    expect(result?.credentials.accessKeyId).toBe('ASIAIOSFODNN7EXAMPLE');
  });
});
