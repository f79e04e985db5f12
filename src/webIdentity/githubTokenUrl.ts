// The URL a GitHub Actions job asks its OIDC token from: the runner's
// ACTIONS_ID_TOKEN_REQUEST_URL with `audience=AUD` appended, as actions/toolkit's getIDToken does.
// Pure.

/**
 * `requestUrl` with `audience` appended to its query: after `&` when it has one
 * (`…/idtoken?api-version=2.0&audience=…`), after `?` when it has none. The rest of the URL is
 * kept byte for byte (the runner's URL is opaque); a fragment stays last. Undefined when it is not
 * an http(s) URL.
 */
export function githubTokenUrl(requestUrl: string, audience: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(requestUrl);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return undefined;
  const hashAt = requestUrl.indexOf('#');
  const base = hashAt === -1 ? requestUrl : requestUrl.slice(0, hashAt);
  const fragment = hashAt === -1 ? '' : requestUrl.slice(hashAt);
  const separator = !base.includes('?') ? '?' : base.endsWith('?') || base.endsWith('&') ? '' : '&';
  return `${base}${separator}audience=${encodeURIComponent(audience)}${fragment}`;
}
