// A JWT read without trusting it (RFC 7519 §7.2, no signature check): its header and claims, for
// the shape check of fetched tokens, the cache key and doctor. Pure.

export interface DecodedJwt {
  header: Record<string, unknown>;
  payload: Record<string, unknown>;
  /** `header.payload` as sent: what the signature covers. */
  signingInput: string;
  signature: Buffer;
}

export type JwtReading = { ok: true; jwt: DecodedJwt } | { ok: false; problem: string };

const BASE64URL = /^[A-Za-z0-9_-]+$/;

function jsonObject(part: string): Record<string, unknown> | undefined {
  if (!BASE64URL.test(part)) return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The header and claims of `token` when it has a JWT's shape: three base64url parts, a JSON header
 * naming its `alg`, a JSON object of claims. Otherwise what is wrong, as a phrase that quotes
 * nothing of the token (it may be a secret of another kind).
 */
export function readJwt(token: string): JwtReading {
  const parts = token.split('.');
  if (parts.length !== 3) {
    return {
      ok: false,
      problem:
        parts.length === 5
          ? 'it is an encrypted JWT (JWE), not a signed one'
          : `it has ${parts.length} part${parts.length === 1 ? '' : 's'}, not 3 separated by dots`,
    };
  }
  const [headerPart, payloadPart, signaturePart] = parts as [string, string, string];
  const header = jsonObject(headerPart);
  if (!header) return { ok: false, problem: 'its header is not base64url-encoded JSON' };
  if (typeof header.alg !== 'string' || header.alg === '') return { ok: false, problem: 'its header names no algorithm (alg)' };
  const payload = jsonObject(payloadPart);
  if (!payload) return { ok: false, problem: 'its claims are not a base64url-encoded JSON object' };
  if (signaturePart !== '' && !BASE64URL.test(signaturePart)) return { ok: false, problem: 'its signature is not base64url' };
  return { ok: true, jwt: { header, payload, signingInput: `${headerPart}.${payloadPart}`, signature: Buffer.from(signaturePart, 'base64url') } };
}

/** A claim that is a string, else undefined. */
export function stringClaim(payload: Record<string, unknown>, name: string): string | undefined {
  const value = payload[name];
  return typeof value === 'string' ? value : undefined;
}

/** A NumericDate claim (`exp`, `iat`, `nbf`) as a Date, else undefined. */
export function dateClaim(payload: Record<string, unknown>, name: string): Date | undefined {
  const value = payload[name];
  return typeof value === 'number' && Number.isFinite(value) ? new Date(value * 1000) : undefined;
}

/** The `aud` claim as a list (it may be one string or several). */
export function audiences(payload: Record<string, unknown>): string[] {
  const aud = payload.aud;
  if (typeof aud === 'string') return [aud];
  return Array.isArray(aud) ? aud.filter((a): a is string => typeof a === 'string') : [];
}
