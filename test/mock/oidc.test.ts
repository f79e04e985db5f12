// The mock as an OIDC issuer (discovery, JWKS, /oidc/token) and as a verifier of its own and
// configured issuers' tokens, with the role's trust deciding on audience and subject.
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLocalJWKSet, exportJWK, jwtVerify, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockSts, type MockSts } from '../../src/mock/index.js';
import { call, FORM } from './call.js';

const IDP = 'https://idp.example.test';
const CI_ROLE = 'arn:aws:iam::123456789012:role/ci';
const EXT_ROLE = 'arn:aws:iam::123456789012:role/external';
const REMOTE_ROLE = 'arn:aws:iam::123456789012:role/remote';
const USER_ROLE = 'arn:aws:iam::123456789012:role/users-only';

let plain: MockSts;
let remoteIssuer: MockSts;
let configured: MockSts;
let dir: string;
const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'mock-oidc-'));
  writeFileSync(join(dir, 'jwks.json'), JSON.stringify({ keys: [{ ...(await exportJWK(publicKey)), kid: 'idp-1', alg: 'ES256' }] }));
  [plain, remoteIssuer] = await Promise.all([startMockSts(), startMockSts()]);
  configured = await startMockSts({
    config: {
      roles: [
        { arn: CI_ROLE, trust: { oidc: [{ issuer: 'self', audiences: ['ci'], subjects: ['repo:org/*'] }] } },
        { arn: EXT_ROLE, maxSessionDuration: 7200, trust: { oidc: [{ issuer: IDP }] } },
        { arn: REMOTE_ROLE, trust: { oidc: [{ issuer: remoteIssuer.url, audiences: ['sts-cli'] }] } },
        { arn: USER_ROLE, trust: { users: ['test'] } },
      ],
      oidcProviders: [
        { issuer: IDP, jwksFile: join(dir, 'jwks.json') },
        { issuer: remoteIssuer.url, jwksUrl: `${remoteIssuer.url}/jwks.json` },
      ],
    },
  });
});
afterAll(async () => {
  await Promise.all([plain, remoteIssuer, configured].map((m) => m?.close()));
  rmSync(dir, { recursive: true, force: true });
});

const web = (url: string, roleArn: string, token: string, extra: Record<string, string> = {}) =>
  call(
    url,
    { Action: 'AssumeRoleWithWebIdentity', Version: '2011-06-15', RoleArn: roleArn, RoleSessionName: 'web', WebIdentityToken: token, ...extra },
    { credentials: null },
  );
const idpToken = (claims: Record<string, unknown>, configure: (j: SignJWT) => SignJWT = (j) => j.setExpirationTime('1h')) =>
  configure(new SignJWT(claims).setProtectedHeader({ alg: 'ES256', kid: 'idp-1' }).setIssuer(IDP).setAudience('anything').setSubject('svc')).sign(privateKey);

describe('the mock as OIDC issuer', () => {
  it('publishes discovery and JWKS, and POST /oidc/token answers a bare JWT they verify', async () => {
    const discovery = await (await fetch(`${plain.url}/.well-known/openid-configuration`)).json();
    expect(discovery).toMatchObject({ issuer: plain.url, jwks_uri: `${plain.url}/jwks.json` });
    const jwks = await (await fetch(discovery.jwks_uri)).json();
    expect(jwks.keys[0]).toMatchObject({ kty: 'RSA', e: 'AQAB', alg: 'RS256', use: 'sig' });
    expect(jwks.keys[0].kid).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(jwks.keys[0].x5c).toHaveLength(1);
    const response = await fetch(`${plain.url}/oidc/token`, {
      method: 'POST',
      headers: { 'content-type': FORM },
      body: 'sub=ci&aud=a1&aud=a2&expires_in=60&repo=org%2Fx',
    });
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    const token = await response.text();
    const { payload } = await jwtVerify(token, createLocalJWKSet(jwks), { issuer: plain.url });
    expect(payload).toMatchObject({ sub: 'ci', aud: ['a1', 'a2'], repo: 'org/x' });
    expect(payload.exp! - payload.iat!).toBe(60);
    const byDefault = await jwtVerify(
      await (await fetch(`${plain.url}/oidc/token`, { method: 'POST', body: new URLSearchParams({ sub: 'x' }) })).text(),
      createLocalJWKSet(jwks),
    );
    expect(byDefault.payload.aud).toBe('sts-cli');
    expect(byDefault.payload.exp! - byDefault.payload.iat!).toBe(3600);
  });

  it('refuses /oidc/token without sub or with a bad expires_in, as XML 4xx', async () => {
    const noSub = await fetch(`${plain.url}/oidc/token`, { method: 'POST', headers: { 'content-type': FORM }, body: 'aud=x' });
    expect(noSub.status).toBe(400);
    expect(await noSub.text()).toContain('<Code>MissingParameter</Code>');
    const bad = await fetch(`${plain.url}/oidc/token`, { method: 'POST', headers: { 'content-type': FORM }, body: 'sub=x&expires_in=soon' });
    expect(bad.status).toBe(400);
  });
});

