// The STS calls that give a session, as the cache and the client see them: AssumeRole and
// AssumeRoleWithWebIdentity (resolveRequest.ts), and GetSessionToken for an MFA session.
import type { GetSessionTokenParams } from '../../sts/client.js';
import type { StsRequest } from '../resolveRequest.js';

export interface SessionTokenRequest {
  action: 'GetSessionToken';
  params: GetSessionTokenParams;
  /** The MFA device whose code is still to be typed. */
  tokenCodeFor?: string;
}

export type SessionRequest = StsRequest | SessionTokenRequest;
