// Signs a request with SigV4 in the Authorization header. Pure: the clock comes in as `now`.
import { canonicalRequest, headersToSign, payloadHash } from './canonical.js';
import { sha256Hex } from './sha256.js';
import { ALGORITHM, AMZ_DATE_HEADER, AUTHORIZATION_HEADER, CONTENT_SHA256_HEADER, SECURITY_TOKEN_HEADER } from './constants.js';
import { getHeaderValue, hasHeader } from './headers.js';
import { scopeString, toAmzDate, type CredentialScope, type SignableRequest, type SigningCredentials } from './request.js';
import { signWithSecret } from './signingKey.js';

export interface SignOptions {
  credentials: SigningCredentials;
  region: string;
  service: string;
  now: Date;
}

export interface SignedRequest extends SignableRequest {
  /** Every stage, for tests and for diagnosing a mismatch (never logged: it names no secret, but the signature is one). */
  canonicalRequest: string;
  stringToSign: string;
  signature: string;
}

export function stringToSign(amzDate: string, scope: CredentialScope, canonical: string): string {
  return `${ALGORITHM}\n${amzDate}\n${scopeString(scope)}\n${sha256Hex(canonical)}`;
}

/** Adds `host`, `x-amz-date`, the session token and `authorization`; returns a new request. */
export function signRequest(request: SignableRequest, options: SignOptions): SignedRequest {
  const url = new URL(request.url);
  const amzDate = toAmzDate(options.now);
  const scope: CredentialScope = { date: amzDate.slice(0, 8), region: options.region, service: options.service };
  // A retried request may still carry the last attempt's values, in any case: replace them, never sign both.
  const replaced = new Set([AUTHORIZATION_HEADER, AMZ_DATE_HEADER]);
  if (options.credentials.sessionToken) replaced.add(SECURITY_TOKEN_HEADER);
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (!replaced.has(name.toLowerCase())) headers[name] = value;
  }
  if (!hasHeader(headers, 'host')) headers.host = url.host;
  headers[AMZ_DATE_HEADER] = amzDate;
  if (options.credentials.sessionToken) headers[SECURITY_TOKEN_HEADER] = options.credentials.sessionToken;

  const signedHeaders = headersToSign(headers);
  const explicitHash = getHeaderValue(headers, CONTENT_SHA256_HEADER);
  const canonical = canonicalRequest({
    method: request.method,
    path: url.pathname,
    rawQuery: url.search,
    headers,
    signedHeaders,
    payloadHash: explicitHash ?? payloadHash(request.body),
  });
  const toSign = stringToSign(amzDate, scope, canonical);
  const signature = signWithSecret(options.credentials.secretAccessKey, scope, toSign);
  headers[AUTHORIZATION_HEADER] =
    `${ALGORITHM} Credential=${options.credentials.accessKeyId}/${scopeString(scope)}, ` + `SignedHeaders=${signedHeaders.join(';')}, Signature=${signature}`;
  return { ...request, headers, canonicalRequest: canonical, stringToSign: toSign, signature };
}
