// serve --tls end to end: the built binary serves https with a certificate made at start (or your
// own), writes its CA where asked, and real clients nobody here wrote trust it with --ca-bundle:
// AWS CLI v2, boto3 (verify=CA), and sts-cli itself (--ca-bundle and AWS_CA_BUNDLE). Each
// succeeds for AssumeRole, AssumeRoleWithWebIdentity and GetCallerIdentity, and fails clearly
// without the CA. Bad TLS flags and files: one sentence and exit 2 or 5.
import { execFile, execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { chmodSync, existsSync, lchownSync, lstatSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { dirname, join } from 'node:path';
import { connect } from 'node:tls';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCertificateAuthority, issueServerCertificate } from '../../src/mock/tls/index.js';
import { runCli, tempHome } from '../helpers/cli.js';
import { AWS_CLI_V2, awsCliV2, boto3, skipWithout } from '../helpers/peers.js';
import { type ServeProcess, startServe, stopAll } from '../helpers/serve.js';

const run = promisify(execFile);
const ROLE = 'arn:aws:iam::123456789012:role/demo';
const KEYS = { AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test' };

/** The certificate the server presents (not checked). */
function peerCertificate(url: string): Promise<{ fingerprint256: string; raw: Buffer }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect({ host: hostname, port: Number(port), rejectUnauthorized: false }, () => {
      const cert = socket.getPeerCertificate();
      socket.end();
      resolve(cert);
    });
    socket.once('error', reject);
  });
}

