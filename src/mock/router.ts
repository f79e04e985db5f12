// One request in, one answer out: OIDC routes, Ceph's S3 GET, then the STS actions. Every
// refusal becomes the flavor's XML error; anything unexpected a 500, never a crash.
import { randomUUID } from 'node:crypto';
import { assumeRole } from './actions/assumeRole.js';
import { assumeRoleWithWebIdentity } from './actions/assumeRoleWithWebIdentity.js';
import { getCallerIdentity } from './actions/getCallerIdentity.js';
import { getSessionToken } from './actions/getSessionToken.js';
import { AWS_ERROR_STATUS, MockError } from './errors.js';
import type { AnswerSpec, ErrorSpec, FlavorError, FlavorSpec } from './flavors.js';
import { handleOidc, isOidcPath } from './oidcEndpoints.js';
import { isFormRequest, readParams } from './params.js';
import { randomBytesPooled } from './random.js';
import { listBuckets, S3Refusal } from './s3.js';
import { renderError, renderSuccess } from './xml.js';
import type { Action, StsAction } from './actions/types.js';
import type { MockContext, MockRequest, MockResponse } from './context.js';

const ACTIONS: Record<StsAction, Action> = {
  AssumeRole: assumeRole,
  AssumeRoleWithWebIdentity: assumeRoleWithWebIdentity,
  GetCallerIdentity: getCallerIdentity,
  GetSessionToken: getSessionToken,
};

export function newRequestId(spec: AnswerSpec, now: Date): string {
  const hex = (n: number) =>
    randomBytesPooled(Math.ceil(n / 2))
      .toString('hex')
      .slice(0, n);
  if (spec.requestIdStyle === 'rgw')
    return `tx00000${hex(16)}-${Math.floor(now.getTime() / 1000)
      .toString(16)
      .padStart(10, '0')}-mock-default`;
  if (spec.requestIdStyle === 'ecs') return `${hex(8)}:${hex(11)}:${hex(5)}:${hex(1)}`;
  return randomUUID();
}

/** A fresh headers object per answer (the server adds content-length to it). */
function responseHeaders(spec: AnswerSpec, contentType: string, requestId: string): Record<string, string> {
  const headers: Record<string, string> = { 'content-type': contentType };
  headers[spec.requestIdHeader] = requestId;
  return headers;
}

/** The flavor's code and status for a mock error. */
function errorFor(errors: ErrorSpec, code: MockError['code']): FlavorError {
  return errors.codes[code] ?? { code, status: AWS_ERROR_STATUS[code] };
}

export function errorResponse(spec: FlavorSpec, error: MockError, requestId: string, action?: string): MockResponse {
  const { code, status } = errorFor(spec.errors, error.code);
  return {
    status,
    headers: responseHeaders(spec.answer, spec.errors.contentType, requestId),
    body: renderError(spec.errors.shape, code, error.message, requestId, status),
    code,
    detail: error.detail ?? error.message,
    ...(action ? { action } : {}),
  };
}

async function sts(ctx: MockContext, req: MockRequest, requestId: string): Promise<MockResponse> {
  const { spec } = ctx;
  const { route } = spec;
  if (route.path !== null && req.path !== route.path) throw new MockError('NotFound', `Nothing is served at ${req.path}; the STS is at ${route.path}.`);
  if (req.method !== 'POST' && !(req.method === 'GET' && route.acceptsGet)) {
    throw new MockError('MethodNotAllowed', `The STS accepts POST requests, not ${req.method}.`);
  }
  const params = readParams(spec.form, req);
  const action = params.get('Action');
  if (!action) throw new MockError('InvalidAction', 'Could not find operation  for version NO_VERSION_SPECIFIED');
  const version = params.get('Version');
  if (route.checkVersion && version !== '2011-06-15') {
    if (version === undefined) throw new MockError('MissingParameter', 'The request must contain the parameter Version');
    throw new MockError('InvalidAction', `Could not find operation ${action} for version ${version}`);
  }
  if (!(route.actions as ReadonlySet<string>).has(action))
    throw new MockError('InvalidAction', `Could not find operation ${action} for version ${version ?? 'NO_VERSION_SPECIFIED'}`);
  // MinIO routes AssumeRole only as a POST with a form body and nothing in the query string.
  if (route.assumeRoleNeedsPostForm && action === 'AssumeRole' && (req.rawQuery !== '' || !isFormRequest(req))) {
    throw new MockError('MethodNotAllowed', 'AssumeRole must be a POST with a form-encoded body and an empty query string.');
  }
  try {
    const out = await ACTIONS[action as StsAction](ctx, req, params);
    const answer: MockResponse = {
      status: 200,
      headers: responseHeaders(spec.answer, spec.answer.contentType, requestId),
      body: renderSuccess(spec.answer, action, out.result, requestId),
      action,
    };
    if (out.accessKeyId) answer.accessKeyId = out.accessKeyId;
    return answer;
  } catch (error) {
    if (error instanceof MockError) return errorResponse(spec, error, requestId, action);
    throw error;
  }
}

/** Answers one request. Never throws. */
export async function handleRequest(ctx: MockContext, req: MockRequest): Promise<MockResponse & { requestId: string }> {
  const requestId = newRequestId(ctx.spec.answer, ctx.now());
  try {
    const oidc = isOidcPath(req.path) ? await handleOidc(ctx, req) : null;
    if (oidc) return withId(oidc, requestId);
    if (ctx.spec.route.getIsS3 && req.method === 'GET') {
      const out = listBuckets(ctx, req);
      return { ...out, headers: { ...out.headers, [ctx.spec.answer.requestIdHeader]: requestId }, requestId };
    }
    return withId(await sts(ctx, req, requestId), requestId);
  } catch (error) {
    if (error instanceof S3Refusal) {
      return {
        status: error.status,
        headers: responseHeaders(ctx.spec.answer, 'application/xml', requestId),
        body: renderError(ctx.spec.errors.shape, error.s3Code, '', requestId, error.status),
        code: error.s3Code,
        detail: error.cause.detail ?? error.cause.message,
        action: 'S3:ListBuckets',
        requestId,
      };
    }
    const mockError =
      error instanceof MockError
        ? error
        : new MockError(
            'InternalFailure',
            'The mock STS failed to process the request.',
            error instanceof Error ? `${error.name}: ${error.message}` : 'unknown',
          );
    return withId(errorResponse(ctx.spec, mockError, requestId), requestId);
  }
}

function withId(answer: MockResponse, requestId: string): MockResponse & { requestId: string } {
  const out = answer as MockResponse & { requestId: string };
  out.requestId = requestId;
  return out;
}
