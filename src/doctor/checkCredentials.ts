// The source credentials (they exist and have not expired) and whom they belong to, by
// GetCallerIdentity (SPEC §9).
import { ExpiredCredentialsError, StsServiceError } from '../errors.js';
import { mask } from '../redact.js';
import { type Check, failed, fromError, passed, skipped, warning } from './check.js';
import { isoSeconds } from '../credentials/isoSeconds.js';
import { timeLeft } from '../timeLeft.js';
import type { DoctorConnection, DoctorDeps, DoctorSigner } from './types.js';

const SOON_MS = 15 * 60_000;
const NOT_OFFERED = new Set(['MethodNotAllowed', 'InvalidAction', 'NotImplemented']);

export function checkSigner(signer: DoctorSigner, profile: string | undefined, now: Date): { check: Check; usable: boolean } {
  const id = 'source-credentials';
  const title = 'source credentials';
  if (signer.kind === 'none') return { check: skipped(id, title, 'a web identity needs none: the token proves who calls'), usable: false };
  if (signer.kind === 'unchecked') return { check: skipped(id, title, signer.reason), usable: false };
  if (signer.kind === 'failed')
    return { check: fromError(id, title, signer.error, 'Pass --source-profile, or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY.'), usable: false };
  if (signer.kind === 'ecs-token') return { check: passed(id, title, `a Dell ECS token from ${signer.origin}`), usable: true };
  const { credentials, origin } = signer;
  const kind = credentials.sessionToken ? 'temporary keys' : 'long-term keys';
  const about = `${kind} ${mask(credentials.accessKeyId)} from ${origin}`;
  const expiration = credentials.expiration;
  if (!expiration) return { check: passed(id, title, about), usable: true };
  const left = expiration.getTime() - now.getTime();
  if (left <= 0) {
    const hint = new ExpiredCredentialsError(signer.profile ?? profile ?? 'default', expiration).hint!;
    return { check: failed(id, title, `${about} expired ${timeLeft(expiration, now)} (${isoSeconds(expiration)})`, hint), usable: false };
  }
  if (left < SOON_MS)
    return {
      check: warning(id, title, `${about} expire ${timeLeft(expiration, now)}`, 'Assume the role again soon (sts-cli exec --server renews by itself).'),
      usable: true,
    };
  return { check: passed(id, title, `${about}, expiring ${timeLeft(expiration, now)} (${isoSeconds(expiration)})`), usable: true };
}

export async function checkIdentity(deps: DoctorDeps, connection: DoctorConnection): Promise<Check> {
  const id = 'identity';
  const title = 'identity';
  try {
    const who = await deps.callerIdentity(connection);
    return passed(id, title, `${who.arn} (account ${who.account || '(none)'}, user id ${who.userId || '(none)'})`);
  } catch (error) {
    if (error instanceof StsServiceError && (error.httpStatus === 405 || NOT_OFFERED.has(error.serviceCode))) {
      return warning(
        id,
        title,
        `the endpoint does not offer GetCallerIdentity (${error.serviceCode})`,
        'Ceph RGW before Quincy (17) lacks it: the credentials may still be valid.',
      );
    }
    return fromError(id, title, error, 'Check the credentials and the endpoint.');
  }
}
