// The canonical request of SigV4, one pure function per part, so tests can assert each stage.
import { rememberingLast } from '../rememberingLast.js';
import { EMPTY_SHA256, UNSIGNABLE_HEADER_PREFIXES, UNSIGNABLE_HEADERS } from './constants.js';
import { sha256Hex } from './sha256.js';
import { uriDecode, uriEncode } from './uri.js';

/**
 * Canonical URI for every service but S3: dot segments and empty segments removed, then each
 * segment of the (already encoded) path encoded once more, as botocore and the JS SDK do.
 */
export function canonicalPath(path: string): string {
  if (path === '/') return path; // every STS request
  const segments: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(segment);
  }
  const leading = path.startsWith('/') ? '/' : '';
  const trailing = segments.length > 0 && path.endsWith('/') ? '/' : '';
  const joined = `${leading}${segments.map(uriEncode).join('/')}${trailing}`;
  return joined === '' ? '/' : joined;
}

/**
 * Canonical query: each name and value decoded then strictly re-encoded, sorted by name then
 * value. `skip` names a parameter left out (the signature of a presigned URL).
 */
export function canonicalQuery(rawQuery: string, skip?: string): string {
  const query = rawQuery.startsWith('?') ? rawQuery.slice(1) : rawQuery;
  if (query === '') return '';
  const pairs: Array<[string, string]> = [];
  for (const part of query.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const name = uriDecode(eq === -1 ? part : part.slice(0, eq));
    if (name === skip) continue;
    const value = eq === -1 ? '' : uriDecode(part.slice(eq + 1));
    pairs.push([uriEncode(name), uriEncode(value)]);
  }
  pairs.sort(([an, av], [bn, bv]) => (an < bn ? -1 : an > bn ? 1 : av < bv ? -1 : av > bv ? 1 : 0));
  return pairs.map(([n, v]) => `${n}=${v}`).join('&');
}

/** Lower-cased header names to sign, sorted: every header the request carries but the unsignable ones (names and prefixes). */
export function headersToSign(headers: Record<string, string>): string[] {
  const names = new Set<string>();
  for (const name of Object.keys(headers)) {
    const lower = name.toLowerCase();
    if (UNSIGNABLE_HEADERS.has(lower) || UNSIGNABLE_HEADER_PREFIXES.some((prefix) => lower.startsWith(prefix))) continue;
    names.add(lower);
  }
  return [...names].sort();
}

/** `name:value\n` for each signed header; values trimmed, inner runs of spaces folded to one. */
export function canonicalHeaders(headers: Record<string, string>, signedHeaders: readonly string[]): string {
  // Only the signed headers' values are normalised; names in any case, repeated names joined in
  // order. Values by the name's first place in the list: a handful of names, no Map per request.
  const values: Array<string | undefined> = new Array(signedHeaders.length);
  for (const name of Object.keys(headers)) {
    // Most names arrive lower-cased already (the mock's, node:http's): no copy made to find those.
    let at = signedHeaders.indexOf(name);
    if (at === -1) at = signedHeaders.indexOf(name.toLowerCase());
    if (at === -1) continue;
    const value = normaliseValue(String(headers[name]));
    const seen = values[at];
    values[at] = seen === undefined ? value : `${seen},${value}`;
  }
  let out = '';
  for (const name of signedHeaders) out += `${name}:${values[signedHeaders.indexOf(name)] ?? ''}\n`;
  return out;
}

// Trim, then fold each run of whitespace to one space; a value with no whitespace but single spaces is kept as is.
function normaliseValue(value: string): string {
  const trimmed = value.trim();
  return /\s\s|[^\S ]/.test(trimmed) ? trimmed.replace(/\s+/g, ' ') : trimmed;
}

export function payloadHash(body: string | Uint8Array | undefined): string {
  if (body === undefined || body.length === 0) return EMPTY_SHA256;
  return sha256Hex(body);
}

export interface CanonicalRequestParts {
  method: string;
  path: string;
  rawQuery: string;
  headers: Record<string, string>;
  signedHeaders: readonly string[];
  payloadHash: string;
  /** Query parameter excluded from the canonical query (a presigned URL's signature). */
  skipQuery?: string;
}

// A verifier is handed the same frozen list of signed headers again and again; a list that can
// still change is joined each time.
const joinFrozen = rememberingLast((signedHeaders: readonly string[]) => signedHeaders.join(';'));

function joinSignedHeaders(signedHeaders: readonly string[]): string {
  return Object.isFrozen(signedHeaders) ? joinFrozen(signedHeaders) : signedHeaders.join(';');
}

export function canonicalRequest(parts: CanonicalRequestParts): string {
  const query = canonicalQuery(parts.rawQuery, parts.skipQuery);
  const headers = canonicalHeaders(parts.headers, parts.signedHeaders);
  return `${parts.method.toUpperCase()}\n${canonicalPath(parts.path)}\n${query}\n${headers}\n${joinSignedHeaders(parts.signedHeaders)}\n${parts.payloadHash}`;
}
