// GET /oidc/github: the mock as GitHub Actions' token service (SPEC §9) — the claims a runner's
// token carries, overridable per request and by the config, GitHub's issuer, signed by the mock
// (verified here against its published JWKS, as any relying party would) and trusted by it.
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockSts, type MockRequestLog, type MockSts } from '../../../src/mock/index.js';
import { call } from '../call.js';

const GITHUB = 'https://token.actions.githubusercontent.com';
const REQUEST_TOKEN = 'ghs_runtimeRequestTokenNotForLogs1234567890';
const ACCOUNT = '123456789012';
const DEPLOY = `arn:aws:iam::${ACCOUNT}:role/deploy`;

// The trust policy GitHub's documentation tells people to write for AWS.
const githubPolicy = {
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Principal: { Federated: `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com` },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: {
        StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' },
        StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:octo-org/*:ref:refs/heads/main' },
      },
    },
  ],
};

let open: MockSts;
let guarded: MockSts;
const log: MockRequestLog[] = [];

beforeAll(async () => {
  open = await startMockSts();
  guarded = await startMockSts({
    onRequest: (entry) => log.push(entry),
    config: {
      github: { requestToken: REQUEST_TOKEN, repository: 'octo-org/octo-repo', actor: 'mona', workflow: 'Deploy' },
      roles: [{ arn: DEPLOY, trustPolicy: githubPolicy }],
    },
  });
});
afterAll(async () => {
  await Promise.all([open, guarded].map((m) => m?.close()));
});

async function githubToken(mock: MockSts, query = '', bearer: string | null = 'anything') {
  const response = await fetch(`${mock.url}/oidc/github?api-version=2.0${query}`, bearer === null ? {} : { headers: { authorization: `Bearer ${bearer}` } });
  return { status: response.status, type: response.headers.get('content-type'), body: (await response.json()) as { value?: string; message?: string } };
}

async function claimsOf(mock: MockSts, token: string) {
  // Where Keycloak serves its JWKS: any path works for a relying party that follows jwks_uri or is told it.
  const { payload } = await jwtVerify(token, createRemoteJWKSet(new URL(`${mock.url}/protocol/openid-connect/certs`)), { issuer: GITHUB });
  return payload;
}

const web = (mock: MockSts, token: string, roleArn = DEPLOY) =>
  call(
    mock.url,
    { Action: 'AssumeRoleWithWebIdentity', Version: '2011-06-15', RoleArn: roleArn, RoleSessionName: 'gh', WebIdentityToken: token },
    { credentials: null },
  );

describe('GET /oidc/github', () => {
  it('answers {"value": JWT} with GitHub’s issuer and claims, RS256, 5 minutes, nbf backdated, api-version ignored', async () => {
    const before = Math.floor(Date.now() / 1000);
    const answer = await githubToken(open);
    expect(answer.status).toBe(200);
    expect(answer.type).toMatch(/^application\/json/);
    expect(Object.keys(answer.body)).toEqual(['value']);
    const token = answer.body.value!;
    expect(decodeProtectedHeader(token)).toMatchObject({ alg: 'RS256', typ: 'JWT' });
    const claims = await claimsOf(open, token);
    expect(claims).toMatchObject({
      iss: GITHUB,
      aud: 'sts.amazonaws.com',
      sub: 'repo:octo-org/octo-repo:ref:refs/heads/main',
      repository: 'octo-org/octo-repo',
      repository_owner: 'octo-org',
      ref: 'refs/heads/main',
      ref_type: 'branch',
      workflow: 'CI',
      job_workflow_ref: 'octo-org/octo-repo/.github/workflows/ci.yml@refs/heads/main',
      actor: 'octocat',
      event_name: 'push',
      run_id: '1',
      runner_environment: 'github-hosted',
    });
    expect(claims.sha).toMatch(/^[0-9a-f]{40}$/);
    expect(claims.jti).toMatch(/^[0-9a-f-]{36}$/);
    expect(claims).not.toHaveProperty('environment');
    expect(claims.iat).toBeGreaterThanOrEqual(before);
    expect(claims.exp! - claims.iat!).toBe(300);
    expect(claims.iat! - claims.nbf!).toBe(300);
    // GitHub's claims are strings, as its tokens carry them.
    for (const [name, value] of Object.entries(claims)) if (!['iat', 'nbf', 'exp'].includes(name)) expect(typeof value, name).toBe('string');
  });

  it('takes the audience and any claim from the query; sub follows environment, pull_request and tags as GitHub builds it', async () => {
    const env = await claimsOf(open, (await githubToken(open, '&audience=https%3A%2F%2Fgithub.com%2Focto-org&environment=production')).body.value!);
    expect(env).toMatchObject({ aud: 'https://github.com/octo-org', environment: 'production', sub: 'repo:octo-org/octo-repo:environment:production' });
    const pr = await claimsOf(open, (await githubToken(open, '&event_name=pull_request&ref=refs%2Fpull%2F7%2Fmerge&head_ref=feature')).body.value!);
    expect(pr).toMatchObject({ sub: 'repo:octo-org/octo-repo:pull_request', ref: 'refs/pull/7/merge', head_ref: 'feature' });
    const tag = await claimsOf(open, (await githubToken(open, '&repository=acme/app&ref=refs/tags/v1.2.0&workflow=Release')).body.value!);
    expect(tag).toMatchObject({
      sub: 'repo:acme/app:ref:refs/tags/v1.2.0',
      repository_owner: 'acme',
      ref_type: 'tag',
      workflow_ref: 'acme/app/.github/workflows/release.yml@refs/tags/v1.2.0',
    });
    const custom = await claimsOf(
      open,
      (await githubToken(open, '&sub=repo:acme/app:job_workflow_ref:acme/shared/.github/workflows/d.yml@refs/heads/main')).body.value!,
    );
    expect(custom.sub).toBe('repo:acme/app:job_workflow_ref:acme/shared/.github/workflows/d.yml@refs/heads/main');
  });

  it('uses the config’s github defaults, the query still winning', async () => {
    const claims = await claimsOf(guarded, (await githubToken(guarded, '&actor=hubot', REQUEST_TOKEN)).body.value!);
    expect(claims).toMatchObject({
      repository: 'octo-org/octo-repo',
      actor: 'hubot',
      workflow: 'Deploy',
      job_workflow_ref: 'octo-org/octo-repo/.github/workflows/deploy.yml@refs/heads/main',
    });
  });

  it('needs an Authorization: Bearer header, and the configured request token when there is one; 401 in JSON otherwise, nothing logged of it', async () => {
    expect((await githubToken(open, '', null)).status).toBe(401);
    expect((await githubToken(open, '', 'any-value')).status).toBe(200);
    const missing = await githubToken(guarded, '', null);
    expect([missing.status, missing.body.value]).toEqual([401, undefined]);
    expect(missing.body.message).toMatch(/ACTIONS_ID_TOKEN_REQUEST_TOKEN/);
    const wrong = await githubToken(guarded, '', `${REQUEST_TOKEN}x`);
    expect(wrong.status).toBe(401);
    expect((await githubToken(guarded, '', REQUEST_TOKEN)).status).toBe(200);
    const refusals = log.filter((e) => e.path === '/oidc/github' && e.status === 401);
    expect(refusals.map((e) => [e.code, e.detail])).toEqual([
      ['Unauthorized', 'no Authorization: Bearer header'],
      ['Unauthorized', 'the bearer token is not github.requestToken'],
    ]);
    expect(JSON.stringify(log)).not.toContain(REQUEST_TOKEN.slice(4, 20));
  });
});

describe('the mock trusts the GitHub tokens it signed', () => {
  it('without roles, any role; with GitHub’s documented trust policy, main of the org but not another branch', async () => {
    const anyRole = await web(open, (await githubToken(open)).body.value!, 'arn:aws:iam::123456789012:role/any');
    expect(anyRole.status).toBe(200);
    expect(anyRole.text).toContain('<Provider>token.actions.githubusercontent.com</Provider>');
    expect(anyRole.text).toContain('<SubjectFromWebIdentityToken>repo:octo-org/octo-repo:ref:refs/heads/main</SubjectFromWebIdentityToken>');

    expect((await web(guarded, (await githubToken(guarded, '', REQUEST_TOKEN)).body.value!)).status).toBe(200);
    const dev = await web(guarded, (await githubToken(guarded, '&ref=refs/heads/dev', REQUEST_TOKEN)).body.value!);
    expect([dev.status, dev.code]).toEqual([403, 'AccessDenied']);
    expect(dev.xml.ErrorResponse.Error.Message).toBe('Not authorized to perform sts:AssumeRoleWithWebIdentity');
    const wrongAudience = await web(guarded, (await githubToken(guarded, '&audience=other', REQUEST_TOKEN)).body.value!);
    expect(wrongAudience.code).toBe('AccessDenied');
    const reasons = log.filter((e) => e.action === 'AssumeRoleWithWebIdentity' && e.status === 403).map((e) => e.detail);
    expect(reasons).toEqual([
      expect.stringContaining(
        'requires StringLike token.actions.githubusercontent.com:sub "repo:octo-org/*:ref:refs/heads/main" and saw "repo:octo-org/octo-repo:ref:refs/heads/dev"',
      ),
      expect.stringContaining('requires StringEquals token.actions.githubusercontent.com:aud "sts.amazonaws.com" and saw "other"'),
    ]);
  });

  it('another instance with the same signing key accepts them; one with another key does not', async () => {
    const signingKey = 'shared signing key of two mock instances, 32+ chars';
    const [a, b, stranger] = await Promise.all([
      startMockSts({ signingKey }),
      startMockSts({ signingKey, config: { oidcAlgorithm: 'EdDSA' } }),
      startMockSts(),
    ]);
    try {
      const token = (await githubToken(a)).body.value!;
      expect((await web(b, token)).status).toBe(200);
      expect((await web(stranger, token)).code).toBe('InvalidIdentityToken');
      // b signs EdDSA (its JWKS says so); a still accepts b's tokens.
      const edToken = (await githubToken(b)).body.value!;
      expect(decodeProtectedHeader(edToken).alg).toBe('EdDSA');
      const jwks = (await (await fetch(`${b.url}/jwks.json`)).json()) as { keys: Array<Record<string, unknown>> };
      expect(jwks.keys.map((k) => [k.kty, k.crv, k.alg, k.use, Array.isArray(k.x5c)])).toEqual([['OKP', 'Ed25519', 'EdDSA', 'sig', true]]);
      expect((await web(a, edToken)).status).toBe(200);
    } finally {
      await Promise.all([a, b, stranger].map((m) => m.close()));
    }
  });
});
