// How each kind of STS endpoint wants a request, as data (STYLE principle 4): the request
// builder reads this table instead of branching on the dialect.

export type DialectName = 'aws' | 'ecs' | 'none';

export interface Dialect {
  name: DialectName;
  /** Appended to the endpoint's own path (`/sts` for Dell ECS). */
  pathSuffix: string;
  /** Where the form pairs travel: a form-encoded body, or the query string of a POST with an empty body. */
  params: 'body' | 'query';
  /** How the request proves who sends it. */
  auth: 'sigv4' | 'header-token' | 'none';
  /** The header that carries the token when `auth` is `header-token`. */
  tokenHeader?: string;
}

export const FORM_CONTENT_TYPE = 'application/x-www-form-urlencoded; charset=utf-8';
export const SIGNING_SERVICE = 'sts';

export const dialects: Readonly<Record<DialectName, Dialect>> = {
  // AWS, MinIO, Ceph, moto, LocalStack: POST to the endpoint's path, empty query, form body, SigV4.
  aws: { name: 'aws', pathSuffix: '', params: 'body', auth: 'sigv4' },
  // Dell ECS: POST <endpoint>/sts?Action=…, X-SDS-AUTH-TOKEN instead of a signature, empty body.
  ecs: { name: 'ecs', pathSuffix: '/sts', params: 'query', auth: 'header-token', tokenHeader: 'X-SDS-AUTH-TOKEN' },
  // AssumeRoleWithWebIdentity everywhere: the AWS shape, unsigned (the JWT proves identity).
  none: { name: 'none', pathSuffix: '', params: 'body', auth: 'none' },
};

/** The dialect for a client's auth kind. */
export const dialectForAuth: Readonly<Record<'sigv4' | 'ecs-token' | 'none', DialectName>> = {
  sigv4: 'aws',
  'ecs-token': 'ecs',
  none: 'none',
};

/** Codes worth another attempt (SPEC §2 transport), besides any HTTP 5xx. */
export const RETRYABLE_CODES: ReadonlySet<string> = new Set(['Throttling', 'ThrottlingException', 'RequestThrottled', 'IDPCommunicationError']);
