// Asks the endpoint what it is (SPEC §9): an unsigned GetCallerIdentity as a POST form (where every
// STS call goes), the same as a GET query, and the origin's OIDC discovery (sts-cli's mock serves
// one). Unsigned on purpose: the answers' shapes tell the dialects apart, and nothing is proven.
import type { Dispatcher } from 'undici';
import { type HttpFailure, httpRequest } from '../http/httpRequest.js';
import type { DialectName as RequestDialect } from '../sts/dialects.js';
import { getCallerIdentityForm } from '../sts/form.js';
import { buildStsRequest } from '../sts/request.js';
import type { DialectObservations, ProbeAnswer } from './detectDialect.js';

export interface EndpointProbe {
  observations: DialectObservations;
  /** The POST's answer and when it arrived: the HTTP and clock checks read it. */
  first?: { answer: ProbeAnswer; receivedAt: Date; elapsedMs: number };
  /** Why the POST got no answer. */
  failure?: HttpFailure;
}

export interface ProbeInput {
  agent: Dispatcher;
  endpoint: string;
  dialect: RequestDialect;
  region: string;
  timeoutMs: number;
  userAgent: string;
  now: () => Date;
}

/** The three unsigned requests; the later two only once the first has been answered. */
export async function probeEndpoint(input: ProbeInput): Promise<EndpointProbe> {
  const { request } = buildStsRequest({
    dialect: input.dialect,
    endpoint: input.endpoint,
    form: getCallerIdentityForm(),
    auth: { kind: 'none' },
    region: input.region,
    now: input.now(),
    userAgent: input.userAgent,
  });
  const origin = new URL(input.endpoint).origin;
  const started = performance.now();
  const post = await httpRequest(input.agent, { url: request.url, method: 'POST', headers: request.headers, body: request.body, timeoutMs: input.timeoutMs });
  if (!post.ok) return { observations: { origin }, failure: post };
  const first = { answer: post, receivedAt: input.now(), elapsedMs: performance.now() - started };
  const userAgent = { 'user-agent': input.userAgent };
  const [get, discovery] = await Promise.all([
    httpRequest(input.agent, { url: `${request.url}?${request.body}`, headers: userAgent, timeoutMs: input.timeoutMs }),
    httpRequest(input.agent, { url: `${origin}/.well-known/openid-configuration`, headers: userAgent, timeoutMs: input.timeoutMs }),
  ]);
  return {
    observations: { origin, post, ...(get.ok ? { get } : {}), ...(discovery.ok ? { discovery } : {}) },
    first,
  };
}
