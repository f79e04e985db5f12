// Builds the HTTP request for one STS call in a dialect, authenticated as `auth` says.
// Pure: the clock and credentials come in as values; nothing is sent here.
import type { SignableRequest } from '../sigv4/index.js';
import { authenticate, type AuthenticatedRequest, type StsAuth } from './auth.js';
import { dialects, FORM_CONTENT_TYPE, type DialectName } from './dialects.js';
import { encodeForm, type FormPairs } from './form.js';

export interface BuildRequestInput {
  dialect: DialectName;
  endpoint: string;
  form: FormPairs;
  auth: StsAuth;
  region: string;
  now: Date;
  userAgent?: string;
}

export interface StsHttpRequest extends SignableRequest {
  method: 'POST';
  headers: Record<string, string>;
  body: string;
}

/** The endpoint's path with the dialect's own added, unless it already ends in it: `https://ecs:4443` and `https://ecs:4443/sts` both reach `/sts`. */
function dialectPath(endpointPath: string, path: string): string {
  if (!path) return endpointPath === '' ? '/' : endpointPath;
  const base = endpointPath.replace(/\/+$/, '');
  return base.endsWith(path) ? base : `${base}${path}`;
}

/** The request as it goes on the wire (URL, headers with `host` exactly as sent, body) and its signature, if signed. */
export function buildStsRequest(input: BuildRequestInput): AuthenticatedRequest {
  const dialect = dialects[input.dialect];
  const url = new URL(input.endpoint);
  url.pathname = dialectPath(url.pathname, dialect.path);
  const encoded = encodeForm(input.form);
  const inQuery = dialect.params[input.auth.kind] === 'query';
  // Built by hand, not with URLSearchParams, which writes spaces as '+'.
  const wireUrl = `${url.origin}${url.pathname}${inQuery ? `?${encoded}` : ''}`;

  const headers: Record<string, string> = { host: url.host };
  if (!inQuery) headers['content-type'] = FORM_CONTENT_TYPE;
  if (input.userAgent) headers['user-agent'] = input.userAgent;
  const request: StsHttpRequest = { method: 'POST', url: wireUrl, headers, body: inQuery ? '' : encoded };
  return authenticate(request, input.auth, { region: input.region, now: input.now });
}
