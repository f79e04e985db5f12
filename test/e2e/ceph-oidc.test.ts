// The mock as the OpenID Connect provider of a REAL Ceph radosgw 16.2 (SPEC §9, issue 11 item 5):
// registered with IAM CreateOpenIDConnectProvider (the x5c certificate's SHA-1 thumbprint and the
// client id), a role trusting it, the BUILT binary's assume-web-identity against radosgw with a token
// the mock minted, and the credentials used for S3 by AWS CLI v2. Locally without Ceph these skip
// with a reason; under CI=true they must run (test/helpers/peers.ts).
//
// What radosgw 16.2.15 fetched and required, seen in its log with debug_rgw=20, in the mock's
// request log (the assertions below hold it to those), and with a throw-away issuer serving
// altered JWKS (the variants named below):
// - It looks the provider up by the token's `iss` without the scheme (`oidc_url.127.0.0.1:PORT`):
//   the provider's Url must be exactly the `iss`, and its ARN is arn:aws:iam:::oidc-provider/HOST:PORT.
// - The token's `aud` must be in the provider's ClientIDList, or the call is refused before
//   anything is fetched.
// - Then, on every call (nothing cached): GET ISS/.well-known/openid-configuration, of which it reads
//   only `jwks_uri` ("Cert URL is: …"; any path; the document's `issuer` may even differ), then GET
//   that URL; plain http on loopback is fine; no User-Agent header, `Accept: */*`.
// - From the JWKS it takes the first key's x5c[0] only ("Certificate is: -----BEGIN CERTIFICATE…")
//   and verifies the signature with that certificate's key: RS256 passes; EdDSA is refused even with
//   an Ed25519 certificate; a key without x5c, or the signing key listed second, is AccessDenied;
//   a wrong kid, alg or use, or an `n` of another key next to the right x5c, still passes. exp is
//   enforced. 16.2.15 does not compare the registered thumbprint with the certificate (40 zeros
//   passed; later versions compare): register the SHA-1 of x5c[0], 40 hex digits (colons or SHA-256
//   are refused by CreateOpenIDConnectProvider).
// - The role's trust policy is evaluated: Principal Federated arn:aws:iam:::oidc-provider/HOST:PORT
//   and conditions on HOST:PORT:sub (and :aud); a subject outside the StringLike is AccessDenied.
// - The caller needs the user cap oidc-provider=* to register providers; the federated user becomes
//   `$oidc$SUB` in radosgw's log, and the credentials work for S3 on the same gateway.
import { execFile, execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signRequest } from '../../src/sigv4/index.js';
import { startMockSts, type MockRequestLog, type MockSts } from '../../src/mock/index.js';
import { runCli, tempHome } from '../helpers/cli.js';
import { AWS_CLI_V2, awsCliV2, radosgw, skipWithout } from '../helpers/peers.js';
import { encodeForm, FORM } from '../mock/call.js';
import { startCeph, type RunningCeph } from '../peers/ceph.js';

const skip = skipWithout(radosgw());
const AUDIENCE = 'sts.amazonaws.com';

/** An IAM call to the gateway, signed by our signer for service iam (radosgw checks neither region nor service). */
async function iam(ceph: RunningCeph, params: Record<string, string>): Promise<{ status: number; text: string }> {
  const url = `${ceph.endpoint}/`;
  const body = encodeForm({ Version: '2010-05-08', ...params });
  for (let attempt = 0; ; attempt++) {
    const signed = signRequest(
      { method: 'POST', url, headers: { 'content-type': FORM }, body },
      { credentials: { accessKeyId: ceph.accessKeyId, secretAccessKey: ceph.secretAccessKey }, region: 'us-east-1', service: 'iam', now: new Date() },
    );
    const { host: _host, ...headers } = signed.headers;
    const response = await fetch(url, { method: 'POST', headers, body });
    const text = await response.text();
    // A cap just added may take a moment to reach the gateway's user cache.
    if (response.status === 403 && attempt < 20) {
      await new Promise((r) => setTimeout(r, 250));
      continue;
    }
    return { status: response.status, text };
  }
}

