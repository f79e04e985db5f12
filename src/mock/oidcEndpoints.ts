// The mock's own OIDC issuer over HTTP: discovery, JWKS, and POST /oidc/token, which answers a
// bare JWT as text/plain so that `TOKEN=$(curl -s -X POST $URL/oidc/token -d sub=ci)` works.
import { MockError } from './errors.js';
import { SEVEN_DAYS } from '../sts/limits.js';
import { decodeForm, isFormRequest } from './params.js';
import { discoveryDocument, mintToken } from './oidc.js';
import type { MockContext, MockRequest } from './context.js';

/** What an OIDC route answers: the body and its type (answer.ts makes it an answer). */
export interface OidcDocument {
  contentType: string;
  body: string;
}

const MAX_EXPIRES_IN = SEVEN_DAYS;

function json(body: unknown): OidcDocument {
  return { contentType: 'application/json', body: JSON.stringify(body) };
}

const DISCOVERY = '/.well-known/openid-configuration';
const JWKS = '/jwks.json';
const TOKEN = '/oidc/token';

/** Whether `path` is one of the routes handleOidc answers (a cheap test before an async call). */
export function isOidcPath(path: string): boolean {
  return path === DISCOVERY || path === JWKS || path === TOKEN;
}

/** Answers an OIDC route, or returns null when `req` is not one. */
export async function handleOidc(ctx: MockContext, req: MockRequest): Promise<OidcDocument | null> {
  if (req.method === 'GET' && req.path === DISCOVERY) return json(discoveryDocument(ctx.issuer()));
  if (req.method === 'GET' && req.path === JWKS) return json({ keys: [ctx.providers.ownJwk] });
  if (req.path !== TOKEN) return null;
  if (req.method !== 'POST') throw new MockError('MethodNotAllowed', 'POST a form (sub=…, aud=…, expires_in=…) to /oidc/token.');

  const fields = new Map<string, string>();
  const audiences: string[] = [];
  const body = isFormRequest(req) || !req.headers['content-type'] ? req.body.toString('utf8') : '';
  // aud may repeat; every other field is a single claim.
  for (const source of [req.rawQuery, body]) {
    for (const part of source.split('&')) {
      const pair = new Map<string, string>();
      decodeForm(part, true, pair);
      for (const [k, value] of pair) {
        if (k === 'aud') audiences.push(value);
        else fields.set(k, value);
      }
    }
  }
  const sub = fields.get('sub');
  if (!sub) throw new MockError('MissingParameter', 'The request must contain the form field sub');
  fields.delete('sub');
  let expiresIn = 3600;
  const rawExpires = fields.get('expires_in');
  fields.delete('expires_in');
  if (rawExpires !== undefined) {
    if (!/^-?\d{1,7}$/.test(rawExpires) || Math.abs(Number(rawExpires)) > MAX_EXPIRES_IN) {
      throw new MockError('InvalidParameterValue', `expires_in must be an integer number of seconds up to ${MAX_EXPIRES_IN}.`);
    }
    expiresIn = Number(rawExpires);
  }
  const extra: Record<string, unknown> = {};
  for (const [k, value] of fields) extra[k] = k === 'nbf' && /^\d{1,12}$/.test(value) ? Number(value) : value;
  const aud = audiences.length === 0 ? undefined : audiences.length === 1 ? audiences[0]! : audiences;
  const token = await mintToken(ctx.keys, ctx.providers, ctx.issuer(), ctx.now(), { ...extra, sub, expiresIn, ...(aud !== undefined ? { aud } : {}) });
  return { contentType: 'text/plain; charset=utf-8', body: token };
}
