// Signs a request with SigV4 in its query string (a presigned URL). Pure: the clock comes in as `now`.
import { canonicalRequest, headersToSign, payloadHash } from './canonical.js';
import { ALGORITHM, QUERY } from './constants.js';
import { hasHeader } from './headers.js';
import { scopeString, toAmzDate, type CredentialScope, type SignableRequest } from './request.js';
import { stringToSign, type SignOptions } from './sign.js';
import { signWithSecret } from './signingKey.js';
import { uriDecode, uriEncode } from './uri.js';

export interface PresignOptions extends SignOptions {
  expiresSeconds: number;
}

const PRESIGN_PARAMS = new Set<string>(Object.values(QUERY));

/**
 * Returns the URL with the `X-Amz-*` query parameters that carry the signature. The caller's own
 * parameters are kept byte for byte (re-serialising them would turn a literal '+' into a space);
 * only a previous signature's parameters are replaced.
 */
export function presignUrl(request: SignableRequest, options: PresignOptions): string {
  const url = new URL(request.url);
  const amzDate = toAmzDate(options.now);
  const scope: CredentialScope = { date: amzDate.slice(0, 8), region: options.region, service: options.service };
  const headers: Record<string, string> = { ...request.headers };
  if (!hasHeader(headers, 'host')) headers.host = url.host;
  const signedHeaders = headersToSign(headers);

  const auth: Array<[string, string]> = [
    [QUERY.algorithm, ALGORITHM],
    [QUERY.credential, `${options.credentials.accessKeyId}/${scopeString(scope)}`],
    [QUERY.date, amzDate],
    [QUERY.expires, String(options.expiresSeconds)],
    [QUERY.signedHeaders, signedHeaders.join(';')],
  ];
  if (options.credentials.sessionToken) auth.push([QUERY.securityToken, options.credentials.sessionToken]);
  const kept = url.search
    .slice(1)
    .split('&')
    .filter((part) => part !== '' && !PRESIGN_PARAMS.has(uriDecode(part.split('=', 1)[0]!)));
  const query = [...kept, ...auth.map(([name, value]) => `${uriEncode(name)}=${uriEncode(value)}`)].join('&');
  const canonical = canonicalRequest({
    method: request.method,
    path: url.pathname,
    rawQuery: query,
    headers,
    signedHeaders,
    payloadHash: payloadHash(request.body),
  });
  const signature = signWithSecret(options.credentials.secretAccessKey, scope, stringToSign(amzDate, scope, canonical));
  url.search = `?${query}&${QUERY.signature}=${signature}`;
  return url.toString();
}
