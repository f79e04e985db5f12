// Presigned URLs (signature in the query) cross-checked against smithy's presign and botocore's
// SigV4QueryAuth, and each side's URL verified by our verifier (what the mock runs).
import { beforeAll, describe, expect, it } from 'vitest';
import { parseSignature, presignUrl, verifySignature, type SignableRequest } from '../../src/sigv4/index.js';
import { botocore, skipWithout } from '../helpers/peers.js';
import { botocoreCase, runBotocore, signableBySmithy, type BotocoreResult } from './botocore.js';
import { generateCases, prng, strictEncode, type GeneratedCase } from './generate.js';
import { smithyRequest, smithySigner } from './smithy.js';

const COUNT = 300;
const rand = prng(7);
// smithy hoists x-amz-* headers into the query where botocore and we sign them as headers: leave them out.
const cases = generateCases(0x9e3779b9, COUNT)
  .filter((c) => !c.repeatedHeader)
  .map((c) => ({
    ...c,
    headers: c.headers.filter(([n]) => !/^(x-amz-|authorization$)/i.test(n)),
    expires: 1 + Math.floor(rand() * 604800),
  }));
type PresignCase = GeneratedCase & { expires: number };

const withHost = (c: GeneratedCase, headers: Record<string, string>) =>
  Object.keys(headers).some((k) => k.toLowerCase() === 'host') ? headers : { ...headers, host: c.expectedHost };

function verifies(c: GeneratedCase, url: string, headers: Record<string, string>): boolean {
  const request: SignableRequest = { method: c.method, url, headers: withHost(c, headers), ...(c.body !== undefined ? { body: c.body } : {}) };
  const parsed = parseSignature(request);
  return parsed.ok && parsed.value.presigned && verifySignature(request, parsed.value, c.credentials.secretAccessKey);
}

const ours = cases.map((c) =>
  presignUrl(
    { method: c.method, url: c.url, headers: Object.fromEntries(c.headers), ...(c.body !== undefined ? { body: c.body } : {}) },
    { credentials: c.credentials, region: c.region, service: c.service, now: c.now, expiresSeconds: c.expires },
  ),
);

describe('presignUrl on generated requests', () => {
  it('every URL we presign passes our verifier', () => {
    const verified = cases.filter((c, i) => verifies(c, ours[i]!, Object.fromEntries(c.headers))).length;
    console.log(`sigv4: ${verified}/${cases.length} presigned URLs verified by verifySignature`);
    expect(verified).toBe(cases.length);
  });
});

describe('presign cross-check: @smithy/signature-v4', () => {
  async function smithyPresign(c: PresignCase) {
    return smithySigner(c).presign(smithyRequest(c), { signingDate: c.now, expiresIn: c.expires });
  }

  it("computes the same X-Amz-Signature, and smithy's URL passes our verifier", async () => {
    let matched = 0;
    let verified = 0;
    const mismatches: string[] = [];
    for (const [i, c] of cases.entries()) {
      const theirs = await smithyPresign(c);
      const mine = new URL(ours[i]!).searchParams.get('X-Amz-Signature');
      if (theirs.query['X-Amz-Signature'] === mine) matched++;
      else mismatches.push(`case ${i} ${ours[i]}`);
      const search = Object.entries(theirs.query)
        .flatMap(([name, value]) => (Array.isArray(value) ? value : [value]).map((v) => `${strictEncode(name)}=${strictEncode(v ?? '')}`))
        .join('&');
      const url = `${c.scheme}://${c.hostname}${c.port !== undefined ? `:${c.port}` : ''}${c.rawPath}?${search}`;
      if (verifies(c, url, theirs.headers as Record<string, string>)) verified++;
    }
    console.log(`sigv4: ${matched}/${cases.length} presigned signatures match smithy, ${verified}/${cases.length} smithy URLs verified`);
    expect(mismatches.slice(0, 3)).toEqual([]);
    expect(verified).toBe(cases.length);
  });
});

describe.skipIf(skipWithout(botocore()))('presign cross-check: botocore SigV4QueryAuth', () => {
  // SigV4QueryAuth moves a body into the query and keeps one value per name (parse_qs → dict):
  // compare where that changes nothing — GET without a body, no repeated query names.
  const subset = cases.map((c, i) => ({ c, i })).filter(({ c }) => c.method === 'GET' && !c.body && new Set(c.query.map(([n]) => n)).size === c.query.length);
  let results: BotocoreResult[] = [];

  beforeAll(() => {
    results = runBotocore(
      subset.map(({ c }) => ({
        ...botocoreCase(
          c,
          c.headers.filter(([n]) => signableBySmithy(n)),
        ),
        presignExpires: c.expires,
      })),
    );
  });

  it("computes the same X-Amz-Signature, and botocore's URL passes our verifier", () => {
    expect(subset.length).toBeGreaterThan(50);
    let matched = 0;
    let verified = 0;
    const mismatches: string[] = [];
    for (const [k, { c, i }] of subset.entries()) {
      const theirs = results[k]!;
      const signature = new URL(theirs.url).searchParams.get('X-Amz-Signature');
      if (signature === new URL(ours[i]!).searchParams.get('X-Amz-Signature')) matched++;
      else mismatches.push(`case ${i} ${theirs.url}\n--- botocore\n${theirs.canonicalRequest}`);
      if (verifies(c, theirs.url, Object.fromEntries(theirs.headers))) verified++;
    }
    console.log(`sigv4: ${matched}/${subset.length} presigned signatures match botocore, ${verified}/${subset.length} botocore URLs verified`);
    expect(mismatches.slice(0, 3)).toEqual([]);
    expect(verified).toBe(subset.length);
  });
});
