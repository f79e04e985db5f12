// How each kind of STS endpoint wants a request, as data (STYLE principle 4): the request
// builder reads this table instead of branching on the dialect. A client speaks one dialect for
// every call; how a call authenticates (sts/auth.ts) is a separate choice.
import type { AuthKind } from './auth.js';

export type DialectName = 'aws' | 'ecs';

export interface Dialect {
  name: DialectName;
  /**
   * Where STS answers, below the endpoint's own path. It belongs to the endpoint, not to the auth
   * mode: every call of the dialect goes there, unless the endpoint's path already ends in it.
   */
  path: string;
  /** Where a call's form pairs travel, by how it authenticates: a form-encoded body, or the query string of a POST with an empty body. */
  params: Readonly<Record<AuthKind, 'body' | 'query'>>;
}

export const FORM_CONTENT_TYPE = 'application/x-www-form-urlencoded; charset=utf-8';

export const dialects: Readonly<Record<DialectName, Dialect>> = {
  // AWS, MinIO, Ceph, moto, LocalStack: POST to the endpoint's path, empty query, form body.
  aws: { name: 'aws', path: '', params: { sigv4: 'body', 'ecs-token': 'body', none: 'body' } },
  // Dell ECS: POST <endpoint>/sts?Action=… with an empty body, as its documentation shows. An
  // unsigned AssumeRoleWithWebIdentity keeps its token in a form body, out of URLs and their logs.
  ecs: { name: 'ecs', path: '/sts', params: { sigv4: 'query', 'ecs-token': 'query', none: 'body' } },
};

/** The dialect of a client that names none: Dell ECS's with an ECS token, else AWS's. */
export function dialectFor(auth: AuthKind): DialectName {
  return auth === 'ecs-token' ? 'ecs' : 'aws';
}
