// Reading a JWT without trusting it: the shape check of fetched tokens, and what doctor decodes.
import { describe, expect, it } from 'vitest';
import { audiences, dateClaim, readJwt, stringClaim } from '../../src/webIdentity/readJwt.js';
import { stableClaims } from '../../src/webIdentity/stableClaims.js';
import { handMadeJwt } from '../helpers/fakeGithubTokenService.js';

const b64 = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

describe('readJwt', () => {
  it('reads the header, the claims, what the signature covers and the signature', () => {
    const token = handMadeJwt({ iss: 'https://issuer.example', sub: 'repo:o/r:ref:refs/heads/main', aud: 'sts.amazonaws.com', exp: 1_800_000_000 });
    const reading = readJwt(token);
    expect(reading.ok).toBe(true);
    if (!reading.ok) return;
    expect(reading.jwt.header).toEqual({ alg: 'RS256', kid: 'k1', typ: 'JWT' });
    expect(stringClaim(reading.jwt.payload, 'sub')).toBe('repo:o/r:ref:refs/heads/main');
    expect(dateClaim(reading.jwt.payload, 'exp')?.toISOString()).toBe('2027-01-15T08:00:00.000Z');
    expect(audiences(reading.jwt.payload)).toEqual(['sts.amazonaws.com']);
    expect(reading.jwt.signingInput).toBe(token.split('.').slice(0, 2).join('.'));
    expect(reading.jwt.signature.toString()).toBe('not-a-real-signature');
  });

  it('audiences: one string or a list', () => {
    expect(audiences({ aud: ['a', 'b', 3] })).toEqual(['a', 'b']);
    expect(audiences({})).toEqual([]);
  });

  it.each([
    ['no dots', 'abcdef', 'it has 1 part, not 3 separated by dots'],
    ['two parts', 'a.b', 'it has 2 parts, not 3 separated by dots'],
    ['an encrypted JWT', 'a.b.c.d.e', 'it is an encrypted JWT (JWE), not a signed one'],
    ['a header that is not base64url', `a+b.${b64({})}.c`, 'its header is not base64url-encoded JSON'],
    ['a header that is not JSON', `${b64('nope')}.${b64({})}.c`, 'its header is not base64url-encoded JSON'],
    ['a header without alg', `${b64({ typ: 'JWT' })}.${b64({})}.c`, 'its header names no algorithm (alg)'],
    ['claims that are a list', `${b64({ alg: 'RS256' })}.${b64([1])}.c`, 'its claims are not a base64url-encoded JSON object'],
    ['an empty claims part', `${b64({ alg: 'RS256' })}..c`, 'its claims are not a base64url-encoded JSON object'],
    ['a signature with padding', `${b64({ alg: 'RS256' })}.${b64({})}.c==`, 'its signature is not base64url'],
  ])('refuses %s, quoting nothing of it', (_name, token, problem) => {
    const reading = readJwt(token);
    expect(reading).toEqual({ ok: false, problem });
  });

  it('an OAuth access token (opaque) is not a JWT', () => {
    expect(readJwt('ya29.a0AfH6SMBx-opaque-access-token').ok).toBe(false);
  });
});

describe('stableClaims', () => {
  it('drops what changes at every issue and keeps everything that names the caller', () => {
    const claims = {
      iss: 'https://token.actions.githubusercontent.com',
      sub: 'repo:octo-org/octo-repo:ref:refs/heads/main',
      aud: 'sts.amazonaws.com',
      repository: 'octo-org/octo-repo',
      actor: 'octocat',
      run_id: '42',
      iat: 1,
      nbf: 1,
      exp: 301,
      jti: 'a-unique-id',
    };
    expect(stableClaims(claims)).toEqual({
      iss: claims.iss,
      sub: claims.sub,
      aud: claims.aud,
      repository: claims.repository,
      actor: 'octocat',
      run_id: '42',
    });
  });
});
