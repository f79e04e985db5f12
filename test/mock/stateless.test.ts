// Stateless tokens: instances (or cluster workers) sharing a signing key accept each other's
// temporary credentials and JWTs; an instance with another key accepts neither.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockSts, type MockSts } from '../../src/mock/index.js';
import { assumeParams, call, credentialsOf, resultOf, ROLE } from './call.js';

const KEY = 'shared-signing-key-shared-signing-key-0123';
let a: MockSts;
let b: MockSts;
let other: MockSts;

beforeAll(async () => {
  [a, b, other] = await Promise.all([startMockSts({ signingKey: KEY }), startMockSts({ signingKey: KEY }), startMockSts({ signingKey: `${KEY}-other` })]);
});
afterAll(async () => Promise.all([a, b, other].map((m) => m?.close())));

const whoami = (url: string, credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }) =>
  call(url, { Action: 'GetCallerIdentity', Version: '2011-06-15' }, { credentials });
const web = (url: string, token: string) =>
  call(
    url,
    { Action: 'AssumeRoleWithWebIdentity', Version: '2011-06-15', RoleArn: ROLE, RoleSessionName: 'web', WebIdentityToken: token },
    { credentials: null },
  );

describe('stateless session tokens and OIDC keys', () => {
  it('temporary credentials from one instance work on another with the same key, chained too', async () => {
    const creds = credentialsOf(await call(a.url, assumeParams()));
    const who = await whoami(b.url, creds);
    expect(who.status).toBe(200);
    expect(resultOf(who).Arn).toBe('arn:aws:sts::123456789012:assumed-role/demo/s1');
    const chained = await call(b.url, assumeParams({ DurationSeconds: '3601' }), { credentials: creds });
    expect(chained.code).toBe('ValidationError');
  });

  it('an instance with another key refuses them as InvalidClientTokenId', async () => {
    const creds = credentialsOf(await call(a.url, assumeParams()));
    expect((await whoami(other.url, creds)).code).toBe('InvalidClientTokenId');
  });

  it('expired temporary credentials are ExpiredToken, on the instance whose clock has passed their expiry', async () => {
    const creds = credentialsOf(await call(a.url, assumeParams({ DurationSeconds: '3600' })));
    b.clock.advance(2 * 3600);
    try {
      const answer = await whoami(b.url, creds);
      expect([answer.status, answer.code]).toEqual([400, 'ExpiredToken']);
      expect((await whoami(a.url, creds)).status).toBe(200); // each instance has its own clock
    } finally {
      b.clock.reset();
    }
  });

  it('a tampered token, a token of another key id, or a missing token is InvalidClientTokenId', async () => {
    const creds = credentialsOf(await call(a.url, assumeParams()));
    const second = credentialsOf(await call(a.url, assumeParams()));
    const flipped = creds.sessionToken!.slice(0, 40) + (creds.sessionToken![40] === 'A' ? 'B' : 'A') + creds.sessionToken!.slice(41);
    expect((await whoami(a.url, { ...creds, sessionToken: flipped })).code).toBe('InvalidClientTokenId');
    expect((await whoami(a.url, { ...creds, sessionToken: second.sessionToken! })).code).toBe('InvalidClientTokenId');
    expect((await whoami(a.url, { accessKeyId: creds.accessKeyId, secretAccessKey: creds.secretAccessKey })).code).toBe('InvalidClientTokenId');
    expect((await whoami(a.url, { ...creds, secretAccessKey: second.secretAccessKey })).code).toBe('SignatureDoesNotMatch');
  });

  it('the secret is not in the session token', async () => {
    const creds = credentialsOf(await call(a.url, assumeParams()));
    const decoded = Buffer.from(creds.sessionToken!, 'base64').toString('latin1');
    expect(decoded).not.toContain(creds.secretAccessKey);
    expect(creds.sessionToken).not.toContain(creds.secretAccessKey);
    expect(decoded).not.toContain('assumed-role');
  });

  it('instances with the same key publish the same JWKS and accept each other’s JWTs', async () => {
    const [jwksA, jwksB, jwksOther] = await Promise.all([a, b, other].map(async (m) => (await fetch(`${m.url}/jwks.json`)).json()));
    expect(jwksA).toEqual(jwksB);
    expect(jwksA).not.toEqual(jwksOther);
    const token = await a.mintWebIdentityToken({ sub: 'ci' });
    expect((await web(b.url, token)).status).toBe(200);
    expect((await web(other.url, token)).code).toBe('InvalidIdentityToken');
  });
});
