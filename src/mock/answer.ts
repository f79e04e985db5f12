// Every answer the mock gives is made here, with the request id it was given: the success of an
// action (STS, or Ceph's S3 ListBuckets), a document of the OIDC issuer, or a refusal in the
// flavor's shape, its code and status from the flavor's error table.
import { AWS_ERROR_STATUS, type MockError, type MockErrorCode } from './errors.js';
import type { FaultDecision } from './control/faults.js';
import type { AnswerSpec, ErrorSpec, FlavorError, FlavorSpec } from './flavors.js';
import { randomBytesPooled, randomUuid } from './random.js';
import { renderError, renderSuccess } from './xml.js';
import type { ActionResult, StsAction } from './actions/types.js';

/** One answer, as the server writes it and logs it. */
export interface MockAnswer {
  status: number;
  /** A fresh object per answer (the server adds content-length to it). */
  headers: Record<string, string>;
  body: string;
  requestId: string;
  /** For the log and the journal. */
  action?: string;
  accessKeyId?: string;
  /** Who signed the request, once the signature checked out. */
  callerArn?: string;
  code?: string;
  /** Why it was refused, in a few words (never a secret). */
  reason?: string;
  /** Close the connection without answering (an injected fault). */
  drop?: true;
}

function hex(n: number): string {
  return randomBytesPooled(Math.ceil(n / 2))
    .toString('hex')
    .slice(0, n);
}

/** A request id in the flavor's style: a UUID (AWS), radosgw's `tx…` (which holds the time, asked of `now` only then) or ECS's colon-separated hex. */
export function newRequestId(spec: AnswerSpec, now: () => Date): string {
  if (spec.requestIdStyle === 'rgw')
    return `tx00000${hex(16)}-${Math.floor(now().getTime() / 1000)
      .toString(16)
      .padStart(10, '0')}-mock-default`;
  if (spec.requestIdStyle === 'ecs') return `${hex(8)}:${hex(11)}:${hex(5)}:${hex(1)}`;
  return randomUuid();
}

function headersWithId(spec: AnswerSpec, contentType: string, requestId: string): Record<string, string> {
  const headers: Record<string, string> = { 'content-type': contentType };
  headers[spec.requestIdHeader] = requestId;
  return headers;
}

/** A 200 to `action`, its request id in the flavor's header. */
export function actionAnswer(spec: AnswerSpec, requestId: string, action: string, contentType: string, body: string, accessKeyId?: string): MockAnswer {
  const answer: MockAnswer = { status: 200, headers: headersWithId(spec, contentType, requestId), body, requestId, action };
  if (accessKeyId) answer.accessKeyId = accessKeyId;
  return answer;
}

/** A 200 to an STS action: its result in the flavor's `<Action>Response` document. */
export function stsAnswer(spec: AnswerSpec, requestId: string, action: StsAction, out: ActionResult): MockAnswer {
  return actionAnswer(spec, requestId, action, spec.contentType, renderSuccess(spec, action, out.result, requestId), out.accessKeyId);
}

/**
 * A document of the OIDC issuer: not an AWS answer, so no request id header; never cached. A 200,
 * or the refusal it carries (GitHub's token service answers 401 in JSON, not an STS error).
 */
export function documentAnswer(requestId: string, contentType: string, body: string, refused?: { status: number; code: string; detail: string }): MockAnswer {
  const answer: MockAnswer = { status: refused?.status ?? 200, headers: { 'content-type': contentType, 'cache-control': 'no-store' }, body, requestId };
  if (refused) {
    answer.code = refused.code;
    answer.reason = refused.detail;
  }
  return answer;
}

/** The flavor's code and status for a mock error; Ceph's S3 layer (actions `S3:…`) has a table of its own. */
function flavorError(errors: ErrorSpec, code: MockErrorCode, action: string | undefined): FlavorError {
  if (errors.s3 !== undefined && action?.startsWith('S3:')) return errors.s3.codes[code] ?? errors.s3.otherwise;
  return errors.codes[code] ?? { code, status: AWS_ERROR_STATUS[code] };
}

/** A refusal in the flavor's shape; `action` is the one that refused, when there was one. */
export function refusal(spec: FlavorSpec, requestId: string, error: MockError, action?: string): MockAnswer {
  const { code, status } = flavorError(spec.errors, error.code, action);
  const answer: MockAnswer = {
    status,
    headers: headersWithId(spec.answer, spec.errors.contentType, requestId),
    body: renderError(spec.errors.shape, code, error.message, requestId, status),
    requestId,
    code,
    reason: error.detail ?? error.message,
  };
  if (action !== undefined) answer.action = action;
  return answer;
}

/**
 * What a fault that errs or drops answers: its error in the flavor's shape (the code as the fault
 * names it, not remapped by the flavor's table), or nothing at all (`drop`, status 0).
 */
export function faultAnswer(spec: FlavorSpec, requestId: string, fault: FaultDecision, action: string): MockAnswer {
  if (fault.drop || fault.code === undefined)
    return { status: 0, headers: {}, body: '', requestId, action, reason: `connection dropped by fault ${fault.id}`, drop: true };
  const status = fault.status ?? 500;
  return {
    status,
    headers: headersWithId(spec.answer, spec.errors.contentType, requestId),
    body: renderError(spec.errors.shape, fault.code, fault.message ?? '', requestId, status),
    requestId,
    action,
    code: fault.code,
    reason: `injected by fault ${fault.id}`,
  };
}
