// Deterministic generator of SigV4 requests for the cross-checks against smithy and botocore.
// A fixed seed makes every run sign the same few hundred requests, so a mismatch is reproducible.

/** mulberry32: tiny, fast, good enough to spread cases; not for secrets. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface GeneratedCase {
  id: number;
  method: 'GET' | 'POST';
  scheme: 'http' | 'https';
  hostname: string;
  port: number | undefined;
  /** Host header value derived independently of the code under test: lower-case, default port dropped. */
  expectedHost: string;
  /** Path as written on the wire: percent-encoded, may hold dot segments and double slashes. */
  rawPath: string;
  /** Decoded query pairs, in URL order (repeated names allowed, '' for a name without '='). */
  query: Array<[string, string]>;
  /** The URL given to our signer and smithy: the query written loosely (raw sub-delims, lower-case hex, %7E). */
  url: string;
  /** The same request with the query strictly encoded, as botocore itself builds URLs. */
  strictUrl: string;
  /** Header pairs in order; the same name may appear twice in different cases. */
  headers: Array<[string, string]>;
  repeatedHeader: boolean;
  body: string | undefined;
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  region: string;
  service: string;
  now: Date;
}

const HOSTNAMES = ['sts.amazonaws.com', 'STS.US-East-1.AmazonAWS.com', 'localhost', '127.0.0.1', 'minio.internal', 'rgw.Ceph.example.org'];
const PORTS = [undefined, undefined, 'default', 9000, 8080, 7480, 4566, 443, 80] as const;
const REGIONS = ['us-east-1', 'eu-central-1', 'ap-southeast-2', 'us-gov-west-1', 'default'];
const SERVICES = ['sts', 'iam', 'execute-api', 'monitoring'];
// Wire-form path segments. No '.'/'..' last (a URL parser turns `/a/..` into `/a/`), no %2e.
const SEGMENTS = [
  'sts',
  'v1',
  'minio',
  'UPPER',
  'a-b_c.d',
  '~user',
  '%20space',
  '%41',
  '%2F',
  "x!$&'()*+,;=:@y",
  encodeURIComponent('é日本'),
  encodeURIComponent('😀'),
];
const MIDDLE_ONLY = ['.', '..', ''];
const QUERY_NAMES = ['Action', 'Version', 'a', 'a-b', 'a.b', 'a_b', 'A', 'b', 'ü', '日本', 'sp ace', 'plus+', 'eq=', 'amp&', '~t', '*star', "q'uote"];
const VALUE_CHARS = [...'abcXYZ019-_.~', ' ', ...`!'()*+,;=:@/?&#%$`, 'é', 'ü', '日', '😀', '\t'];
const HEADER_NAMES = ['Content-Type', 'X-Amz-Meta-Foo', 'x-custom-header', 'X-UPPER', 'Accept', 'X-Spaces', 'Content-MD5', 'X-Amz-Target', 'x-empty'];
// Headers no signer signs, plus ones only smithy (and we) leave out.
const UNSIGNED_NAMES = ['User-Agent', 'X-Amzn-Trace-Id', 'Expect', 'Cache-Control', 'Referer', 'Proxy-Authorization', 'Sec-Fetch-Mode'];
const WORDS = ['alpha', 'b', 'application/x-www-form-urlencoded;', 'charset=utf-8', '"quoted  text"', 'x,y', 'k=v', '*/*'];
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Strict SigV4 query encoding, written here independently of src/sigv4. */
export function strictEncode(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

export function generateCases(seed: number, count: number): GeneratedCase[] {
  const rand = prng(seed);
  const int = (n: number) => Math.floor(rand() * n);
  const pick = <T>(list: readonly T[]): T => list[int(list.length)]!;
  const chance = (p: number) => rand() < p;
  const chars = (alphabet: string, n: number) => Array.from({ length: n }, () => alphabet[int(alphabet.length)]).join('');

  // Loose but equivalent query encoding: sub-delims raw, lower-case hex, '~' escaped. '+' stays %2B.
  const looseEncode = (text: string) =>
    [...text]
      .map((c) => {
        if (/[!'()*,;:@/$~=?]/.test(c) && c !== '=' && chance(0.5)) return c === '~' ? '%7E' : c;
        const enc = strictEncode(c);
        return enc.startsWith('%') && chance(0.3) ? enc.toLowerCase() : enc;
      })
      .join('');

  const headerValue = () => {
    if (chance(0.08)) return '';
    const words = Array.from({ length: 1 + int(3) }, () => pick(WORDS));
    const gap = () => pick([' ', '  ', '   ', '\t', ' \t ']);
    const lead = chance(0.3) ? gap() : '';
    const trail = chance(0.3) ? gap() : '';
    return lead + words.join(gap()) + trail;
  };

  const cases: GeneratedCase[] = [];
  for (let id = 0; id < count; id++) {
    const method = chance(0.5) ? 'GET' : 'POST';
    const scheme = chance(0.5) ? 'http' : 'https';
    const hostname = pick(HOSTNAMES);
    const portChoice = pick(PORTS);
    const defaultPort = scheme === 'https' ? 443 : 80;
    const port = portChoice === 'default' ? defaultPort : portChoice;
    const expectedHost = hostname.toLowerCase() + (port !== undefined && port !== defaultPort ? `:${port}` : '');

    const segments: string[] = [];
    for (let i = int(5); i > 0; i--) segments.push(chance(0.25) ? pick(MIDDLE_ONLY) : pick(SEGMENTS));
    if (segments.length > 0 && MIDDLE_ONLY.includes(segments.at(-1)!)) segments.push(pick(SEGMENTS));
    const rawPath = `/${segments.join('/')}${segments.length > 0 && chance(0.2) ? '/' : ''}`;

    const query: Array<[string, string]> = [];
    const valueless = new Set<number>();
    for (let i = int(6); i > 0; i--) {
      if (chance(0.1)) valueless.add(query.length);
      query.push([pick(QUERY_NAMES), valueless.has(query.length) ? '' : Array.from({ length: int(6) }, () => pick(VALUE_CHARS)).join('')]);
    }
    const writeQuery = (encode: (s: string) => string) => query.map(([n, v], i) => (valueless.has(i) ? encode(n) : `${encode(n)}=${encode(v)}`)).join('&');
    const authority = `${scheme}://${hostname}${port !== undefined ? `:${port}` : ''}`;
    const strictQuery = writeQuery(strictEncode);
    const looseQuery = writeQuery(looseEncode);
    const url = `${authority}${rawPath}${looseQuery ? `?${looseQuery}` : ''}`;
    const strictUrl = `${authority}${rawPath}${strictQuery ? `?${strictQuery}` : ''}`;

    const credentials: GeneratedCase['credentials'] = {
      accessKeyId: `AKIA${chars('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16)}`,
      secretAccessKey: chars(B64, 40),
    };
    if (chance(0.4)) credentials.sessionToken = `${chars(B64, 60 + int(300))}==`;

    const headers: Array<[string, string]> = [];
    const used = new Set<string>();
    for (let i = int(5); i > 0; i--) {
      const name = pick(HEADER_NAMES);
      if (used.has(name.toLowerCase())) continue;
      used.add(name.toLowerCase());
      headers.push([chance(0.3) ? name.toUpperCase() : name, headerValue()]);
    }
    if (chance(0.3)) headers.push([pick(UNSIGNED_NAMES), headerValue()]);
    if (chance(0.2)) headers.push([pick(['Host', 'host', 'HOST']), expectedHost]);
    if (chance(0.08)) headers.push(['X-Amz-Content-Sha256', 'UNSIGNED-PAYLOAD']);
    // Left over from an earlier attempt: every signer must replace these, not sign them twice.
    if (chance(0.1)) headers.push(['X-Amz-Date', '20000101T000000Z']);
    if (chance(0.1)) headers.push(['Authorization', 'AWS4-HMAC-SHA256 stale']);
    if (credentials.sessionToken && chance(0.15)) headers.push(['X-Amz-Security-Token', 'stale-token']);
    const repeatedHeader = chance(0.1);
    if (repeatedHeader) headers.push(['x-dup', headerValue()], ['X-Dup', headerValue()]);

    let body: string | undefined;
    const bodyKind = int(4);
    if (bodyKind === 1) body = '';
    else if (bodyKind === 2) body = query.map(([n, v]) => `${strictEncode(n)}=${strictEncode(v)}`).join('&') || 'Action=AssumeRole&Version=2011-06-15';
    else if (bodyKind === 3) body = `{"text": "é日本😀 + & = %20 \\n", "n": ${int(1000)}}`;

    const base = Date.UTC(2015, 0, 1);
    const span = Date.UTC(2035, 0, 1) - base;
    const now = chance(0.1) ? new Date(Date.UTC(2020 + int(10), int(12), 1 + int(28), 23, 59, 59, int(1000))) : new Date(base + Math.floor(rand() * span));

    cases.push({
      id,
      method,
      scheme,
      hostname,
      port,
      expectedHost,
      rawPath,
      query,
      url,
      strictUrl,
      headers,
      repeatedHeader,
      body,
      credentials,
      region: pick(REGIONS),
      service: pick(SERVICES),
      now,
    });
  }
  return cases;
}
