// End to end: `sts-cli doctor` (SPEC §9), the built binary against the mock in each flavor,
// moto_server, a closed port, TLS fronts with the right and a wrong CA, a front whose clock is 20
// minutes off, expired credentials, profiles, and web identity tokens from an https issuer; exit
// 0 when nothing failed, 1 otherwise, and never a secret in what it prints.
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type MockSts, startMockSts } from '../../src/mock/index.js';
import { runCli, tempHome } from '../helpers/cli.js';
import { createCertificateAuthority, type Issuer, type Running, startIssuer, startShiftedClock, startTlsFront } from '../helpers/doctorServers.js';
import { type FakeGithubTokenService, REQUEST_TOKEN, startFakeGithubTokenService } from '../helpers/fakeGithubTokenService.js';
import { type Moto, startMoto } from '../helpers/moto.js';
import { motoServer, skipWithout } from '../helpers/peers.js';

interface JsonCheck {
  id: string;
  status: 'passed' | 'warning' | 'failed' | 'skipped';
  detail: string;
  fix?: string;
}
interface JsonReport {
  ok: boolean;
  endpoint: string;
  checks: JsonCheck[];
}

const SECRET = 'doctor-secret-key-0123456789abcdefghijklmn';
let home: ReturnType<typeof tempHome>;
const mocks: Partial<Record<'aws' | 'minio' | 'ceph' | 'ecs', MockSts>> = {};
beforeAll(async () => {
  for (const flavor of ['aws', 'minio', 'ceph', 'ecs'] as const) mocks[flavor] = await startMockSts({ flavor, accessKeyId: 'doctor', secretAccessKey: SECRET });
});
afterAll(async () => {
  await Promise.all(Object.values(mocks).map((m) => m.close()));
});
beforeEach(() => {
  home = tempHome();
});
afterEach(() => home.cleanup());

const keys = () => ({ ...home.env, AWS_ACCESS_KEY_ID: 'doctor', AWS_SECRET_ACCESS_KEY: SECRET });

async function doctor(args: string[], env: NodeJS.ProcessEnv = keys()) {
  const r = await runCli(['doctor', '--format', 'json', ...args], { env, timeoutMs: 60_000 });
  expect(r.stderr, 'doctor reports on stdout only').not.toContain(SECRET);
  expect(r.stdout).not.toContain(SECRET);
  const report = JSON.parse(r.stdout) as JsonReport;
  const check = (id: string) => {
    const found = report.checks.find((c) => c.id === id);
    if (!found) throw new Error(`no check ${id}`);
    return found;
  };
  return { code: r.code, report, check, stdout: r.stdout, stderr: r.stderr };
}

