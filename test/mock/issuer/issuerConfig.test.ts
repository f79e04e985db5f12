// The config keys of the mock's issuer (issuer, oidcAlgorithm, github): each bad value is one
// sentence naming the key, exit 2, before anything listens.
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/errors.js';
import { startMockSts, validateMockConfig } from '../../../src/mock/index.js';

const refusal = (data: unknown) => {
  try {
    validateMockConfig(data, 'mock.json');
  } catch (error) {
    return error as UsageError;
  }
  throw new Error('accepted');
};

describe('issuer config keys', () => {
  it.each([
    [{ issuer: 'token.actions.githubusercontent.com' }, 'issuer must be an http(s) URL'],
    [{ issuer: 'https://sts.example.test/' }, 'issuer must be an http(s) URL without a query, fragment or trailing slash'],
    [{ issuer: 'https://sts.example.test?x=1' }, 'issuer must be an http(s) URL'],
    [{ issuer: 'https://user:pw@sts.example.test' }, 'issuer must be an http(s) URL'],
    [{ oidcAlgorithm: 'ES256' }, 'oidcAlgorithm must be one of RS256, EdDSA'],
    [{ github: 'octo-org' }, 'github must be an object'],
    [{ github: { repo: 'a/b' } }, 'github has an unknown field "repo"'],
    [{ github: { run_id: 42 } }, 'github.run_id must be a string'],
    [{ github: { repository: 'octo-repo' } }, 'github.repository must be OWNER/REPO'],
    [{ github: { requestToken: '' } }, 'github.requestToken must not be empty'],
  ])('%j is refused: %s', (data, words) => {
    const error = refusal(data);
    expect(error).toBeInstanceOf(UsageError);
    expect(error.exitCode).toBe(2);
    expect(error.message).toContain(`Invalid mock config mock.json: ${words}`);
  });

  it('accepts what it documents', () => {
    expect(
      validateMockConfig({ issuer: 'http://127.0.0.1:8900', oidcAlgorithm: 'EdDSA', github: { requestToken: 't', repository: 'a/b', environment: 'prod' } }),
    ).toEqual({ issuer: 'http://127.0.0.1:8900', oidcAlgorithm: 'EdDSA', github: { requestToken: 't', repository: 'a/b', environment: 'prod' } });
  });

  it('the issuer option overrides the config’s, and a bad one is refused at start', async () => {
    const mock = await startMockSts({ issuer: 'https://a.example.test', config: { issuer: 'https://b.example.test' } });
    try {
      expect(mock.issuer).toBe('https://a.example.test');
      const discovery = (await (await fetch(`${mock.url}/.well-known/openid-configuration`)).json()) as Record<string, unknown>;
      expect(discovery.issuer).toBe('https://a.example.test');
    } finally {
      await mock.close();
    }
    await expect(startMockSts({ issuer: 'ftp://x' })).rejects.toThrow('The issuer (--issuer) must be an http(s) URL');
  });
});
