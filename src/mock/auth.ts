// Who sent a request: SigV4 checked with the very signer the client uses (src/sigv4), against a
// configured user's secret or a temporary secret re-derived from the session token; or, in the
// ecs flavor, the X-SDS-AUTH-TOKEN header.
import { sameText } from '../sameText.js';
import { UNSIGNED_PAYLOAD } from '../sigv4/constants.js';
import { parseSignature, type SecretSigningKeys, sha256Hex, verifySignature, toAmzDate, type SignableRequest } from '../sigv4/index.js';
import { MockError } from './errors.js';
import { openToken, type SessionClaims } from './tokens.js';
import type { MockContext, MockRequest } from './context.js';

export interface Principal {
  accessKeyId: string;
  account: string;
  /** GetCallerIdentity's answer. */
  arn: string;
  userId: string;
  /** What a role's trust may name to mean this caller. */
  identifiers: string[];
  /** Set when the caller signed with temporary credentials. */
  session?: SessionClaims;
  /** The long-term user at the root of the chain. */
  owner: string;
  /** The configured user's display name (ceph S3 answers). */
  displayName?: string;
}

const SKEW_MS = 15 * 60 * 1000;
const INVALID_TOKEN = 'The security token included in the request is invalid.';
const BAD_SIGNATURE =
  'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';

/**
 * Authenticates `req`; `service` is the SigV4 service expected (the flavor's unless told; null: any,
 * as Ceph). `payload` 'unsigned-allowed' is for Ceph's S3 layer, whose GET has no body to sign.
 */
export function authenticate(
  ctx: MockContext,
  req: MockRequest,
  service: string | null = ctx.spec.auth.signingService,
  payload: 'signed' | 'unsigned-allowed' = 'signed',
): Principal {
  const tokenHeader = ctx.spec.auth.tokenHeader;
  if (tokenHeader && req.headers[tokenHeader] !== undefined && req.headers.authorization === undefined) {
    if (!sameText(req.headers[tokenHeader]!, ctx.authToken)) throw new MockError('InvalidClientTokenId', INVALID_TOKEN, 'wrong X-SDS-AUTH-TOKEN');
    const user = ctx.directory.primary;
    req.callerArn = user.arn;
    return { accessKeyId: user.accessKeyId, account: user.account, arn: user.arn, userId: user.userId, identifiers: user.identifiers, owner: user.name };
  }

  const signable: SignableRequest = { method: req.method, url: req.url, headers: req.headers, body: req.body };
  const parsed = parseSignature(signable);
  if (!parsed.ok) {
    if (parsed.problem.kind === 'missing') {
      throw new MockError(
        'MissingAuthenticationToken',
        tokenHeader ? 'Request is missing Authentication Token (X-SDS-AUTH-TOKEN or a SigV4 signature)' : 'Request is missing Authentication Token',
      );
    }
    throw new MockError('IncompleteSignature', parsed.problem.message);
  }
  const sig = parsed.value;
  const now = ctx.now();

  if (service !== null && sig.scope.service !== service) {
    throw new MockError('SignatureDoesNotMatch', `Credential should be scoped to correct service: '${service}'. `, `scope service ${sig.scope.service}`);
  }
  if (ctx.region !== undefined && sig.scope.region !== ctx.region) {
    throw new MockError('SignatureDoesNotMatch', `Credential should be scoped to a valid region. `, `scope region ${sig.scope.region}`);
  }
  if (sig.scope.date !== sig.amzDate.slice(0, 8)) {
    throw new MockError(
      'SignatureDoesNotMatch',
      `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${sig.scope.date}' != '${sig.amzDate.slice(0, 8)}', from '${sig.amzDate}'.`,
    );
  }
  checkClock(sig.requestTime, ctx.realNow(), sig.presigned ? (sig.expiresSeconds ?? 900) : null);

  // STS bodies are always signed (SPEC §11): with UNSIGNED-PAYLOAD a signature would cover no
  // body, and a signed GetCallerIdentity could be replayed carrying an AssumeRole.
  const explicitHash = req.headers['x-amz-content-sha256'];
  if (!sig.presigned && explicitHash === UNSIGNED_PAYLOAD && payload === 'signed') {
    throw new MockError(
      'SignatureDoesNotMatch',
      'STS requests must sign their body: x-amz-content-sha256 UNSIGNED-PAYLOAD is not accepted.',
      'UNSIGNED-PAYLOAD',
    );
  }
  if (!sig.presigned && explicitHash !== undefined && explicitHash !== UNSIGNED_PAYLOAD && explicitHash !== sha256Hex(req.body)) {
    throw new MockError('SignatureDoesNotMatch', 'The provided x-amz-content-sha256 header does not match what was computed.');
  }

  if (ctx.control.enabled && ctx.control.sessions.isRevoked(sig.accessKeyId)) throw new MockError('InvalidClientTokenId', INVALID_TOKEN, 'credentials revoked');
  let principal: Principal;
  let secret: string | SecretSigningKeys;
  if (sig.sessionToken !== undefined) {
    const opened = openToken(ctx.keys, sig.sessionToken, ctx.spec.identity.secretKey);
    if (!opened || opened.claims.akid !== sig.accessKeyId)
      throw new MockError('InvalidClientTokenId', INVALID_TOKEN, 'session token not issued here or for another key');
    const { claims } = opened;
    if (claims.exp * 1000 <= now.getTime()) throw new MockError('ExpiredToken', 'The security token included in the request is expired');
    secret = opened.secretAccessKey;
    principal = {
      accessKeyId: claims.akid,
      account: claims.account,
      arn: claims.arn,
      userId: claims.userId,
      identifiers: claims.src,
      owner: claims.owner,
      session: claims,
    };
  } else {
    const user = ctx.directory.users.get(sig.accessKeyId);
    if (!user) throw new MockError('InvalidClientTokenId', INVALID_TOKEN, 'unknown access key id');
    secret = user.signingKeys;
    principal = {
      accessKeyId: user.accessKeyId,
      account: user.account,
      arn: user.arn,
      userId: user.userId,
      identifiers: user.identifiers,
      owner: user.name,
      displayName: user.displayName,
    };
  }
  if (!verifySignature(signable, sig, secret)) throw new MockError('SignatureDoesNotMatch', BAD_SIGNATURE, 'signature mismatch');
  req.callerArn = principal.arn;
  return principal;
}

function checkClock(requestTime: Date, now: Date, presignedFor: number | null): void {
  const t = requestTime.getTime();
  const n = now.getTime();
  if (t > n + SKEW_MS) {
    throw new MockError(
      'RequestExpired',
      `Signature not yet current: ${toAmzDate(requestTime)} is still later than ${toAmzDate(new Date(n + SKEW_MS))} (${toAmzDate(now)} + 15 min.)`,
    );
  }
  const oldest = presignedFor === null ? t + SKEW_MS : t + presignedFor * 1000;
  if (n > oldest) {
    const message =
      presignedFor === null
        ? `Signature expired: ${toAmzDate(requestTime)} is now earlier than ${toAmzDate(new Date(n - SKEW_MS))} (${toAmzDate(now)} - 15 min.)`
        : 'Request has expired';
    throw new MockError('RequestExpired', message);
  }
}
