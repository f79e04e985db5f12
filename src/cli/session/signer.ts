// Who signs a call, and where those keys came from: the source keys, Dell ECS's token, or the
// session a previous call of a chain gave. Never printed whole: `origin` names it for humans.
import type { StsAuth } from '../../sts/auth.js';
import type { AwsCredentials, StsCredentialsResult } from '../../sts/types.js';
import type { CliContext } from '../context.js';
import { ExpiredCredentialsError } from '../../errors.js';

export interface Signer {
  auth: StsAuth;
  /** Where the signing keys came from, for humans: "profile dev", "environment". Never a secret. */
  origin: string;
  /** The signing keys' own expiry, when they are temporary and it is known. */
  sourceExpiration?: Date;
  /** The profile whose keys (or session) they are. */
  sourceProfile?: string;
  /** Who the session a chain gave belongs to (AssumedRoleUser's Arn), when the answer said. */
  assumedRoleArn?: string;
}

/** Long-term keys (no session token): the only ones GetSessionToken accepts, so the only ones an MFA session is made from. */
export function isLongTerm(auth: StsAuth): boolean {
  return auth.kind === 'sigv4' && !auth.credentials.sessionToken;
}

/** The session `result` as the signer of the next call. */
export function sessionSigner(result: StsCredentialsResult, origin: string, profile?: string): Signer {
  return {
    auth: { kind: 'sigv4', credentials: result.credentials },
    origin,
    sourceExpiration: result.credentials.expiration,
    ...(profile !== undefined ? { sourceProfile: profile } : {}),
    ...(result.assumedRoleUser?.arn ? { assumedRoleArn: result.assumedRoleUser.arn } : {}),
  };
}

/** Keys at hand (the environment's, a profile's, a credential_process's) as a signer; their secrets are masked from now on. */
export function keysSigner(credentials: AwsCredentials, origin: string, ctx: Pick<CliContext, 'out'>, profile?: string): Signer {
  ctx.out.addSecret(credentials.secretAccessKey);
  ctx.out.addSecret(credentials.sessionToken);
  return {
    auth: { kind: 'sigv4', credentials },
    origin,
    ...(credentials.expiration ? { sourceExpiration: credentials.expiration } : {}),
    ...(profile !== undefined ? { sourceProfile: profile } : {}),
  };
}

/**
 * Stored temporary keys that have expired are exit 3 before anything is signed with them (the
 * server would only answer InvalidClientTokenId): `profile` names them when the signer does not;
 * keys from the AWS_* variables are said to be the environment's.
 */
export function refuseExpired(signer: Signer & { origin: string }, now: Date, profile = 'default'): void {
  const expiration = signer.sourceExpiration;
  if (!expiration || expiration.getTime() > now.getTime()) return;
  throw new ExpiredCredentialsError(signer.sourceProfile ?? (signer.origin === 'environment' ? undefined : profile), expiration);
}
