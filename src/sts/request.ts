// Builds the HTTP request for one STS call in a dialect, signed when the dialect says so.
// Pure: the clock and credentials come in as values; nothing is sent here.
import { signRequest, type SignableRequest } from '../sigv4/index.js';
import { dialects, FORM_CONTENT_TYPE, SIGNING_SERVICE, type DialectName } from './dialects.js';
import { encodeForm, type FormPairs } from './form.js';
import type { AwsCredentials } from './types.js';

export interface BuildRequestInput {
  dialect: DialectName;
  endpoint: string;
  form: FormPairs;
  region: string;
  now: Date;
  /** For `sigv4` dialects. */
  credentials?: AwsCredentials;
  /** For `header-token` dialects. */
  token?: string;
  userAgent?: string;
}

export interface StsHttpRequest extends SignableRequest {
  method: 'POST';
  headers: Record<string, string>;
  body: string;
}

function joinPath(base: string, suffix: string): string {
  if (!suffix) return base === '' ? '/' : base;
  return `${base.replace(/\/+$/, '')}${suffix}`;
}

/** The request as it goes on the wire: URL, headers (with `host` exactly as sent) and body. */
export function buildStsRequest(input: BuildRequestInput): StsHttpRequest {
  const dialect = dialects[input.dialect];
  const url = new URL(input.endpoint);
  url.pathname = joinPath(url.pathname, dialect.pathSuffix);
  const encoded = encodeForm(input.form);
  const body = dialect.params === 'body' ? encoded : '';
  // Built by hand, not with URLSearchParams, which writes spaces as '+'.
  const wireUrl = `${url.origin}${url.pathname}${dialect.params === 'query' ? `?${encoded}` : ''}`;

  const headers: Record<string, string> = { host: url.host };
  if (dialect.params === 'body') headers['content-type'] = FORM_CONTENT_TYPE;
  if (input.userAgent) headers['user-agent'] = input.userAgent;

  if (dialect.auth === 'header-token') {
    if (!input.token) throw new TypeError(`The ${dialect.name} dialect needs a token.`);
    headers[dialect.tokenHeader!.toLowerCase()] = input.token;
  }
  const request: StsHttpRequest = { method: 'POST', url: wireUrl, headers, body };
  if (dialect.auth !== 'sigv4') return request;
  if (!input.credentials) throw new TypeError(`The ${dialect.name} dialect needs credentials to sign with.`);
  const signed = signRequest(request, {
    credentials: input.credentials,
    region: input.region,
    service: SIGNING_SERVICE,
    now: input.now,
  });
  return { method: 'POST', url: wireUrl, headers: signed.headers, body };
}
