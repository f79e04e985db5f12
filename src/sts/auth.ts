// How a request proves who sends it (SPEC §2): a SigV4 signature made with keys, Dell ECS's token
// header, or nothing (AssumeRoleWithWebIdentity, where the JWT proves identity). One value, passed
// through from the CLI to the request builder.
import { signRequest } from '../sigv4/index.js';
import type { StsHttpRequest } from './request.js';
import type { AwsCredentials } from './types.js';

export type StsAuth = { kind: 'sigv4'; credentials: AwsCredentials } | { kind: 'ecs-token'; token: string } | { kind: 'none' };

export type AuthKind = StsAuth['kind'];

/** The header that carries a Dell ECS token (`--auth ecs-token`), instead of a signature. */
export const ECS_TOKEN_HEADER = 'x-sds-auth-token';

/** The SigV4 service name of every STS call. */
export const SIGNING_SERVICE = 'sts';

/** The request as sent, and the signature it carries, so the caller can mask it wherever it appears. */
export interface AuthenticatedRequest {
  request: StsHttpRequest;
  signature?: string;
}

/** The secrets `auth` holds, for redaction. */
export function authSecrets(auth: StsAuth): string[] {
  switch (auth.kind) {
    case 'sigv4':
      return auth.credentials.sessionToken ? [auth.credentials.secretAccessKey, auth.credentials.sessionToken] : [auth.credentials.secretAccessKey];
    case 'ecs-token':
      return [auth.token];
    case 'none':
      return [];
  }
}

/** Adds what proves who sends `request`; returns a new request. Pure: the clock comes in as `now`. */
export function authenticate(request: StsHttpRequest, auth: StsAuth, at: { region: string; now: Date }): AuthenticatedRequest {
  switch (auth.kind) {
    case 'none':
      return { request };
    case 'ecs-token':
      return { request: { ...request, headers: { ...request.headers, [ECS_TOKEN_HEADER]: auth.token } } };
    case 'sigv4': {
      const signed = signRequest(request, { credentials: auth.credentials, region: at.region, service: SIGNING_SERVICE, now: at.now });
      return { request: { ...request, headers: signed.headers }, signature: signed.signature };
    }
  }
}
