// The mock's own OIDC issuer over HTTP: discovery, the JWKS (also where Keycloak serves it),
// POST /oidc/token, which answers a bare JWT as text/plain so that
// `TOKEN=$(curl -s -X POST $URL/oidc/token -d sub=ci)` works, and GET /oidc/github, GitHub
// Actions' token service.
import { sameText } from '../sameText.js';
import { MockError } from './errors.js';
import { SEVEN_DAYS } from '../sts/limits.js';
import { GITHUB_DEFAULT_AUDIENCE, githubClaims } from './issuer/githubToken.js';
import { signToken } from './issuer/signToken.js';
import { decodeForm, isFormRequest } from './params.js';
import { discoveryDocument, mintToken, ownKeySet } from './oidc.js';
import type { MockContext, MockRequest } from './context.js';

/** What an OIDC route answers: the body and its type (answer.ts makes it an answer); a refusal has its status. */
export interface OidcDocument {
  contentType: string;
  body: string;
  /** Set on a refusal that is not an STS error (GitHub's service answers JSON). */
  refused?: { status: number; code: string; detail: string };
}

const MAX_EXPIRES_IN = SEVEN_DAYS;

function json(body: unknown): OidcDocument {
  return { contentType: 'application/json', body: JSON.stringify(body) };
}

const DISCOVERY = '/.well-known/openid-configuration';
const JWKS = '/jwks.json';
const TOKEN = '/oidc/token';
const GITHUB = '/oidc/github';
/** Keycloak's JWKS, at the root and under a realm (`/realms/NAME/protocol/openid-connect/certs`). */
const KEYCLOAK_CERTS = /^(?:\/realms\/[A-Za-z0-9._~-]{1,255})?\/protocol\/openid-connect\/certs$/;

function isJwksPath(path: string): boolean {
  return path === JWKS || KEYCLOAK_CERTS.test(path);
}

/** Whether `path` is one of the routes handleOidc answers (a cheap test before an async call). */
export function isOidcPath(path: string): boolean {
  return path === DISCOVERY || path === TOKEN || path === GITHUB || isJwksPath(path);
}

/** Answers an OIDC route, or returns null when `req` is not one. */
export async function handleOidc(ctx: MockContext, req: MockRequest): Promise<OidcDocument | null> {
  if (req.method === 'GET' && req.path === DISCOVERY) return json(discoveryDocument(ctx.issuer(), ctx.providers.algorithm));
  if (req.method === 'GET' && isJwksPath(req.path)) return json(ownKeySet(ctx.keys, ctx.providers));
  if (req.method === 'GET' && req.path === GITHUB) return githubToken(ctx, req);
  if (req.path !== TOKEN) return null;
  if (req.method !== 'POST') throw new MockError('MethodNotAllowed', 'POST a form (sub=SUBJECT, aud=AUDIENCE, expires_in=SECONDS) to /oidc/token.');

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

function unauthorized(detail: string): OidcDocument {
  const message = 'Send the job’s ACTIONS_ID_TOKEN_REQUEST_TOKEN as Authorization: Bearer.';
  return { ...json({ message }), refused: { status: 401, code: 'Unauthorized', detail } };
}

/** GET /oidc/github?audience=AUD&CLAIM=VALUE… with `Authorization: Bearer …`: `{"value": JWT}`, as a runner's token service answers. */
async function githubToken(ctx: MockContext, req: MockRequest): Promise<OidcDocument> {
  const bearer = /^bearer\s+(\S.*)$/i.exec(req.headers.authorization ?? '')?.[1]?.trim();
  if (bearer === undefined) return unauthorized('no Authorization: Bearer header');
  const expected = ctx.github.requestToken;
  if (expected !== undefined && !sameText(bearer, expected)) return unauthorized('the bearer token is not github.requestToken');
  const query = new Map<string, string>();
  decodeForm(req.rawQuery, true, query);
  const audience = query.get('audience') || ctx.github.audience || GITHUB_DEFAULT_AUDIENCE;
  const token = await signToken(ctx.keys, ctx.providers.algorithm, githubClaims(ctx.now(), audience, query, ctx.github));
  return json({ value: token });
}
