// The path and query of a request URL as the WHATWG parser sees them. A verifier meets the same
// URL on every call (`http://host:port/`), so query-less URLs are memoised (bounded); a URL with a
// query is parsed every time, since it may carry a presigned signature or token no cache should keep.
import { BoundedCache } from '../boundedCache.js';

export interface UrlParts {
  pathname: string;
  /** `?…` or empty, as `URL.search`. */
  search: string;
}

const cache = new BoundedCache<string, UrlParts>(256);

export function urlParts(url: string): UrlParts {
  const cacheable = url.length <= 2048 && !url.includes('?');
  if (cacheable) {
    const hit = cache.get(url);
    if (hit) return hit;
  }
  const parsed = new URL(url);
  const parts: UrlParts = { pathname: parsed.pathname, search: parsed.search };
  if (cacheable) cache.set(url, parts);
  return parts;
}
