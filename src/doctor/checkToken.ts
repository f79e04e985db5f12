// A web identity token decoded without trusting it (SPEC §9): alg, kid, iss, sub, aud, and when
// it expires. What no STS accepts fails; what some refuse warns. Pure.
import { isoSeconds } from '../credentials/isoSeconds.js';
import { timeLeft } from '../timeLeft.js';
import { type Check, failed, passed, warning } from './check.js';
import { audiences, type DecodedJwt, dateClaim, readJwt, stringClaim } from '../webIdentity/readJwt.js';

export interface TokenFinding {
  check: Check;
  /** The decoded token, when it is a JWT at all. */
  jwt?: DecodedJwt;
}

const ID = 'token';
const TITLE = 'token';
const SOON_MS = 60_000;

/** Decodes `token` (from `source`, for the fix) and judges its header and claims at `now`. */
export function checkToken(token: string, source: string, now: Date): TokenFinding {
  const reading = readJwt(token);
  if (!reading.ok)
    return {
      check: failed(ID, TITLE, `the token from ${source} is not a JWT: ${reading.problem}`, 'Pass an OIDC ID token (three base64url parts, eyJ….eyJ….…).'),
    };
  const { jwt } = reading;
  const alg = String(jwt.header.alg);
  const kid = typeof jwt.header.kid === 'string' ? jwt.header.kid : undefined;
  const iss = stringClaim(jwt.payload, 'iss');
  const sub = stringClaim(jwt.payload, 'sub');
  const aud = audiences(jwt.payload);
  const exp = dateClaim(jwt.payload, 'exp');
  const left = exp ? exp.getTime() - now.getTime() : undefined;
  const expiry =
    exp === undefined ? 'no expiry' : left! > 0 ? `expires ${timeLeft(exp, now)} (${isoSeconds(exp)})` : `expired ${timeLeft(exp, now)} (${isoSeconds(exp)})`;
  const detail = `${alg}${kid ? `, kid ${kid}` : ', no kid'}; iss ${iss ?? '(none)'}; sub ${sub ?? '(none)'}; aud ${aud.length ? aud.join(', ') : '(none)'}; ${expiry}`;
  const refresh = `Get a fresh token from ${source}.`;
  const done = (check: Check): TokenFinding => ({ check, jwt });
  if (alg === 'none')
    return done(failed(ID, TITLE, `${detail}: it is not signed (alg none)`, 'No STS accepts an unsigned token: have the identity provider sign it.'));
  if (iss === undefined)
    return done(failed(ID, TITLE, `${detail}: it names no issuer (iss)`, 'An STS finds the provider by iss: have the identity provider set it.'));
  if (left !== undefined && left <= 0) return done(failed(ID, TITLE, detail, refresh));
  if (exp === undefined) return done(warning(ID, TITLE, detail, 'AWS STS refuses a token without exp: have the identity provider set it.'));
  if (sub === undefined)
    return done(warning(ID, TITLE, `${detail}: it names no subject (sub)`, 'Trust policies test :sub; have the identity provider set it.'));
  if (/^HS/.test(alg))
    return done(
      warning(ID, TITLE, `${detail}: ${alg} is a shared-secret algorithm`, 'STS servers verify with a published public key: use RS256 (or ES256, EdDSA).'),
    );
  if (!iss.startsWith('https://'))
    return done(warning(ID, TITLE, `${detail}: the issuer is not https://`, 'AWS registers only https:// issuers (the sts-cli mock and Ceph accept http://).'));
  if (left! < SOON_MS) return done(warning(ID, TITLE, `${detail}: less than a minute left`, refresh));
  return done(passed(ID, TITLE, detail));
}
