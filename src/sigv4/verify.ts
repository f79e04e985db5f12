// Verifies a SigV4 signature by recomputing it with the very functions the client signs with.
import { rememberingLast } from '../rememberingLast.js';
import { sameText } from '../sameText.js';
import { canonicalRequest, payloadHash } from './canonical.js';
import {
  ALGORITHM,
  AMZ_DATE_HEADER,
  AUTHORIZATION_HEADER,
  CONTENT_SHA256_HEADER,
  PRESIGN_MAX_EXPIRES_SECONDS,
  QUERY,
  SECURITY_TOKEN_HEADER,
  TERMINATOR,
} from './constants.js';
import { getHeaderValue } from './headers.js';
import { parseAmzDate, type CredentialScope, type SignableRequest } from './request.js';
import { stringToSign } from './sign.js';
import { urlParts } from './urlParts.js';
import { type SecretSigningKeys, signWithSecret } from './signingKey.js';

export interface ParsedSignature {
  accessKeyId: string;
  scope: CredentialScope;
  signedHeaders: readonly string[];
  signature: string;
  amzDate: string;
  requestTime: Date;
  presigned: boolean;
  /** X-Amz-Expires of a presigned URL. */
  expiresSeconds?: number;
  /** From `X-Amz-Security-Token` (header or query). */
  sessionToken?: string;
}

/** Why a request carries no usable signature: none at all, or a malformed one. */
export type SignatureProblem = { kind: 'missing'; message: string } | { kind: 'incomplete'; message: string };

export type ParseResult = { ok: true; value: ParsedSignature } | { ok: false; problem: SignatureProblem };

const SCOPE_PROBLEM = `Credential should be scoped to a valid date, region, service and ${TERMINATOR}.`;

function incomplete(message: string): ParseResult {
  return { ok: false, problem: { kind: 'incomplete', message } };
}

// A client signs request after request with the same key, scope and signed headers, and the mock
// reads them a few thousand times a second: each is parsed once while it repeats, and frozen.
const parseCredential = rememberingLast((text: string): Readonly<{ accessKeyId: string; scope: Readonly<CredentialScope> }> | null => {
  const parts = text.split('/');
  if (parts.length !== 5 || parts[4] !== TERMINATOR || !parts[0]) return null;
  if (!/^\d{8}$/.test(parts[1]!)) return null;
  return Object.freeze({ accessKeyId: parts[0], scope: Object.freeze({ date: parts[1]!, region: parts[2]!, service: parts[3]! }) });
});

const splitSignedHeaders = rememberingLast((text: string): readonly string[] => Object.freeze(text.split(';')));

// The time of a request, in milliseconds: requests signed in the same second share it.
const amzDateMs = rememberingLast((text: string) => parseAmzDate(text)?.getTime());

/** Reads the signature from the `Authorization` header, else from a presigned query. */
export function parseSignature(request: SignableRequest): ParseResult {
  const authorization = getHeaderValue(request.headers, AUTHORIZATION_HEADER);
  if (authorization !== undefined) {
    urlParts(request.url); // an unparseable URL throws here, whichever way the request is signed
    return parseAuthorizationHeader(authorization, request.headers);
  }
  const url = new URL(request.url);
  if (url.searchParams.has(QUERY.signature) || url.searchParams.has(QUERY.algorithm)) return parsePresigned(url);
  return { ok: false, problem: { kind: 'missing', message: 'Request is missing Authentication Token' } };
}

