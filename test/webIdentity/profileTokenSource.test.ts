// A web identity profile's token source, from the profile as resolveProfile reads it, then read as
// the flags' sources are: the token process runs by the shell and fails naming the profile's key.
import { describe, expect, it } from 'vitest';
import { resolveProfile } from '../../src/credentials/resolveProfile.js';
import type { SharedConfigFiles, WebIdentitySource } from '../../src/credentials/profileTypes.js';
import { obtainToken } from '../../src/webIdentity/obtainToken.js';
import { profileTokenSource } from '../../src/webIdentity/profileTokenSource.js';
import { handMadeJwt } from '../helpers/fakeGithubTokenService.js';

const ROLE = 'arn:aws:iam::123456789012:role/ci';
function files(config: Record<string, Record<string, string>>): SharedConfigFiles {
  return { credentials: new Map(), config: new Map(Object.entries(config)), credentialsPath: '/home/u/.aws/credentials', configPath: '/home/u/.aws/config' };
}
function webIdentityOf(name: string, config: Record<string, Record<string, string>>): WebIdentitySource {
  const resolved = resolveProfile(name, files(config));
  if (resolved.source.type !== 'web-identity') throw new Error(`not a web identity profile: ${resolved.source.type}`);
  return resolved.source;
}

describe('profileTokenSource', () => {
  it('web_identity_token_process: a process named by its key and profile; web_identity_token_file: a file', () => {
    const proc = webIdentityOf('ci', { 'profile ci': { role_arn: ROLE, web_identity_token_process: 'buildkite-agent oidc request-token' } });
    expect(profileTokenSource(proc)).toEqual({
      kind: 'process',
      command: 'buildkite-agent oidc request-token',
      origin: 'web_identity_token_process of profile ci',
    });
    const file = webIdentityOf('k8s', { 'profile k8s': { role_arn: ROLE, web_identity_token_file: '/var/run/secrets/token' } });
    expect(profileTokenSource(file)).toEqual({ kind: 'file', path: '/var/run/secrets/token' });
  });

  it('the process is run at each read, and its failures name the profile key', async () => {
    const token = handMadeJwt({ iss: 'https://agent.buildkite.com', sub: 'organization:o:pipeline:p' });
    const source = profileTokenSource(webIdentityOf('ci', { 'profile ci': { role_arn: ROLE, web_identity_token_process: 'printf %s "$T"' } }));
    const options = { env: { PATH: process.env.PATH, T: token }, timeoutMs: 5000, userAgent: 't', accessTokenAllowed: false };
    expect(await obtainToken(source, options)).toBe(token);
    const failing = profileTokenSource(webIdentityOf('ci', { 'profile ci': { role_arn: ROLE, web_identity_token_process: 'exit 9' } }));
    await expect(obtainToken(failing, options)).rejects.toMatchObject({
      exitCode: 3,
      message: 'The token process exit (web_identity_token_process of profile ci) exited with code 9.',
    });
  });
});
