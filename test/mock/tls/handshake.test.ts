// Real TLS handshakes against a node https server that serves a certificate made here, by clients
// nobody here wrote: node's tls, the project's own STS client (undici), curl, python3's ssl module
// (what boto3 uses, via urllib3 in botocore), and AWS CLI v2 with --ca-bundle. Each trusts only the
// CA, succeeds for 127.0.0.1, [::1] and localhost, and fails with a certificate error without it.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, get, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NetworkError } from '../../../src/errors.js';
import { type CertificateWithKey, createCertificateAuthority, issueServerCertificate } from '../../../src/mock/tls/index.js';
import { createStsClient } from '../../../src/sts/client.js';
import { AWS_CLI_V2, awsCliV2, botocore, skipWithout } from '../../helpers/peers.js';
import { workdir } from './oracles.js';
import { curl, pythonSsl } from '../../helpers/peers.js';

const run = promisify(execFile);
const XML = readFileSync(new URL('../../fixtures/dialects/aws-assume-role.xml', import.meta.url), 'utf8');
const ROLE = { roleArn: 'arn:aws:iam::123456789012:role/dev', roleSessionName: 'tester' };

// ::1 may be missing in a container without IPv6: then its cases are skipped, and say so.
async function ipv6Loopback(): Promise<boolean> {
  const probe = createServer();
  return new Promise((resolve) => {
    probe.once('error', () => resolve(false));
    probe.listen(0, '::1', () => probe.close(() => resolve(true)));
  });
}

async function serve(leaf: CertificateWithKey, host: string): Promise<{ server: Server; port: number }> {
  const server = createServer({ key: leaf.keyPem, cert: leaf.certPem }, (req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(200, { 'content-type': 'text/xml' }).end(XML));
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  return { server, port: (server.address() as AddressInfo).port };
}

async function stop(server: Server | undefined): Promise<void> {
  if (!server) return;
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
}

/** A GET with node's https, trusting `ca` only (or the system store when undefined). */
function nodeGet(url: string, ca?: string): Promise<{ status?: number; error?: NodeJS.ErrnoException }> {
  return new Promise((resolve) => {
    const req = get(url, { agent: false, ...(ca === undefined ? {} : { ca }) }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode! }));
    });
    req.on('error', (error) => resolve({ error }));
  });
}

const PYTHON_CLIENTS = new URL('./tls_clients.py', import.meta.url).pathname;