describe('trust of web identities', () => {
  it('checks the role’s audiences and subjects for its own tokens', async () => {
    const ok = await web(configured.url, CI_ROLE, await configured.mintWebIdentityToken({ sub: 'repo:org/app', aud: 'ci' }));
    expect(ok.status).toBe(200);
    const wrongAud = await web(configured.url, CI_ROLE, await configured.mintWebIdentityToken({ sub: 'repo:org/app', aud: 'other' }));
    expect([wrongAud.status, wrongAud.code]).toEqual([400, 'InvalidIdentityToken']);
    const wrongSub = await web(configured.url, CI_ROLE, await configured.mintWebIdentityToken({ sub: 'repo:evil/app', aud: 'ci' }));
    expect([wrongSub.status, wrongSub.code]).toEqual([403, 'IDPRejectedClaim']);
    const notTrusted = await web(configured.url, USER_ROLE, await configured.mintWebIdentityToken({ sub: 'repo:org/app', aud: 'ci' }));
    expect([notTrusted.status, notTrusted.code]).toEqual([403, 'AccessDenied']);
    const unknownRole = await web(configured.url, 'arn:aws:iam::123456789012:role/nope', await configured.mintWebIdentityToken({ sub: 'x', aud: 'ci' }));
    expect([unknownRole.status, unknownRole.code]).toEqual([403, 'AccessDenied']);
  });

  it('verifies a configured issuer’s tokens against its JWKS file: signature, exp, nbf, iss', async () => {
    const ok = await web(configured.url, EXT_ROLE, await idpToken({}), { DurationSeconds: '7200' });
    expect(ok.status).toBe(200);
    const expired = await web(configured.url, EXT_ROLE, await idpToken({}, (j) => j.setExpirationTime(Math.floor(Date.now() / 1000) - 10)));
    expect([expired.status, expired.code]).toEqual([400, 'ExpiredTokenException']);
    const early = await web(configured.url, EXT_ROLE, await idpToken({}, (j) => j.setExpirationTime('2h').setNotBefore('1h')));
    expect(early.code).toBe('InvalidIdentityToken');
    const forged = await new SignJWT({})
      .setProtectedHeader({ alg: 'ES256', kid: 'idp-1' })
      .setIssuer(IDP)
      .setSubject('svc')
      .setExpirationTime('1h')
      .sign(generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey);
    expect((await web(configured.url, EXT_ROLE, forged)).code).toBe('InvalidIdentityToken');
    const stranger = await new SignJWT({})
      .setProtectedHeader({ alg: 'ES256', kid: 'idp-1' })
      .setIssuer('https://stranger.test')
      .setSubject('svc')
      .setExpirationTime('1h')
      .sign(privateKey);
    expect((await web(configured.url, EXT_ROLE, stranger)).code).toBe('InvalidIdentityToken');
    const tooLong = await web(configured.url, EXT_ROLE, await idpToken({}), { DurationSeconds: '7201' });
    expect(tooLong.code).toBe('ValidationError');
  });

  it('fetches a configured issuer’s JWKS by URL', async () => {
    const ok = await web(configured.url, REMOTE_ROLE, await remoteIssuer.mintWebIdentityToken({ sub: 'remote' }));
    expect(ok.status).toBe(200);
    const ownToken = await web(configured.url, REMOTE_ROLE, await configured.mintWebIdentityToken({ sub: 'remote' }));
    expect(ownToken.code).toBe('AccessDenied');
  });
});
