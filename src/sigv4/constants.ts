// Protocol strings of AWS Signature Version 4, in one place.
export const ALGORITHM = 'AWS4-HMAC-SHA256';
export const TERMINATOR = 'aws4_request';
export const AUTHORIZATION_HEADER = 'authorization';
export const AMZ_DATE_HEADER = 'x-amz-date';
export const SECURITY_TOKEN_HEADER = 'x-amz-security-token';
export const CONTENT_SHA256_HEADER = 'x-amz-content-sha256';
export const UNSIGNED_PAYLOAD = 'UNSIGNED-PAYLOAD';
export const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
/** The longest X-Amz-Expires of a presigned URL: seven days. */
export const PRESIGN_MAX_EXPIRES_SECONDS = 7 * 24 * 3600;

/** Query parameters of a presigned URL. */
export const QUERY = {
  algorithm: 'X-Amz-Algorithm',
  credential: 'X-Amz-Credential',
  date: 'X-Amz-Date',
  expires: 'X-Amz-Expires',
  signedHeaders: 'X-Amz-SignedHeaders',
  securityToken: 'X-Amz-Security-Token',
  signature: 'X-Amz-Signature',
} as const;

/** Headers proxies and agents may change in flight, so they are never signed (as the SDKs do). */
export const UNSIGNABLE_HEADERS = new Set([
  'authorization',
  'cache-control',
  'connection',
  'expect',
  'from',
  'keep-alive',
  'max-forwards',
  'pragma',
  'referer',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'user-agent',
  'x-amzn-trace-id',
]);

/** Header name prefixes never signed either: proxy credentials and browser fetch metadata (as smithy does). */
export const UNSIGNABLE_HEADER_PREFIXES = ['proxy-', 'sec-'] as const;
