// Byte-for-byte cross-check of our signer against two implementations we did not write:
// @smithy/signature-v4 (AWS SDK for JavaScript v3) and botocore's SigV4Auth (AWS CLI, boto3).
import { beforeAll, describe, expect, it } from 'vitest';
import { parseSignature, signRequest, verifySignature, type SignedRequest } from '../../src/sigv4/index.js';
import { botocore, skipWithout } from '../helpers/peers.js';
import { botocoreCase, runBotocore, signableBySmithy, type BotocoreResult } from './botocore.js';
import { generateCases, type GeneratedCase } from './generate.js';
import { smithyRequest, smithySigner } from './smithy.js';

const SEED = 0x5157_4a11;
const COUNT = 300;
const cases = generateCases(SEED, COUNT);

function headerRecord(pairs: Array<[string, string]>): Record<string, string> {
  const record: Record<string, string> = {};
  for (const [name, value] of pairs) record[name] = value;
  return record;
}

function ours(c: GeneratedCase): SignedRequest {
  return signRequest(
    { method: c.method, url: c.url, headers: headerRecord(c.headers), ...(c.body !== undefined ? { body: c.body } : {}) },
    { credentials: c.credentials, region: c.region, service: c.service, now: c.now },
  );
}

function authorizationOf(headers: Record<string, string>): string | undefined {
  return Object.entries(headers).find(([k]) => k.toLowerCase() === 'authorization')?.[1];
}

const signed = cases.map(ours);

describe('our signer on generated requests', () => {
  it(`verifies all ${COUNT} generated requests with verifySignature`, () => {
    let verified = 0;
    for (const [i, request] of signed.entries()) {
      const parsed = parseSignature(request);
      expect(parsed.ok, `case ${i}`).toBe(true);
      if (parsed.ok && verifySignature(request, parsed.value, cases[i]!.credentials.secretAccessKey)) verified++;
    }
    console.log(`sigv4: ${verified}/${COUNT} verified by verifySignature`);
    expect(verified).toBe(COUNT);
  });

  it('covers what the cross-check claims to cover', () => {
    expect(cases.filter((c) => c.method === 'GET').length).toBeGreaterThan(50);
    expect(cases.filter((c) => c.credentials.sessionToken).length).toBeGreaterThan(50);
    expect(cases.filter((c) => c.body === '').length).toBeGreaterThan(30);
    expect(cases.filter((c) => c.port !== undefined && !c.expectedHost.includes(':')).length).toBeGreaterThan(10);
    expect(cases.filter((c) => c.expectedHost.includes(':')).length).toBeGreaterThan(50);
    expect(cases.filter((c) => c.query.some(([, v]) => /[^\x00-\x7f]/.test(v))).length).toBeGreaterThan(30);
    expect(cases.filter((c) => c.headers.some(([, v]) => /\S\s{2,}\S/.test(v))).length).toBeGreaterThan(30);
    expect(cases.filter((c) => c.repeatedHeader).length).toBeGreaterThan(10);
    expect(cases.filter((c) => /\/\.\.?\//.test(c.rawPath)).length).toBeGreaterThan(30);
  });
});

describe('cross-check: @smithy/signature-v4', () => {
  it(`matches the Authorization header of every generated request`, async () => {
    let compared = 0;
    let matched = 0;
    const mismatches: string[] = [];
    for (const [i, c] of cases.entries()) {
      // smithy keeps only the last of two header names differing in case; botocore and we join them.
      if (c.repeatedHeader) continue;
      const theirs = await smithySigner(c).signRequest(smithyRequest(c), { signingDate: c.now });
      compared++;
      const mine = authorizationOf(signed[i]!.headers);
      if (theirs.headers.authorization === mine) matched++;
      else mismatches.push(`case ${i} ${c.url}\n  smithy: ${theirs.headers.authorization}\n  ours:   ${mine}\n${signed[i]!.canonicalRequest}`);
    }
    console.log(`sigv4: ${matched}/${compared} match smithy (${COUNT - compared} with repeated header names left to botocore)`);
    expect(mismatches.slice(0, 3)).toEqual([]);
    expect(compared).toBeGreaterThan(250);
  });

  it('a request smithy signed passes our verifier', async () => {
    let verified = 0;
    // smithy adds `x-amz-security-token` next to a stale `X-Amz-Security-Token` instead of replacing it:
    // such a request carries two tokens on the wire, and no server can tell which one was signed.
    const nonRepeated = cases.filter((c) => !c.repeatedHeader && !c.headers.some(([n]) => n === 'X-Amz-Security-Token'));
    for (const c of nonRepeated) {
      const theirs = await smithySigner(c).signRequest(smithyRequest(c), { signingDate: c.now });
      const request = { method: c.method, url: c.url, headers: theirs.headers as Record<string, string>, ...(c.body !== undefined ? { body: c.body } : {}) };
      const parsed = parseSignature(request);
      if (parsed.ok && verifySignature(request, parsed.value, c.credentials.secretAccessKey)) verified++;
    }
    console.log(`sigv4: ${verified}/${nonRepeated.length} smithy-signed requests verified by verifySignature`);
    expect(verified).toBe(nonRepeated.length);
  });
});

describe.skipIf(skipWithout(botocore()))('cross-check: botocore SigV4Auth', () => {
  let results: BotocoreResult[] = [];

  beforeAll(() => {
    // botocore signs cache-control, from, referer, proxy-*, sec-*…; smithy and we leave them out
    // (a proxy may rewrite them). Give botocore only the headers the JS signers consider signable.
    results = runBotocore(
      cases.map((c) =>
        botocoreCase(
          c,
          c.headers.filter(([name]) => signableBySmithy(name)),
        ),
      ),
    );
  });

  it('matches the Authorization header of every generated request', () => {
    expect(results).toHaveLength(COUNT);
    let matched = 0;
    const mismatches: string[] = [];
    for (const [i, theirs] of results.entries()) {
      const mine = signed[i]!;
      if (theirs.authorization === authorizationOf(mine.headers)) matched++;
      else mismatches.push(`case ${i} ${cases[i]!.strictUrl}\n--- botocore\n${theirs.canonicalRequest}\n--- ours\n${mine.canonicalRequest}`);
    }
    console.log(`sigv4: ${matched}/${COUNT} match botocore`);
    expect(mismatches.slice(0, 3)).toEqual([]);
  });

  it('a request botocore signed passes our verifier', () => {
    let verified = 0;
    for (const [i, theirs] of results.entries()) {
      const c = cases[i]!;
      const headers = headerRecord(theirs.headers);
      // botocore leaves Host to the HTTP client; add it as the wire would carry it.
      if (!theirs.headers.some(([n]) => n.toLowerCase() === 'host')) headers.Host = c.expectedHost;
      const request = { method: c.method, url: c.strictUrl, headers, ...(c.body !== undefined ? { body: c.body } : {}) };
      const parsed = parseSignature(request);
      if (parsed.ok && verifySignature(request, parsed.value, c.credentials.secretAccessKey)) verified++;
    }
    console.log(`sigv4: ${verified}/${COUNT} botocore-signed requests verified by verifySignature`);
    expect(verified).toBe(COUNT);
  });
});