/** SHA-1 of the JWKS's first x5c certificate: what CreateOpenIDConnectProvider's ThumbprintList takes. */
async function thumbprintOf(mock: MockSts): Promise<string> {
  const jwks = (await (await fetch(`${mock.url}/jwks.json`)).json()) as { keys: Array<{ x5c: string[] }> };
  return createHash('sha1').update(Buffer.from(jwks.keys[0]!.x5c[0]!, 'base64')).digest('hex');
}

const hostOf = (mock: MockSts) => mock.url.replace(/^http:\/\//, '');

function aws(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(AWS_CLI_V2, args, { env, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

describe.skipIf(skip)('the mock as OpenID Connect provider of a real Ceph radosgw', () => {
  let ceph: RunningCeph;
  let rs: MockSts;
  let ed: MockSts;
  const fetched: MockRequestLog[] = [];
  const home = tempHome();
  const rsRole = 'arn:aws:iam:::role/MockWebIdentity';
  const edRole = 'arn:aws:iam:::role/MockWebIdentityEdDSA';

  beforeAll(async () => {
    [ceph, rs, ed] = await Promise.all([
      startCeph(),
      startMockSts({ onRequest: (e) => fetched.push(e) }),
      startMockSts({ config: { oidcAlgorithm: 'EdDSA' }, onRequest: (e) => fetched.push(e) }),
    ]);
    execFileSync('radosgw-admin', ['-c', join(ceph.dir, 'ceph.conf'), 'caps', 'add', '--uid', 'sts-tester', '--caps', 'oidc-provider=*'], { stdio: 'ignore' });
    const s3All = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:*'], Resource: ['*'] }] });
    for (const [mock, roleName, condition] of [
      [rs, 'MockWebIdentity', { StringLike: { [`${hostOf(rs)}:sub`]: 'repo:octo-org/*' } }],
      [ed, 'MockWebIdentityEdDSA', undefined],
    ] as const) {
      const thumbprint = await thumbprintOf(mock);
      const arn = `arn:aws:iam:::oidc-provider/${hostOf(mock)}`;
      if (mock === rs && !skipWithout(awsCliV2())) {
        // As the README registers it, with AWS CLI v2.
        const keys = { ...home.env, AWS_ACCESS_KEY_ID: ceph.accessKeyId, AWS_SECRET_ACCESS_KEY: ceph.secretAccessKey };
        const args = ['iam', 'create-open-id-connect-provider', '--endpoint-url', ceph.endpoint, '--region', 'us-east-1', '--output', 'json'];
        const made = await aws([...args, '--url', mock.issuer, '--client-id-list', AUDIENCE, '--thumbprint-list', thumbprint], keys);
        expect(made.code, made.stderr).toBe(0);
        expect(JSON.parse(made.stdout)).toEqual({ OpenIDConnectProviderArn: arn });
      } else {
        const provider = await iam(ceph, {
          Action: 'CreateOpenIDConnectProvider',
          Url: mock.issuer,
          'ClientIDList.member.1': AUDIENCE,
          'ThumbprintList.member.1': thumbprint,
        });
        expect(provider.text).toContain(`<OpenIDConnectProviderArn>${arn}</OpenIDConnectProviderArn>`);
      }
      const trust = {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { Federated: [`arn:aws:iam:::oidc-provider/${hostOf(mock)}`] },
            Action: ['sts:AssumeRoleWithWebIdentity'],
            ...(condition ? { Condition: condition } : {}),
          },
        ],
      };
      expect((await iam(ceph, { Action: 'CreateRole', RoleName: roleName, AssumeRolePolicyDocument: JSON.stringify(trust) })).status).toBe(200);
      expect((await iam(ceph, { Action: 'PutRolePolicy', RoleName: roleName, PolicyName: 'S3All', PolicyDocument: s3All })).status).toBe(200);
    }
  });
  afterAll(async () => {
    await Promise.all([rs?.close(), ed?.close()]);
    await ceph?.stop();
    home.cleanup();
  });

  const assume = async (token: string, roleArn = rsRole) => {
    const file = join(home.home, 'token');
    writeFileSync(file, token);
    return runCli(
      [
        'assume-web-identity',
        '--endpoint-url',
        ceph.endpoint,
        '--role-arn',
        roleArn,
        '--role-session-name',
        'mock-oidc',
        '--web-identity-token-file',
        file,
        '--format',
        'json',
      ],
      { env: home.env },
    );
  };
  /** The paths radosgw fetched from the mocks while `during` ran. */
  const fetchesDuring = async <T>(during: () => Promise<T>): Promise<[T, string[]]> => {
    const from = fetched.length;
    const result = await during();
    return [result, fetched.slice(from).map((e) => `${e.method} ${e.path} ${e.status}`)];
  };

  it('assume-web-identity with an RS256 token the mock minted gives credentials that radosgw’s S3 accepts', async () => {
    const token = await rs.mintWebIdentityToken({ sub: 'repo:octo-org/app', aud: AUDIENCE });
    const [r, paths] = await fetchesDuring(() => assume(token));
    expect(r.stderr).toContain('Assumed arn:aws:sts:::assumed-role/MockWebIdentity/mock-oidc');
    expect(r.code).toBe(0);
    const answer = JSON.parse(r.stdout) as { Credentials: Record<string, string>; SubjectFromWebIdentityToken: string; Audience: string; Provider: string };
    expect(answer).toMatchObject({ SubjectFromWebIdentityToken: 'repo:octo-org/app', Audience: AUDIENCE, Provider: rs.issuer });
    expect(answer.Credentials.AccessKeyId).toMatch(/^[A-Za-z0-9]{19}$/);
    // radosgw fetched the discovery document, then the jwks_uri it names.
    expect(paths).toEqual(['GET /.well-known/openid-configuration 200', 'GET /jwks.json 200']);

    if (skipWithout(awsCliV2())) return;
    const env = {
      ...home.env,
      AWS_ACCESS_KEY_ID: answer.Credentials.AccessKeyId,
      AWS_SECRET_ACCESS_KEY: answer.Credentials.SecretAccessKey,
      AWS_SESSION_TOKEN: answer.Credentials.SessionToken,
    };
    const s3 = ['--endpoint-url', ceph.endpoint, '--region', 'us-east-1', '--output', 'json'];
    const made = await aws(['s3api', 'create-bucket', '--bucket', 'made-with-mock-oidc', ...s3], env);
    expect(made.code, made.stderr).toBe(0);
    const list = await aws(['s3api', 'list-buckets', ...s3], env);
    expect(list.code, list.stderr).toBe(0);
    expect((JSON.parse(list.stdout) as { Buckets: Array<{ Name: string }> }).Buckets.map((b) => b.Name)).toContain('made-with-mock-oidc');
  });

  it('fetches the issuer again on every call, and refuses a subject outside the trust policy’s StringLike', async () => {
    const [r, paths] = await fetchesDuring(async () => assume(await rs.mintWebIdentityToken({ sub: 'repo:evil-org/app', aud: AUDIENCE })));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('AccessDenied');
    expect(paths).toEqual(['GET /.well-known/openid-configuration 200', 'GET /jwks.json 200']);
  });

  it('refuses an audience not in ClientIDList before fetching anything, and an expired token', async () => {
    const [wrongAud, paths] = await fetchesDuring(async () => assume(await rs.mintWebIdentityToken({ sub: 'repo:octo-org/app', aud: 'sts-cli' })));
    expect(wrongAud.code).toBe(1);
    expect(wrongAud.stderr).toContain('AccessDenied');
    expect(paths).toEqual([]);
    const expired = await assume(await rs.mintWebIdentityToken({ sub: 'repo:octo-org/app', aud: AUDIENCE, expiresIn: -60 }));
    expect(expired.code).toBe(1);
  });

  it('refuses EdDSA tokens even with an Ed25519 x5c (why the mock signs RS256 by default)', async () => {
    const [r, paths] = await fetchesDuring(async () => assume(await ed.mintWebIdentityToken({ sub: 'ci', aud: AUDIENCE }), edRole));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('AccessDenied');
    expect(paths).toEqual(['GET /.well-known/openid-configuration 200', 'GET /jwks.json 200']);
  });
});