describe('against the mock in each flavor', () => {
  it('aws: every check passes, the dialect is named, whoami answers', async () => {
    const r = await doctor(['--endpoint-url', mocks.aws!.url]);
    expect(r.code).toBe(0);
    expect(r.report.ok).toBe(true);
    expect(r.check('dialect')).toMatchObject({ status: 'passed', detail: expect.stringMatching(/^sts-cli's mock STS \(answering as AWS STS\)/) });
    expect(r.check('identity')).toMatchObject({ status: 'passed', detail: expect.stringContaining('arn:aws:iam::123456789012:user/doctor') });
    expect(r.check('clock').status).toBe('passed');
    expect(r.check('source-credentials').detail).toBe('long-term keys **** from environment');
  });

  it('minio and ceph: named; Ceph has no GetCallerIdentity, a warning and still exit 0', async () => {
    const minio = await doctor(['--endpoint-url', mocks.minio!.url]);
    expect(minio.code).toBe(0);
    expect(minio.check('dialect').detail).toMatch(/^sts-cli's mock STS \(answering as MinIO\)/);
    const ceph = await doctor(['--endpoint-url', mocks.ceph!.url]);
    expect(ceph.code).toBe(0);
    expect(ceph.check('dialect').detail).toMatch(/^sts-cli's mock STS \(answering as Ceph RGW\): .*radosgw's request ids/);
    expect(ceph.check('identity')).toMatchObject({ status: 'warning', detail: 'the endpoint does not offer GetCallerIdentity (MethodNotAllowed)' });
  });

  it('ecs: with --auth ecs-token all passes; signing with keys instead is pointed at --auth ecs-token', async () => {
    const ecs = await doctor(['--endpoint-url', mocks.ecs!.url, '--auth', 'ecs-token'], { ...home.env, ECS_AUTH_TOKEN: 'test' });
    expect(ecs.code).toBe(0);
    expect(ecs.check('dialect').detail).toMatch(/^sts-cli's mock STS \(answering as Dell ECS\)/);
    expect(ecs.check('identity').detail).toContain('urn:ecs:iam::s3:user/');
    expect(ecs.stdout).not.toMatch(/"test"/);
    const signed = await doctor(['--endpoint-url', mocks.ecs!.url]);
    expect(signed.code).toBe(1);
    expect(signed.check('dialect')).toMatchObject({ status: 'warning', fix: 'Dell ECS wants --auth ecs-token with --auth-token (or ECS_AUTH_TOKEN).' });
  });
});

describe.skipIf(skipWithout(motoServer()))('against moto_server', () => {
  let moto: Moto;
  beforeAll(async () => {
    moto = await startMoto();
  });
  afterAll(() => moto?.stop());

  it('recognised by its answers; its GetCallerIdentity names the moto user', async () => {
    const r = await doctor(['--endpoint-url', moto.url], { ...home.env, AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE', AWS_SECRET_ACCESS_KEY: SECRET });
    expect(r.code).toBe(0);
    expect(r.check('dialect')).toMatchObject({ status: 'passed', detail: expect.stringMatching(/^moto: /) });
    expect(r.check('identity').detail).toContain('arn:aws:sts::123456789012:user/moto');
  });
});

describe('the way to the endpoint', () => {
  it('a closed port: TCP fails with its fix, later checks are skipped, exit 1; text output too', async () => {
    const r = await doctor(['--endpoint-url', 'http://127.0.0.1:9']);
    expect(r.code).toBe(1);
    expect(r.check('dns').status).toBe('passed');
    expect(r.check('tcp')).toEqual({
      id: 'tcp',
      title: 'TCP',
      status: 'failed',
      detail: 'nothing accepts connections on 127.0.0.1:9 (connection refused)',
      fix: 'Start the server, or correct the port in the endpoint URL.',
    });
    for (const id of ['tls', 'http', 'dialect', 'clock', 'identity']) expect(r.check(id).status).toBe('skipped');
    const text = await runCli(['doctor', '--endpoint-url', 'http://127.0.0.1:9'], { env: keys() });
    expect(text.code).toBe(1);
    expect(text.stdout).toMatch(/^failed {3}TCP {17}nothing accepts connections on 127\.0\.0\.1:9 \(connection refused\)\n {29}fix: Start the server/m);
    expect(text.stdout).toMatch(/\d+ passed, 0 warnings, 1 failed, \d+ skipped\.\n$/);
  });

  it('a host name that does not resolve', async () => {
    const r = await doctor(['--endpoint-url', 'https://sts.no-such-host.invalid', '--timeout', '5']);
    expect(r.code).toBe(1);
    expect(r.check('dns')).toMatchObject({ status: 'failed', detail: expect.stringMatching(/^sts\.no-such-host\.invalid (does not resolve|did not resolve)/) });
  });

  describe('TLS', () => {
    const ca = createCertificateAuthority({ commonName: 'doctor test CA' });
    const otherCa = createCertificateAuthority({ commonName: 'some other CA' });
    let front: Running;
    let misnamed: Running;
    let caFile: string;
    let otherCaFile: string;
    beforeAll(async () => {
      front = await startTlsFront(mocks.aws!.url, ca);
      misnamed = await startTlsFront(mocks.aws!.url, ca, ['localhost']);
    });
    afterAll(async () => {
      await front.close();
      await misnamed.close();
    });
    beforeEach(() => {
      caFile = join(home.home, 'ca.pem');
      otherCaFile = join(home.home, 'other-ca.pem');
      writeFileSync(caFile, ca.certPem);
      writeFileSync(otherCaFile, otherCa.certPem);
    });

    it('with the CA that signed it: trusted, valid for the host, and the STS behind it answers', async () => {
      const r = await doctor(['--endpoint-url', front.url, '--ca-bundle', caFile]);
      expect(r.check('tls')).toMatchObject({
        status: 'passed',
        detail: expect.stringMatching(
          /^certificate for 127\.0\.0\.1 issued by doctor test CA, valid until \d{4}-\d\d-\d\d, trusted through .*ca\.pem and valid for 127\.0\.0\.1$/,
        ),
      });
      expect(r.check('identity').status).toBe('passed');
      expect(r.code).toBe(0);
    });

    it('with a wrong CA bundle, or none: failed, and the fix names the bundle', async () => {
      const wrong = await doctor(['--endpoint-url', front.url, '--ca-bundle', otherCaFile]);
      expect(wrong.code).toBe(1);
      expect(wrong.check('tls')).toMatchObject({
        status: 'failed',
        detail: expect.stringMatching(/: not accepted \((UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT_LOCALLY)\)$/),
        fix: `The CA bundle ${otherCaFile} does not hold the CA that signed it: pass the right one with --ca-bundle (or AWS_CA_BUNDLE).`,
      });
      expect(wrong.check('http').status).toBe('skipped');
      const none = await doctor(['--endpoint-url', front.url]);
      expect(none.check('tls')).toMatchObject({ status: 'failed', fix: 'Pass --ca-bundle FILE (or set AWS_CA_BUNDLE) with the CA that signed it.' });
      const unverified = await doctor(['--endpoint-url', front.url, '--no-verify-ssl']);
      expect(unverified.check('tls')).toMatchObject({ status: 'warning', detail: expect.stringContaining('and --no-verify-ssl skips the check') });
      expect(unverified.code).toBe(0);
    });

    it('a certificate for another host name; plain HTTP at an https:// URL', async () => {
      const r = await doctor(['--endpoint-url', misnamed.url, '--ca-bundle', caFile]);
      expect(r.check('tls')).toMatchObject({
        status: 'failed',
        detail: expect.stringContaining('(ERR_TLS_CERT_ALTNAME_INVALID)'),
        fix: expect.stringContaining('Use a host name the certificate names'),
      });
      const plain = await doctor(['--endpoint-url', mocks.aws!.url.replace('http:', 'https:')]);
      expect(plain.check('tls')).toMatchObject({
        status: 'failed',
        detail: expect.stringContaining('does not speak TLS'),
        fix: 'Use http:// in the endpoint URL instead of https://.',
      });
    });
  });

  it('a server whose clock is 20 minutes off fails the clock check; 7 minutes off warns', async () => {
    const behind = await startShiftedClock(mocks.aws!.url, -20 * 60_000);
    const ahead = await startShiftedClock(mocks.aws!.url, 7 * 60_000);
    try {
      const r = await doctor(['--endpoint-url', behind.url]);
      expect(r.check('clock')).toMatchObject({
        status: 'failed',
        detail: expect.stringMatching(/^this machine's clock is (19m 5\d|20m( \ds)?)s? ahead of the server's \(over 15 minutes\)$/),
      });
      expect(r.code).toBe(1);
      const w = await doctor(['--endpoint-url', ahead.url]);
      expect(w.check('clock')).toMatchObject({ status: 'warning', detail: expect.stringContaining('behind the server') });
      expect(w.code).toBe(0);
    } finally {
      await behind.close();
      await ahead.close();
    }
  });
});

describe('files, profiles and credentials', () => {
  it('expired credentials: failed with the command that renews them; whoami is not tried; exit 1', async () => {
    const expired = new Date(Date.now() - 3 * 3600_000).toISOString().replace(/\.\d+Z$/, 'Z');
    mkdirSync(join(home.home, '.aws'), { recursive: true });
    writeFileSync(
      home.credentialsFile,
      `[old]\naws_access_key_id = ASIADOCTOR0000000000\naws_secret_access_key = ${SECRET}\naws_session_token = doctor-session-token-secret\nx_security_token_expires = ${expired}\n`,
    );
    const r = await doctor(['old', '--endpoint-url', mocks.aws!.url], home.env);
    expect(r.code).toBe(1);
    expect(r.check('profile')).toMatchObject({ status: 'passed', detail: expect.stringContaining('old (the argument): temporary keys of profile old') });
    expect(r.check('source-credentials')).toMatchObject({
      status: 'failed',
      detail: expect.stringMatching(/^temporary keys \*\*\*\*0000 from profile old expired 3h ago/),
      fix: 'Run "sts-cli assume --role-arn ROLE_ARN --profile old" again to refresh them.',
    });
    expect(r.check('identity')).toMatchObject({ status: 'skipped', detail: 'no usable source credentials' });
    expect(r.stdout).not.toContain('doctor-session-token-secret');
  });

  it('a role profile: its chain and what signs first; a loop and an unparseable file fail naming the place', async () => {
    mkdirSync(join(home.home, '.aws'), { recursive: true });
    writeFileSync(home.credentialsFile, `[base]\naws_access_key_id = doctor\naws_secret_access_key = ${SECRET}\n`);
    writeFileSync(
      home.configFile,
      `[profile dev]\nrole_arn = arn:aws:iam::123456789012:role/dev\nsource_profile = base\n\n[profile a]\nrole_arn = arn:aws:iam::1:role/a\nsource_profile = b\n[profile b]\nrole_arn = arn:aws:iam::1:role/b\nsource_profile = a\n`,
    );
    const dev = await doctor(['--profile', 'dev', '--endpoint-url', mocks.aws!.url], home.env);
    expect(dev.check('profile').detail).toBe(
      'dev (--profile): role arn:aws:iam::123456789012:role/dev, 1 AssumeRole hop (dev -> base), signed first by long-term keys of profile base (credentials file)',
    );
    expect(dev.check('source-credentials').detail).toBe('long-term keys **** from profile base');
    expect(dev.check('identity').detail).toContain('user/doctor');
    expect(dev.code).toBe(0);
    const loop = await doctor(['a', '--endpoint-url', mocks.aws!.url], home.env);
    expect(loop.check('profile')).toMatchObject({ status: 'failed', detail: 'The source_profile settings form a loop: a -> b -> a' });
    expect(loop.code).toBe(1);
    writeFileSync(home.credentialsFile, '[broken\n');
    const broken = await doctor(['--endpoint-url', mocks.aws!.url], home.env);
    expect(broken.check('credentials-file')).toMatchObject({ status: 'failed', detail: expect.stringContaining('line 1') });
    expect(broken.code).toBe(1);
  });

  it('bad usage is still exit 2', async () => {
    const r = await runCli(['doctor', 'dev', '--profile', 'other'], { env: home.env });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Name the profile once');
    expect((await runCli(['doctor', '--timeout', 'soon'], { env: home.env })).code).toBe(2);
    expect((await runCli(['doctor', '--oidc', 'github', '--web-identity-token-env', 'X'], { env: home.env })).code).toBe(2);
  });
});

describe('a web identity token', () => {
  const ca = createCertificateAuthority({ commonName: 'issuer CA' });
  let issuer: Issuer;
  let caFile: string;
  beforeAll(async () => {
    issuer = await startIssuer(ca);
  });
  afterAll(() => issuer.close());
  beforeEach(() => {
    caFile = join(home.home, 'issuer-ca.pem');
    writeFileSync(caFile, ca.certPem);
  });
  const now = () => Math.floor(Date.now() / 1000);
  const claims = () => ({ sub: 'repo:octo-org/octo-repo:ref:refs/heads/main', aud: 'sts.amazonaws.com', iat: now(), exp: now() + 600 });
  const tokenFile = (token: string) => {
    const file = join(home.home, 'token');
    writeFileSync(file, token);
    return file;
  };
  const sha1 = (der: Buffer) => createHash('sha1').update(der).digest('hex');

  it('from an https issuer: decoded, discovered, its kid published and verifying, and the AWS and Ceph thumbprints', async () => {
    const token = issuer.token(claims());
    const r = await doctor(['--web-identity-token-file', tokenFile(token), '--endpoint-url', mocks.aws!.url, '--ca-bundle', caFile], home.env);
    expect(r.check('source-credentials').status).toBe('skipped');
    expect(r.check('token')).toMatchObject({
      status: 'passed',
      detail: expect.stringMatching(
        new RegExp(
          `^RS256, kid doctor-key-1; iss ${issuer.url.replace(/[.]/g, '\\.')}; sub repo:octo-org/octo-repo:ref:refs/heads/main; aud sts\\.amazonaws\\.com; expires in (9m 5\\ds|10m)`,
        ),
      ),
    });
    expect(r.check('issuer')).toMatchObject({
      status: 'passed',
      detail: `${issuer.url}/.well-known/openid-configuration names this issuer; keys at ${issuer.url}/keys`,
    });
    expect(r.check('token-keys')).toMatchObject({
      status: 'passed',
      detail: "key doctor-key-1 (RSA, RS256, use sig) is published and verifies the token's signature",
    });
    expect(r.check('thumbprints')).toEqual({
      id: 'thumbprints',
      title: 'thumbprints',
      status: 'passed',
      detail: `AWS ${sha1(issuer.serverCertDer)} (127.0.0.1, the top certificate ${new URL(issuer.url).host} sends); Ceph ${sha1(issuer.x5cDer)} (the key's x5c certificate)`,
    });
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain(token);
  });

  it('expired, an unknown kid, a changed claim: each fails with its fix', async () => {
    const expired = await doctor(
      ['--web-identity-token', issuer.token({ ...claims(), exp: now() - 120 }), '--endpoint-url', mocks.aws!.url, '--ca-bundle', caFile],
      home.env,
    );
    expect(expired.check('token')).toMatchObject({
      status: 'failed',
      detail: expect.stringContaining('expired 2m'),
      fix: 'Get a fresh token from --web-identity-token.',
    });
    expect(expired.code).toBe(1);
    const rotated = await doctor(
      ['--web-identity-token', issuer.token(claims(), { kid: 'retired-key' }), '--endpoint-url', mocks.aws!.url, '--ca-bundle', caFile],
      home.env,
    );
    expect(rotated.check('token-keys')).toMatchObject({
      status: 'failed',
      detail: `the token's kid retired-key is not among the keys at ${issuer.url}/keys (doctor-key-1)`,
    });
    const [h, , s] = issuer.token(claims()).split('.');
    const forged = `${h}.${Buffer.from(JSON.stringify({ ...claims(), iss: issuer.url, sub: 'repo:octo-org/octo-repo:ref:refs/heads/admin' })).toString('base64url')}.${s}`;
    const changed = await doctor(['--web-identity-token', forged, '--endpoint-url', mocks.aws!.url, '--ca-bundle', caFile], home.env);
    expect(changed.check('token-keys')).toMatchObject({ status: 'failed', detail: expect.stringContaining('does not verify') });
    const junk = await doctor(['--web-identity-token', 'not-a-token-at-all', '--endpoint-url', mocks.aws!.url], home.env);
    expect(junk.check('token')).toMatchObject({ status: 'failed', detail: expect.stringContaining('is not a JWT') });
    expect(junk.stdout).not.toContain('not-a-token-at-all');
  });

  it("the mock's own token: issuer and keys pass; an http:// issuer gets no AWS thumbprint", async () => {
    const token = await mocks.aws!.mintWebIdentityToken({ sub: 'ci', aud: 'sts.amazonaws.com' });
    const r = await doctor(['--web-identity-token-file', tokenFile(token), '--endpoint-url', mocks.aws!.url], home.env);
    expect(r.check('token')).toMatchObject({ status: 'warning', detail: expect.stringContaining('the issuer is not https://') });
    expect(r.check('issuer').status).toBe('passed');
    expect(r.check('token-keys')).toMatchObject({ status: 'passed', detail: expect.stringContaining("verifies the token's signature") });
    expect(r.check('thumbprints')).toMatchObject({ status: 'warning', detail: expect.stringContaining('AWS registers only https:// providers') });
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain(token);
  });

  describe('--oidc github', () => {
    let runner: FakeGithubTokenService;
    beforeAll(async () => {
      runner = await startFakeGithubTokenService({ mint: (aud) => issuer.token({ ...claims(), aud }) });
    });
    afterAll(() => runner.close());

    it("the runner's token is fetched and checked; neither it nor the request token is printed", async () => {
      const r = await doctor(
        ['--oidc', 'github', '--audience', 'api://AzureADTokenExchange', '--endpoint-url', mocks.aws!.url, '--ca-bundle', caFile, '--debug'],
        {
          ...home.env,
          ...runner.env,
        },
      );
      expect(r.check('token').detail).toContain('aud api://AzureADTokenExchange');
      expect(r.check('token-keys').status).toBe('passed');
      expect(r.code).toBe(0);
      for (const secret of [REQUEST_TOKEN, ...runner.issued]) {
        expect(r.stdout).not.toContain(secret);
        expect(r.stderr).not.toContain(secret);
      }
      const missing = await doctor(['--oidc', 'github', '--endpoint-url', mocks.aws!.url], home.env);
      expect(missing.check('token')).toMatchObject({ status: 'failed', fix: expect.stringContaining('permissions: id-token: write') });
      expect(missing.code).toBe(1);
    });
  });
});