/** A web identity token from the mock's own issuer, over https trusting `ca`. */
function oidcToken(url: string, ca: string, sub: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}/oidc/token`, { method: 'POST', ca, headers: { 'content-type': 'application/x-www-form-urlencoded' } }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (d: string) => (body += d));
      res.on('end', () => (res.statusCode === 200 ? resolve(body.trim()) : reject(new Error(`${res.statusCode}: ${body}`))));
    });
    req.once('error', reject);
    req.end(`sub=${sub}`);
  });
}

const home = tempHome();
afterAll(() => home.cleanup());
afterAll(() => stopAll());

describe('serve --tls with --tls-ca-file', () => {
  const caFile = join(home.home, 'certs', 'mock-ca.pem');
  let serve: ServeProcess;
  let url: string;
  let ca: string;
  beforeAll(async () => {
    mkdirSync(dirname(caFile), { recursive: true });
    serve = startServe(['--port', '0', '--tls', '--tls-ca-file', caFile, '--log', 'json'], home.env);
    url = await serve.url;
    ca = readFileSync(caFile, 'utf8');
    await serve.stderrMatch(/the CA certificate is in/);
  });
  afterAll(() => serve?.stop());

  it('prints the https URL first, with the CA already written (0644) and named on stderr', async () => {
    expect(url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(serve.stdout()).toBe(`${url}\n`);
    expect(statSync(caFile).mode & 0o777).toBe(0o644);
    // Written atomically: no temporary file is left beside it.
    expect(readdirSync(dirname(caFile))).toEqual(['mock-ca.pem']);
    const caCert = new X509Certificate(ca);
    expect(caCert.ca).toBe(true);
    const leaf = new X509Certificate((await peerCertificate(url)).raw);
    expect(leaf.checkIssued(caCert)).toBe(true);
    expect(leaf.subjectAltName).toBe('IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1, DNS:localhost');
    expect(serve.stderr()).toContain('TLS: a certificate made at start for 127.0.0.1, ::1, localhost.');
    expect(serve.stderr()).toContain(`TLS: the CA certificate is in ${caFile}; trust it with --ca-bundle ${caFile} or AWS_CA_BUNDLE=${caFile}.`);
  });

  it('sts-cli --ca-bundle: assume, assume-web-identity and whoami succeed; AWS_CA_BUNDLE works the same', async () => {
    const env = { ...home.env, ...KEYS };
    const assumed = await runCli(
      ['assume', '--role-arn', ROLE, '--role-session-name', 'cli-tls', '--endpoint-url', url, '--ca-bundle', caFile, '--profile', 'tls'],
      {
        env,
      },
    );
    expect(assumed.stderr).toContain('Assumed arn:aws:sts::123456789012:assumed-role/demo/cli-tls');
    expect(assumed.code).toBe(0);
    const who = await runCli(['whoami', '--profile', 'tls', '--endpoint-url', url, '--format', 'json'], { env: { ...home.env, AWS_CA_BUNDLE: caFile } });
    expect(who.code, who.stderr).toBe(0);
    expect(JSON.parse(who.stdout)).toMatchObject({ Arn: 'arn:aws:sts::123456789012:assumed-role/demo/cli-tls' });
    const tokenFile = join(home.home, 'token');
    writeFileSync(tokenFile, await oidcToken(url, ca, 'ci-tls'));
    const web = await runCli(
      [
        'assume-web-identity',
        '--role-arn',
        ROLE,
        '--role-session-name',
        'web-tls',
        '--web-identity-token-file',
        tokenFile,
        '--endpoint-url',
        url,
        '--format',
        'json',
      ],
      { env: { ...home.env, AWS_CA_BUNDLE: caFile } },
    );
    expect(web.code, web.stderr).toBe(0);
    expect(JSON.parse(web.stdout).Credentials.AccessKeyId).toMatch(/^ASIA/);
  });

  it('sts-cli without the CA: exit 4, naming the TLS failure and --ca-bundle', async () => {
    const tokenFile = join(home.home, 'token-2');
    writeFileSync(tokenFile, await oidcToken(url, ca, 'ci-tls'));
    const runs = await Promise.all([
      runCli(['assume', '--role-arn', ROLE, '--endpoint-url', url], { env: { ...home.env, ...KEYS } }),
      runCli(['assume-web-identity', '--role-arn', ROLE, '--web-identity-token-file', tokenFile, '--endpoint-url', url], { env: home.env }),
      runCli(['whoami', '--endpoint-url', url], { env: { ...home.env, ...KEYS } }),
    ]);
    for (const r of runs) {
      expect(r.code, r.stderr).toBe(4);
      expect(r.stdout).toBe('');
      expect(r.stderr).toBe(
        `sts-cli: The TLS certificate of the STS endpoint ${url}/ was not accepted (UNABLE_TO_VERIFY_LEAF_SIGNATURE). Pass --ca-bundle FILE (or set AWS_CA_BUNDLE) with the CA that signed it, or --no-verify-ssl to skip the check.\n`,
      );
    }
  });

  it('AWS CLI v2 --ca-bundle: assume-role, assume-role-with-web-identity and get-caller-identity; without it, SSL validation fails', async () => {
    if (skipWithout(awsCliV2())) return;
    const base = {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: home.home,
      AWS_CONFIG_FILE: join(home.home, 'aws-config'),
      AWS_SHARED_CREDENTIALS_FILE: join(home.home, 'aws-credentials'),
      AWS_EC2_METADATA_DISABLED: 'true',
      AWS_PAGER: '',
      AWS_MAX_ATTEMPTS: '1',
    };
    writeFileSync(base.AWS_CONFIG_FILE, '');
    writeFileSync(base.AWS_SHARED_CREDENTIALS_FILE, '');
    // AWS CLI 2.9 (Debian 12) takes the endpoint only from --endpoint-url.
    const aws = (args: string[], env: Record<string, string>, trust = true) =>
      run(AWS_CLI_V2, ['sts', ...args, '--endpoint-url', url, '--region', 'us-east-1', '--output', 'json', ...(trust ? ['--ca-bundle', caFile] : [])], {
        env: { ...base, ...env },
        timeout: 60_000,
      });
    const assumed = JSON.parse((await aws(['assume-role', '--role-arn', ROLE, '--role-session-name', 'cli-v2'], KEYS)).stdout);
    const c = assumed.Credentials;
    const who = JSON.parse(
      (await aws(['get-caller-identity'], { AWS_ACCESS_KEY_ID: c.AccessKeyId, AWS_SECRET_ACCESS_KEY: c.SecretAccessKey, AWS_SESSION_TOKEN: c.SessionToken }))
        .stdout,
    );
    expect(who.Arn).toBe('arn:aws:sts::123456789012:assumed-role/demo/cli-v2');
    const token = await oidcToken(url, ca, 'ci-v2');
    // AWS_CA_BUNDLE instead of the flag: the CLI reads it the same way.
    const web = JSON.parse(
      (
        await aws(
          ['assume-role-with-web-identity', '--role-arn', ROLE, '--role-session-name', 'web-v2', '--web-identity-token', token],
          { AWS_CA_BUNDLE: caFile },
          false,
        )
      ).stdout,
    );
    expect(web.SubjectFromWebIdentityToken).toBe('ci-v2');
    const refusals = await Promise.all([
      aws(['assume-role', '--role-arn', ROLE, '--role-session-name', 'cli-v2'], KEYS, false).catch((e: { code: number; stderr: string }) => e),
      aws(['get-caller-identity'], KEYS, false).catch((e: { code: number; stderr: string }) => e),
      aws(['assume-role-with-web-identity', '--role-arn', ROLE, '--role-session-name', 'web-v2', '--web-identity-token', token], {}, false).catch(
        (e: { code: number; stderr: string }) => e,
      ),
    ]);
    for (const refused of refusals as { code: number; stderr: string }[]) {
      expect(refused.code).not.toBe(0);
      expect(refused.stderr).toMatch(/SSL validation failed for https:\/\/127\.0\.0\.1:\d+\/ .*CERTIFICATE_VERIFY_FAILED/s);
    }
  }, 180_000);

  it('boto3 with verify=CA: AssumeRole, GetCallerIdentity, AssumeRoleWithWebIdentity; without it, SSLError', async () => {
    if (skipWithout(boto3())) return;
    const token = await oidcToken(url, ca, 'ci-boto3');
    const { stdout } = await run('python3', [join(import.meta.dirname, 'boto3_tls.py'), url, caFile, ROLE, token], { timeout: 90_000 });
    expect(JSON.parse(stdout)).toEqual({
      whoami_temp: 'arn:aws:sts::123456789012:assumed-role/demo/boto3-tls',
      web_subject: 'ci-boto3',
      without_ca: {
        AssumeRole: 'CERTIFICATE_VERIFY_FAILED',
        GetCallerIdentity: 'CERTIFICATE_VERIFY_FAILED',
        AssumeRoleWithWebIdentity: 'CERTIFICATE_VERIFY_FAILED',
      },
    });
  }, 120_000);

  it('no private key in anything it printed', () => {
    expect(serve.stdout() + serve.stderr()).not.toMatch(/PRIVATE KEY|BEGIN/);
  });
});

describe('serve --tls without --tls-ca-file', () => {
  it('writes the CA to a private temporary file, names it on stderr, and removes it at exit', async () => {
    const serve = startServe(['--port', '0', '--tls'], home.env);
    const url = await serve.url;
    const path = (await serve.stderrMatch(/the CA certificate is in (\S+);/))[1];
    expect(path, serve.stderr()).toMatch(/\/sts-cli-ca-[^/]+\/ca\.pem$/);
    expect(statSync(dirname(path!)).mode & 0o777).toBe(0o700);
    expect(new X509Certificate((await peerCertificate(url)).raw).checkIssued(new X509Certificate(readFileSync(path!)))).toBe(true);
    expect(await serve.stop()).toBe(0);
    expect(existsSync(dirname(path!))).toBe(false);
  });
});

describe('serve --tls-cert / --tls-key', () => {
  const ca = createCertificateAuthority({ commonName: 'Own test CA', days: 2 });
  const leaf = issueServerCertificate(ca, { hosts: ['127.0.0.1', 'localhost'], days: 2 });
  const dir = join(home.home, 'own');
  const file = (name: string, text: string) => {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, name), text);
    return join(dir, name);
  };
  const keyLine = leaf.keyPem.split('\n')[1]!;

  it('serves your certificate and chain; clients trusting your CA get through', async () => {
    const cert = file('cert.pem', leaf.certPem + ca.certPem);
    const key = file('key.pem', leaf.keyPem);
    const caPath = file('ca.pem', ca.certPem);
    const serve = startServe(['--port', '0', '--tls-cert', cert, '--tls-key', key], home.env);
    const url = await serve.url;
    expect(url).toMatch(/^https:/);
    expect((await peerCertificate(url)).fingerprint256).toBe(leaf.cert.fingerprint256);
    const who = await runCli(['whoami', '--endpoint-url', url, '--ca-bundle', caPath, '--format', 'json'], { env: { ...home.env, ...KEYS } });
    expect(who.code, who.stderr).toBe(0);
    expect(serve.stderr()).toContain(`TLS: serving the certificate in ${cert} (IP Address:127.0.0.1, DNS:localhost; valid until `);
    expect(serve.stderr()).not.toContain('the CA certificate is in');
    expect(await serve.stop()).toBe(0);
    expect(serve.stderr()).not.toContain(keyLine);
  });

  it('warns when your certificate has expired or does not name --host, and serves it anyway', async () => {
    const old = issueServerCertificate(ca, { hosts: ['localhost'], days: 1, now: new Date(Date.now() - 3 * 86_400_000) });
    const serve = startServe(['--port', '0', '--tls-cert', file('old.pem', old.certPem), '--tls-key', file('old-key.pem', old.keyPem)], home.env);
    await serve.url;
    expect(serve.stderr()).toMatch(/sts-cli: the certificate in --tls-cert \S+old\.pem expired at \S+: clients will refuse it\./);
    expect(serve.stderr()).toContain('does not name 127.0.0.1, the address it is served on (DNS:localhost): clients will refuse it.');
    await serve.stop();
  });

  it('refuses what cannot work with one sentence: exit 2 for flags, exit 5 for files, never showing the key', async () => {
    const cert = file('cert.pem', leaf.certPem);
    const key = file('key.pem', leaf.keyPem);
    const strangerKey = file('stranger.pem', issueServerCertificate(ca, { hosts: ['localhost'], days: 1 }).keyPem);
    const encrypted = file('encrypted.pem', leaf.privateKey.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'pw' }).toString());
    const garbage = file('garbage.pem', 'hello\n');
    const unreadable = file('unreadable.pem', leaf.keyPem);
    chmodSync(unreadable, 0o000);
    const fifo = join(dir, 'fifo');
    execFileSync('mkfifo', [fifo]);
    const cases: Array<[string[], number, string]> = [
      [
        ['--tls-cert', cert],
        2,
        'sts-cli: --tls-cert and --tls-key go together: the certificate and its private key. Pass both, or --tls alone for a certificate made at start.',
      ],
      [['--tls-key', key], 2, 'sts-cli: --tls-cert and --tls-key go together'],
      [['--tls-cert', cert, '--tls-key', strangerKey], 2, `sts-cli: --tls-key ${strangerKey} does not belong to the certificate in --tls-cert ${cert}.`],
      [
        ['--tls-cert', join(dir, 'missing.pem'), '--tls-key', key],
        5,
        `sts-cli: Cannot read --tls-cert ${join(dir, 'missing.pem')}: there is no such file. Check the path given to --tls-cert.`,
      ],
      [['--tls-cert', garbage, '--tls-key', key], 5, `sts-cli: --tls-cert ${garbage} holds no PEM certificate (-----BEGIN CERTIFICATE-----).`],
      [['--tls-cert', cert, '--tls-key', cert], 5, `sts-cli: --tls-key ${cert} holds no PEM private key`],
      [
        ['--tls-cert', cert, '--tls-key', encrypted],
        5,
        `sts-cli: --tls-key ${encrypted} holds an encrypted private key, which the mock cannot unlock. Write it out unencrypted (openssl pkey -in KEY -out key.pem)`,
      ],
      [['--tls-cert', cert, '--tls-key', dir], 5, `sts-cli: Cannot read --tls-key ${dir}: it is a folder, not a file.`],
      [
        ['--tls-cert', cert, '--tls-key', key, '--tls-ca-file', join(dir, 'ca-out.pem')],
        2,
        'sts-cli: --tls-ca-file writes the CA of the certificate --tls makes',
      ],
      [['--tls-ca-file', join(dir, 'ca-out.pem')], 2, 'sts-cli: --tls-ca-file needs --tls. Add --tls to serve https.'],
      [['--tls', '--tls-ca-file', dir], 5, `sts-cli: Cannot write the CA certificate to ${dir}: it is a folder, not a regular file.`],
      [['--tls', '--tls-ca-file', fifo], 5, `sts-cli: Cannot write the CA certificate to ${fifo}: it is a FIFO, not a regular file.`],
      [
        ['--tls', '--tls-ca-file', join(dir, 'no', 'such', 'ca.pem')],
        5,
        `sts-cli: Cannot write the CA certificate to ${join(dir, 'no', 'such', 'ca.pem')}: its folder ${join(dir, 'no', 'such')} does not exist.`,
      ],
      [['--tls', '--host', 'bad host'], 2, 'sts-cli: No certificate can be made for the host bad host'],
    ];
    // Root reads a 0000 file all the same: that case runs for everyone else.
    if (process.getuid?.() !== 0) {
      cases.push([
        ['--tls-cert', cert, '--tls-key', unreadable],
        5,
        `sts-cli: Cannot read ${unreadable}: permission denied. Check the path and mode of --tls-key.`,
      ]);
    }
    for (const [args, code, message] of cases) {
      const r = await runCli(['serve', '--port', '0', ...args], { env: home.env, timeoutMs: 15_000 });
      expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(code);
      expect(r.stdout).toBe('');
      expect(r.stderr.startsWith(message), `${args.join(' ')}: ${r.stderr}`).toBe(true);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).not.toContain(keyLine);
    }
    expect(statSync(fifo).isFIFO()).toBe(true);
    expect(existsSync(join(dir, 'ca-out.pem'))).toBe(false);
  });
});

describe('serve --tls-ca-file through a symbolic link', () => {
  it('follows a link of your own, and refuses (exit 5, untouched) one that belongs to another user', async () => {
    const dir = join(home.home, 'links');
    mkdirSync(dir, { recursive: true });
    const real = join(dir, 'real-ca.pem');
    const own = join(dir, 'own-link.pem');
    symlinkSync(real, own);
    const serve = startServe(['--port', '0', '--tls', '--tls-ca-file', own], home.env);
    await serve.url;
    expect(lstatSync(own).isSymbolicLink()).toBe(true);
    expect(new X509Certificate(readFileSync(real)).ca).toBe(true);
    await serve.stop();
    if (process.getuid?.() !== 0) {
      console.warn('[skip] a link owned by another user can only be made as root');
      return;
    }
    const victim = join(dir, 'victim.txt');
    writeFileSync(victim, 'keep me\n');
    const planted = join(dir, 'planted.pem');
    symlinkSync(victim, planted);
    lchownSync(planted, 65534, 65534);
    const r = await runCli(['serve', '--port', '0', '--tls', '--tls-ca-file', planted], { env: home.env, timeoutMs: 15_000 });
    expect(r.code).toBe(5);
    expect(r.stderr).toBe(
      `sts-cli: Refusing to write the CA certificate through ${planted}: it is a symbolic link that belongs to another user. Name another --tls-ca-file; it was left untouched.\n`,
    );
    expect(readFileSync(victim, 'utf8')).toBe('keep me\n');
  });
});

describe('serve --workers 2 --tls', () => {
  it('every worker serves the one certificate the primary made, handed over in the environment, never in argv', async () => {
    const caFile = join(home.home, 'workers-ca.pem');
    const serve = startServe(['--port', '0', '--workers', '2', '--tls', '--tls-ca-file', caFile], home.env);
    const url = await serve.url;
    const ca = new X509Certificate(readFileSync(caFile));
    const seen = new Set<string>();
    for (let i = 0; i < 8; i++) {
      const leaf = new X509Certificate((await peerCertificate(url)).raw);
      expect(leaf.checkIssued(ca)).toBe(true);
      seen.add(leaf.fingerprint256);
    }
    expect(seen.size).toBe(1);
    const workers = readdirSync('/proc')
      .filter((p) => /^\d+$/.test(p))
      .filter((p) => {
        try {
          return readFileSync(`/proc/${p}/stat`, 'utf8').split(') ')[1]!.split(' ')[1] === String(serve.child.pid);
        } catch {
          return false;
        }
      });
    expect(workers).toHaveLength(2);
    for (const pid of workers) {
      const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      expect(argv).toContain('serve');
      expect(argv).not.toMatch(/BEGIN|PRIVATE|CERTIFICATE/);
      expect(readFileSync(`/proc/${pid}/environ`, 'utf8')).toContain('STS_CLI_WORKER_TLS_KEY=-----BEGIN PRIVATE KEY-----');
    }
    const who = await runCli(['whoami', '--endpoint-url', url, '--ca-bundle', caFile], { env: { ...home.env, ...KEYS } });
    expect(who.code, who.stderr).toBe(0);
    expect(await serve.stop()).toBe(0);
    expect(serve.stdout() + serve.stderr()).not.toMatch(/PRIVATE KEY/);
  });
});
