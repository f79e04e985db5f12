// The container-credentials JSON (pure). Every SDK requires AccessKeyId, SecretAccessKey, Token and
// Expiration as strings: botocore parses Expiration with dateutil, the JS SDK as RFC 3339
// (parseRfc3339DateTime), the Go SDK as RFC 3339 too; ISO 8601 UTC to the second suits all three.
// Errors use the `Code`/`Message` the JS and Go SDKs read from a 4xx body.
import { isoSeconds } from '../credentials/isoSeconds.js';
import type { ServedCredentials } from './types.js';

export function credentialsBody(credentials: ServedCredentials): string {
  return JSON.stringify({
    ...(credentials.roleArn ? { RoleArn: credentials.roleArn } : {}),
    AccessKeyId: credentials.accessKeyId,
    SecretAccessKey: credentials.secretAccessKey,
    Token: credentials.sessionToken,
    Expiration: isoSeconds(credentials.expiration),
    ...(credentials.accountId ? { AccountId: credentials.accountId } : {}),
  });
}

export type EndpointErrorCode = 'AccessDenied' | 'NotFound' | 'MethodNotAllowed' | 'CredentialsUnavailable' | 'InternalError';

export function errorBody(code: EndpointErrorCode, message: string): string {
  return JSON.stringify({ Code: code, Message: message });
}