describe('TLS handshakes with a certificate made by src/mock/tls', () => {
  const dir = workdir();
  let ca: CertificateWithKey;
  let caPath: string;
  let otherCaPath: string;
  let servers: Server[] = [];
  let urls: string[] = [];
  let localhostOnly: string;
  let v6 = false;

  beforeAll(async () => {
    // What `serve --tls` will do at start: a CA and a server certificate for the loopback names.
    const timings: number[] = [];
    let leaf: CertificateWithKey | undefined;
    for (let i = 0; i < 5; i++) {
      const started = performance.now();
      ca = createCertificateAuthority({ commonName: 'sts-cli test CA', days: 1 });
      leaf = issueServerCertificate(ca, { hosts: ['127.0.0.1', '::1', 'localhost'], days: 1 });
      timings.push(performance.now() - started);
    }
    const sorted = [...timings].sort((a, b) => a - b);
    console.log(`[timing] CA + server certificate (P-256), 5 runs: first ${timings[0]!.toFixed(1)} ms, median ${sorted[2]!.toFixed(1)} ms`);

    caPath = dir.write('ca.pem', ca.certPem);
    otherCaPath = dir.write('other-ca.pem', createCertificateAuthority({ days: 1 }).certPem);
    v6 = await ipv6Loopback();
    if (!v6) console.warn('[skip] IPv6 loopback (::1) is not available here: the https://[::1] cases are skipped');
    const v4 = await serve(leaf!, '127.0.0.1');
    servers.push(v4.server);
    urls = [`https://127.0.0.1:${v4.port}`, `https://localhost:${v4.port}`];
    if (v6) {
      const six = await serve(leaf!, '::1');
      servers.push(six.server);
      urls.push(`https://[::1]:${six.port}`);
    }
    const narrow = await serve(issueServerCertificate(ca, { hosts: ['localhost'], days: 1 }), '127.0.0.1');
    servers.push(narrow.server);
    localhostOnly = `https://127.0.0.1:${narrow.port}`;
  });
  afterAll(async () => {
    await Promise.all(servers.map(stop));
    servers = [];
    dir.remove();
  });

  it('node:https trusting only the CA connects to every loopback name', async () => {
    for (const url of urls) expect(await nodeGet(url, ca.certPem), url).toEqual({ status: 200 });
  });

  it('node:https without the CA, or with another CA, fails with a certificate error', async () => {
    for (const url of urls) {
      for (const trust of [undefined, readFileSync(otherCaPath, 'utf8')]) {
        const { error } = await nodeGet(url, trust);
        expect(error?.code, url).toBe('UNABLE_TO_VERIFY_LEAF_SIGNATURE');
        expect(error?.message).toBe('unable to verify the first certificate');
      }
    }
  });

  it('an RSA 2048 server certificate under an RSA CA serves TLS the same way', async () => {
    const rsaCa = createCertificateAuthority({ keyType: 'rsa', days: 1 });
    const { server, port } = await serve(issueServerCertificate(rsaCa, { hosts: ['127.0.0.1'], keyType: 'rsa', days: 1 }), '127.0.0.1');
    servers.push(server);
    expect(await nodeGet(`https://127.0.0.1:${port}`, rsaCa.certPem)).toEqual({ status: 200 });
    expect((await nodeGet(`https://127.0.0.1:${port}`, ca.certPem)).error?.code).toBe('UNABLE_TO_VERIFY_LEAF_SIGNATURE');
  });

  it('node:https refuses a host the certificate does not name', async () => {
    const { error } = await nodeGet(localhostOnly, ca.certPem);
    expect(error?.code).toBe('ERR_TLS_CERT_ALTNAME_INVALID');
    expect(error?.message).toMatch(/IP: 127\.0\.0\.1 is not in the cert's list: $/);
  });

  it("the project's STS client (undici) accepts it with --ca-bundle, and says what to do without", async () => {
    for (const url of urls) {
      const trusting = createStsClient({
        endpoint: url,
        region: 'us-east-1',
        auth: { kind: 'sigv4', credentials: { accessKeyId: 'AKID', secretAccessKey: 'secret' } },
        caBundle: caPath,
      });
      try {
        expect((await trusting.assumeRole(ROLE)).credentials.accessKeyId, url).toBe('ASIAIOSFODNN7EXAMPLE');
      } finally {
        await trusting.close();
      }
    }
    const plain = createStsClient({
      endpoint: urls[0]!,
      region: 'us-east-1',
      auth: { kind: 'sigv4', credentials: { accessKeyId: 'AKID', secretAccessKey: 'secret' } },
      sleep: async () => {},
    });
    try {
      const error = await plain.assumeRole(ROLE).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(NetworkError);
      expect((error as NetworkError).hint).toMatch(/--ca-bundle/);
    } finally {
      await plain.close();
    }
  });

  it('curl --cacert connects to every loopback name, and fails (exit 60) without it', async () => {
    if (skipWithout(curl())) return;
    for (const url of urls) {
      const { stdout } = await run('curl', ['-sS', '--max-time', '20', '--cacert', caPath, '-o', '/dev/null', '-w', '%{http_code} %{ssl_verify_result}', url]);
      expect(stdout, url).toBe('200 0');
      const refused = await run('curl', ['-sS', '--max-time', '20', '-o', '/dev/null', url]).catch((e: { code: number; stderr: string }) => e);
      expect((refused as { code: number }).code, url).toBe(60);
      expect((refused as { stderr: string }).stderr).toMatch(/SSL certificate problem: unable to get local issuer certificate/);
    }
  });

  it("python3's ssl (create_default_context(cafile=…), X509 strict) connects, and refuses without the CA", async () => {
    if (skipWithout(pythonSsl())) return;
    const trusting = JSON.parse((await run('python3', [PYTHON_CLIENTS, 'ssl', caPath, ...urls])).stdout);
    expect(trusting).toEqual(urls.map((url) => ({ url, status: 200, version: expect.stringMatching(/^TLSv1\.[23]$/) })));
    const refusing = JSON.parse((await run('python3', [PYTHON_CLIENTS, 'ssl', '', ...urls])).stdout);
    expect(refusing).toEqual(urls.map((url) => ({ url, verify_error: 'unable to get local issuer certificate' })));
  });

  it("botocore's HTTP session (boto3's) with verify=CA connects, and raises SSLError without it", async () => {
    if (skipWithout(botocore())) return;
    const results = JSON.parse((await run('python3', [PYTHON_CLIENTS, 'botocore', caPath, ...urls])).stdout);
    expect(results).toEqual(
      urls.flatMap((url) => [
        { url, trusting: true, status: 200 },
        { url, trusting: false, ssl_error: expect.stringMatching(/CERTIFICATE_VERIFY_FAILED/) },
      ]),
    );
  });

  it('AWS CLI v2 with --ca-bundle reads the answer over TLS, and refuses without it', async () => {
    if (skipWithout(awsCliV2())) return;
    const env = {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: dir.path,
      AWS_CONFIG_FILE: dir.write('config', ''),
      AWS_SHARED_CREDENTIALS_FILE: dir.write('credentials', ''),
      AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
      AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
      AWS_EC2_METADATA_DISABLED: 'true',
      AWS_PAGER: '',
      AWS_MAX_ATTEMPTS: '1',
    };
    const args = (url: string) => [
      'sts',
      'assume-role',
      '--role-arn',
      ROLE.roleArn,
      '--role-session-name',
      'tester',
      '--endpoint-url',
      url,
      '--region',
      'us-east-1',
    ];
    // AWS CLI 2.9 (Debian 12) refuses an IPv6 --endpoint-url ("Invalid endpoint: https://[::1]:…")
    // before it connects: its botocore's endpoint check predates IPv6 literals. Not a TLS matter.
    for (const url of urls.filter((u) => !u.includes('['))) {
      const { stdout } = await run(AWS_CLI_V2, [...args(url), '--ca-bundle', caPath, '--output', 'json'], { env });
      expect(JSON.parse(stdout).Credentials.AccessKeyId, url).toBe('ASIAIOSFODNN7EXAMPLE');
    }
    const refused = await run(AWS_CLI_V2, args(urls[0]!), { env }).catch((e: { code: number; stderr: string }) => e);
    expect((refused as { code: number }).code).not.toBe(0);
    expect((refused as { stderr: string }).stderr).toMatch(/SSL validation failed.*CERTIFICATE_VERIFY_FAILED/s);
  }, 120_000);
});
