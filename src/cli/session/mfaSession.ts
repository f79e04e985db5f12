// MFA once a day (SPEC §7): a GetSessionToken session made with the MFA code from long-term keys,
// cached (12 hours unless --mfa-session-duration says otherwise), signs the AssumeRole of a role
// profile with mfa_serial, so no code is asked again until it expires. The STS treats such a session
// as MFA-authenticated, and using it is not role chaining.
import type { CliContext } from '../context.js';
import type { Connection } from '../resolveConnection.js';
import { cachedCall } from './cachedCall.js';
import type { SessionOptions } from './sessionOptions.js';
import type { SessionRequest } from './sessionRequest.js';
import { type Signer, sessionSigner } from './signer.js';

/** The GetSessionToken that makes an MFA session for device `serialNumber` (its code asked for when it is sent). */
export function mfaSessionRequest(serialNumber: string, seconds: number): SessionRequest {
  return { action: 'GetSessionToken', params: { durationSeconds: seconds, serialNumber }, tokenCodeFor: serialNumber };
}

/** The MFA session of `signer`'s long-term keys for device `serialNumber`, from the cache or made now (asking for the code). */
export async function mfaSession(
  signer: Signer,
  serialNumber: string,
  route: Pick<Connection, 'transport' | 'dialect'>,
  ctx: CliContext,
  options: SessionOptions,
): Promise<Signer> {
  const { result } = await cachedCall(mfaSessionRequest(serialNumber, options.mfaSessionSeconds), { ...route, ...signer }, ctx, {
    // --refresh assumes the roles again but keeps a valid MFA session: renewing a role costs no code.
    cache: options.cache === 'refresh' ? 'use' : options.cache,
    ...(options.cachedEntries ? { cachedEntries: options.cachedEntries } : {}),
    ...(options.tokenCode !== undefined ? { tokenCode: options.tokenCode } : {}),
    generatedSessionName: false,
    label: `MFA session for ${serialNumber}`,
  });
  return sessionSigner(result, `an MFA session of ${signer.origin}`, signer.sourceProfile);
}
