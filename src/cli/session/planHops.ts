// The AssumeRole of each hop of a chain, checked before the first one is sent, so that a bad value
// in the config file (a duration_seconds under 900, a role_session_name with a space) is exit 2
// naming its profile, with nothing sent.
import { quoteProfileName } from '../../credentials/profileName.js';
import type { RoleHop } from '../../credentials/profileTypes.js';
import { InvalidParameterError } from '../../errors.js';
import { limits, nameOf } from '../../sts/limits.js';
import { checkAssumeRoleParams, parseDuration } from '../../sts/params.js';
import type { AssumeRoleParams } from '../../sts/types.js';
import type { SessionRequest } from './sessionRequest.js';
import { isLongTerm, type Signer } from './signer.js';
import { generatedSessionName } from './sourcePlan.js';

/** One AssumeRole of a chain, checked: signed by the previous one's session (or the first signer). */
export interface PlannedHop {
  profile: string;
  params: AssumeRoleParams;
  generatedSessionName: boolean;
  /** mfa_serial: an MFA session (or a code) is needed for this hop. */
  mfaSerial?: string;
  auth: RoleHop['auth'];
}

/**
 * The AssumeRole of role profile `hop`, its values not checked yet (planHop checks them): what a
 * cache key is computed from, when all that is asked is whether the cache holds it (sts-cli list).
 */
export function uncheckedHop(hop: RoleHop, now: Date): PlannedHop {
  const chosen = hop.roleSessionName;
  const params: AssumeRoleParams = {
    roleArn: hop.roleArn,
    roleSessionName: chosen ?? generatedSessionName(now),
    ...(hop.externalId !== undefined ? { externalId: hop.externalId } : {}),
    ...(hop.durationSeconds !== undefined ? { durationSeconds: hop.durationSeconds } : {}),
  };
  return {
    profile: hop.profile,
    params,
    generatedSessionName: chosen === undefined,
    ...(hop.mfaSerial !== undefined ? { mfaSerial: hop.mfaSerial } : {}),
    auth: hop.auth,
  };
}

/** The checked AssumeRole of role profile `hop` (exit 2, naming the profile, for a bad value). */
export function planHop(hop: RoleHop, now: Date): PlannedHop {
  const planned = uncheckedHop(hop, now);
  const { params } = planned;
  try {
    if (hop.durationSeconds !== undefined) params.durationSeconds = parseDuration(String(hop.durationSeconds), nameOf(limits.durationSeconds, 'setting'));
    checkAssumeRoleParams(hop.mfaSerial === undefined ? params : { ...params, serialNumber: hop.mfaSerial, tokenCode: '000000' }, 'setting');
  } catch (error) {
    if (!(error instanceof InvalidParameterError)) throw error;
    throw new InvalidParameterError(error.parameter, `Profile ${quoteProfileName(hop.profile)}: ${error.message}`, {
      hint: 'Fix that setting in the config file; nothing was sent.',
    });
  }
  return planned;
}

/** Every hop checked, in order; the first bad one throws. */
export function planHops(hops: readonly RoleHop[], now: Date): PlannedHop[] {
  return hops.map((hop) => planHop(hop, now));
}

/**
 * The AssumeRole of `hop` when `below` signs it, and whether an MFA session of `below` must sign it
 * instead: a hop with mfa_serial over long-term keys (else the code goes into the AssumeRole itself).
 */
export function hopCall(hop: PlannedHop, below: Pick<Signer, 'auth'>): { request: SessionRequest; mfaSessionFirst: boolean } {
  if (hop.mfaSerial === undefined) return { request: { action: 'AssumeRole', params: hop.params }, mfaSessionFirst: false };
  if (isLongTerm(below.auth)) return { request: { action: 'AssumeRole', params: hop.params }, mfaSessionFirst: true };
  return { request: { action: 'AssumeRole', params: { ...hop.params, serialNumber: hop.mfaSerial }, tokenCodeFor: hop.mfaSerial }, mfaSessionFirst: false };
}
