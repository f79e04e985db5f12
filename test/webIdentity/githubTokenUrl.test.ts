// The runner's token URL with the audience appended, whatever the URL's query looks like.
import { describe, expect, it } from 'vitest';
import { githubTokenUrl } from '../../src/webIdentity/githubTokenUrl.js';

describe('githubTokenUrl', () => {
  it.each([
    [
      'the runner URL (a query already)',
      'https://pipelines.actions.githubusercontent.com/abc/idtoken?api-version=2.0',
      'https://pipelines.actions.githubusercontent.com/abc/idtoken?api-version=2.0&audience=sts.amazonaws.com',
    ],
    ['a URL without a query', 'http://127.0.0.1:8900/oidc/github', 'http://127.0.0.1:8900/oidc/github?audience=sts.amazonaws.com'],
    ['a URL ending in ?', 'http://127.0.0.1:8900/oidc/github?', 'http://127.0.0.1:8900/oidc/github?audience=sts.amazonaws.com'],
    ['a URL ending in &', 'http://127.0.0.1:8900/oidc/github?a=1&', 'http://127.0.0.1:8900/oidc/github?a=1&audience=sts.amazonaws.com'],
    ['a fragment', 'http://h/x?a=1#frag', 'http://h/x?a=1&audience=sts.amazonaws.com#frag'],
    ['an opaque query kept byte for byte', 'http://h/x?b=%2F+c', 'http://h/x?b=%2F+c&audience=sts.amazonaws.com'],
  ])('%s', (_name, url, expected) => {
    expect(githubTokenUrl(url, 'sts.amazonaws.com')).toBe(expected);
  });

  it('encodes the audience', () => {
    expect(githubTokenUrl('http://h/x', 'api://my app/a&b')).toBe('http://h/x?audience=api%3A%2F%2Fmy%20app%2Fa%26b');
  });

  it('is undefined for what is not an http(s) URL', () => {
    expect(githubTokenUrl('not a url', 'a')).toBeUndefined();
    expect(githubTokenUrl('file:///etc/passwd', 'a')).toBeUndefined();
  });
});