function parseAuthorizationHeader(authorization: string, headers: Record<string, string>): ParseResult {
  const space = authorization.indexOf(' ');
  const algorithm = space === -1 ? authorization : authorization.slice(0, space);
  // The header's contents are never echoed: a bare `Authorization: <token>` is someone's secret.
  if (algorithm !== ALGORITHM) return incomplete(`Unsupported AWS 'algorithm': the Authorization header must start with '${ALGORITHM}'.`);
  // `Name=value` fields separated by commas; the last of a repeated name counts.
  let credentialText: string | undefined;
  let signedHeadersText: string | undefined;
  let signature: string | undefined;
  // By index, not split(): no array of parts, no copy of each part before its name and value.
  for (let start = space + 1; start > 0 && start < authorization.length; ) {
    let end = authorization.indexOf(',', start);
    if (end === -1) end = authorization.length;
    const eq = authorization.indexOf('=', start);
    if (eq !== -1 && eq < end) {
      const name = authorization.slice(start, eq).trim();
      if (name === 'Credential') credentialText = authorization.slice(eq + 1, end).trim();
      else if (name === 'SignedHeaders') signedHeadersText = authorization.slice(eq + 1, end).trim();
      else if (name === 'Signature') signature = authorization.slice(eq + 1, end).trim();
    }
    start = end + 1;
  }
  if (!credentialText || !signedHeadersText || !signature) {
    const given = { Credential: credentialText, SignedHeaders: signedHeadersText, Signature: signature };
    const missing = (['Credential', 'SignedHeaders', 'Signature'] as const).filter((name) => !given[name]);
    return incomplete(`Authorization header requires ${missing.map((m) => `'${m}'`).join(', ')} parameter(s). Authorization=${ALGORITHM}`);
  }
  const credential = parseCredential(credentialText);
  if (!credential) return incomplete(SCOPE_PROBLEM);
  const amzDate = getHeaderValue(headers, AMZ_DATE_HEADER);
  if (!amzDate) return incomplete("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
  const requestMs = amzDateMs(amzDate);
  if (requestMs === undefined) return incomplete(`X-Amz-Date must be in the ISO8601 Long Format "yyyyMMdd'T'HHmmss'Z'"`);
  const requestTime = new Date(requestMs);
  const signedHeaders = splitSignedHeaders(signedHeadersText);
  if (!signedHeaders.includes('host')) return incomplete("'Host' must be a signed header.");
  const sessionToken = getHeaderValue(headers, SECURITY_TOKEN_HEADER);
  const value: ParsedSignature = {
    accessKeyId: credential.accessKeyId,
    scope: credential.scope,
    signedHeaders,
    signature,
    amzDate,
    requestTime,
    presigned: false,
  };
  if (sessionToken !== undefined) value.sessionToken = sessionToken;
  return { ok: true, value };
}

function parsePresigned(url: URL): ParseResult {
  const q = url.searchParams;
  if (q.get(QUERY.algorithm) !== ALGORITHM) return incomplete(`X-Amz-Algorithm must be ${ALGORITHM}.`);
  const missing = [QUERY.credential, QUERY.date, QUERY.signedHeaders, QUERY.signature].filter((name) => !q.get(name));
  if (missing.length > 0) return incomplete(`A presigned request requires ${missing.join(', ')}.`);
  const credential = parseCredential(q.get(QUERY.credential)!);
  if (!credential) return incomplete(SCOPE_PROBLEM);
  const amzDate = q.get(QUERY.date)!;
  const requestTime = parseAmzDate(amzDate);
  if (!requestTime) return incomplete(`X-Amz-Date must be in the ISO8601 Long Format "yyyyMMdd'T'HHmmss'Z'"`);
  const expires = q.get(QUERY.expires);
  const expiresSeconds = expires === null ? undefined : Number(expires);
  if (expiresSeconds !== undefined && (!Number.isInteger(expiresSeconds) || expiresSeconds < 1 || expiresSeconds > PRESIGN_MAX_EXPIRES_SECONDS)) {
    return incomplete(`X-Amz-Expires must be an integer from 1 to ${PRESIGN_MAX_EXPIRES_SECONDS}.`);
  }
  const sessionToken = q.get(QUERY.securityToken);
  return {
    ok: true,
    value: {
      ...credential,
      signedHeaders: q.get(QUERY.signedHeaders)!.split(';'),
      signature: q.get(QUERY.signature)!,
      amzDate,
      requestTime,
      presigned: true,
      ...(expiresSeconds !== undefined ? { expiresSeconds } : {}),
      ...(sessionToken !== null ? { sessionToken } : {}),
    },
  };
}

/** Recomputes the signature of `request` with `secret` (the secret, or its signing keys); true when it matches. */
export function verifySignature(request: SignableRequest, parsed: ParsedSignature, secret: string | SecretSigningKeys): boolean {
  const url = urlParts(request.url);
  const explicitHash = parsed.presigned ? undefined : getHeaderValue(request.headers, CONTENT_SHA256_HEADER);
  const canonical = canonicalRequest({
    method: request.method,
    path: url.pathname,
    rawQuery: url.search,
    headers: request.headers,
    signedHeaders: parsed.signedHeaders,
    payloadHash: explicitHash ?? payloadHash(request.body),
    ...(parsed.presigned ? { skipQuery: QUERY.signature } : {}),
  });
  const toSign = stringToSign(parsed.amzDate, parsed.scope, canonical);
  const expected = typeof secret === 'string' ? signWithSecret(secret, parsed.scope, toSign) : secret.sign(parsed.scope, toSign);
  return sameText(parsed.signature, expected);
}
