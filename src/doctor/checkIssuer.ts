// What an STS does with a token before it trusts it (SPEC §9): fetch the issuer's
// /.well-known/openid-configuration, then its jwks_uri, find the token's kid there and verify the
// signature with that key; and the thumbprints AWS and Ceph register for the provider.
import type { JsonWebKey } from 'node:crypto';
import type { Dispatcher } from 'undici';
import { httpRequest } from '../http/httpRequest.js';
import { displayEndpoint } from '../sts/networkError.js';
import type { DecodedJwt } from '../webIdentity/readJwt.js';
import { type Check, failed, passed, skipped, warning } from './check.js';
import { serverThumbprint, x5cThumbprint } from './issuerThumbprint.js';
import { verifyJwtSignature } from './verifyJwtSignature.js';

export interface IssuerInput {
  jwt: DecodedJwt;
  agent: Dispatcher;
  timeoutMs: number;
  caPem?: string;
}

type Jwk = JsonWebKey & { kid?: string; alg?: string; use?: string; x5c?: unknown };

const REACH_FIX = 'The STS fetches it too: the issuer must be reachable from the STS server over the network.';

async function fetchJson(input: IssuerInput, url: string): Promise<{ value: unknown } | { problem: string }> {
  const outcome = await httpRequest(input.agent, { url, timeoutMs: input.timeoutMs, headers: { accept: 'application/json' } });
  if (!outcome.ok) return { problem: outcome.phrase };
  if (outcome.status !== 200) return { problem: `it answered HTTP ${outcome.status}` };
  try {
    return { value: JSON.parse(outcome.body) as unknown };
  } catch {
    return { problem: 'its answer is not JSON' };
  }
}

function describeKey(key: Jwk): string {
  return [key.kty, key.alg, key.use ? `use ${key.use}` : undefined].filter(Boolean).join(', ');
}

/** The discovery, keys and thumbprint checks of a token whose header and claims checkToken read. */
export async function checkIssuer(input: IssuerInput): Promise<Check[]> {
  const iss = String(input.jwt.payload.iss);
  const discoveryUrl = `${iss.replace(/\/+$/, '')}/.well-known/openid-configuration`;
  const noKeys = (why: string) => [skipped('token-keys', 'token keys', why), skipped('thumbprints', 'thumbprints', why)];
  let parsed: URL;
  try {
    parsed = new URL(discoveryUrl);
  } catch {
    return [
      failed('issuer', 'issuer', `the issuer ${iss} is not a URL`, 'An STS finds the provider at iss: it must be an https:// URL.'),
      ...noKeys('no issuer URL'),
    ];
  }
  const discovery = await fetchJson(input, discoveryUrl);
  if ('problem' in discovery)
    return [failed('issuer', 'issuer', `${displayEndpoint(parsed.href)}: ${discovery.problem}`, REACH_FIX), ...noKeys('no discovery document')];
  const doc = (discovery.value ?? {}) as { issuer?: unknown; jwks_uri?: unknown };
  if (doc.issuer !== iss) {
    return [
      failed(
        'issuer',
        'issuer',
        `${discoveryUrl} names the issuer ${JSON.stringify(doc.issuer)}, not the token's iss ${iss}`,
        'The discovery document and the tokens must name the issuer alike, byte for byte (a trailing / counts).',
      ),
      ...noKeys('the issuer does not match'),
    ];
  }
  if (typeof doc.jwks_uri !== 'string')
    return [failed('issuer', 'issuer', `${discoveryUrl} has no jwks_uri`, 'The issuer must publish its keys (jwks_uri).'), ...noKeys('no jwks_uri')];
  const jwksUri = doc.jwks_uri;
  const checks: Check[] = [passed('issuer', 'issuer', `${discoveryUrl} names this issuer; keys at ${jwksUri}`)];

  const jwks = await fetchJson(input, jwksUri);
  const keys = 'value' in jwks ? (jwks.value as { keys?: unknown } | null)?.keys : undefined;
  if (!Array.isArray(keys)) {
    checks.push(
      failed('token-keys', 'token keys', `${jwksUri}: ${'problem' in jwks ? jwks.problem : 'no "keys" list'}`, REACH_FIX),
      skipped('thumbprints', 'thumbprints', 'no keys'),
    );
    return checks;
  }
  const kid = typeof input.jwt.header.kid === 'string' ? input.jwt.header.kid : undefined;
  const all = keys.filter((k): k is Jwk => k !== null && typeof k === 'object');
  const key = kid !== undefined ? all.find((k) => k.kid === kid) : all.length === 1 ? all[0] : undefined;
  if (!key) {
    const published = all.map((k) => k.kid ?? '(no kid)').join(', ') || 'none';
    checks.push(
      failed(
        'token-keys',
        'token keys',
        kid !== undefined
          ? `the token's kid ${kid} is not among the keys at ${jwksUri} (${published})`
          : `the token names no kid and ${jwksUri} has ${all.length} keys`,
        'The issuer rotated its keys, or the token comes from another issuer: get a fresh token.',
      ),
      skipped('thumbprints', 'thumbprints', 'no matching key'),
    );
    return checks;
  }
  const which = `key ${kid ?? '(the only one)'} (${describeKey(key)})`;
  const verdict = verifyJwtSignature(input.jwt, key);
  if (verdict === 'valid') checks.push(passed('token-keys', 'token keys', `${which} is published and verifies the token's signature`));
  else if (verdict === 'invalid') {
    checks.push(
      failed(
        'token-keys',
        'token keys',
        `${which} is published, but the token's signature does not verify with it`,
        'The token was altered, or signed by another key under the same kid.',
      ),
    );
  } else
    checks.push(
      warning(
        'token-keys',
        'token keys',
        `${which} is published; sts-cli cannot check a ${String(input.jwt.header.alg)} signature`,
        'Check the signature with the STS itself.',
      ),
    );
  checks.push(await thumbprints(jwksUri, key, input));
  return checks;
}

async function thumbprints(jwksUri: string, key: Jwk, input: IssuerInput): Promise<Check> {
  const ceph = x5cThumbprint(key);
  const cephPart = ceph ? `Ceph ${ceph} (the key's x5c certificate)` : undefined;
  const url = new URL(jwksUri);
  let awsPart: string | undefined;
  let awsProblem: string | undefined;
  if (url.protocol !== 'https:') awsProblem = 'AWS registers only https:// providers, and these keys are at http://';
  else {
    const found = await serverThumbprint(url, { timeoutMs: input.timeoutMs, ...(input.caPem !== undefined ? { caPem: input.caPem } : {}) });
    if (typeof found === 'string') awsProblem = `AWS: ${found}`;
    else awsPart = `AWS ${found.sha1} (${found.subject}, the top certificate ${url.host} sends)`;
  }
  const parts = [awsPart, cephPart].filter(Boolean).join('; ');
  if (!ceph) {
    const detail = `${parts ? `${parts}; ` : ''}${awsProblem ? `${awsProblem}; ` : ''}the key has no x5c certificate, whose thumbprint Ceph (radosgw) registers`;
    const cephFix = 'for Ceph, publish the key with an x5c certificate (as Keycloak does)';
    return warning(
      'thumbprints',
      'thumbprints',
      detail,
      awsProblem ? `For AWS, serve the keys over https://; ${cephFix}.` : `${cephFix[0]!.toUpperCase()}${cephFix.slice(1)}.`,
    );
  }
  if (awsProblem) return warning('thumbprints', 'thumbprints', `${parts}; ${awsProblem}`, 'For AWS, serve the issuer and its keys over https://.');
  return passed('thumbprints', 'thumbprints', parts);
}
