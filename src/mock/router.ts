// One request in, one answer out: OIDC routes, Ceph's S3 GET, the page for a browser at /, then the STS actions (or the fault
// injected for them). Every refusal becomes the flavor's XML error; anything unexpected a 500,
// never a crash. Every answer goes into the journal.
import { assumeRole } from './actions/assumeRole.js';
import { assumeRoleWithWebIdentity } from './actions/assumeRoleWithWebIdentity.js';
import { getCallerIdentity } from './actions/getCallerIdentity.js';
import { getSessionToken } from './actions/getSessionToken.js';
import { actionAnswer, documentAnswer, faultAnswer, type MockAnswer, newRequestId, refusal, stsAnswer } from './answer.js';
import { MockError } from './errors.js';
import type { RouteSpec } from './flavors.js';
import { isLandingRequest, LANDING_CONTENT_TYPE, landingPage } from './landingPage.js';
import { handleOidc, isOidcPath } from './oidcEndpoints.js';
import { type FormText, isFormRequest, type Params, readParams, repeatedParameter } from './params.js';
import { LIST_BUCKETS, listBuckets } from './s3.js';
import type { Action, StsAction } from './actions/types.js';
import type { MockContext, MockRequest } from './context.js';

const ACTIONS: Record<StsAction, Action> = {
  AssumeRole: assumeRole,
  AssumeRoleWithWebIdentity: assumeRoleWithWebIdentity,
  GetCallerIdentity: getCallerIdentity,
  GetSessionToken: getSessionToken,
};

/** Whether the flavor serves STS at this path and method. */
function checkStsRoute(route: RouteSpec, req: MockRequest): void {
  if (route.path !== null && req.path !== route.path) throw new MockError('NotFound', `Nothing is served at ${req.path}; the STS is at ${route.path}.`);
  if (req.method !== 'POST' && !(req.method === 'GET' && route.acceptsGet)) {
    throw new MockError('MethodNotAllowed', `The STS accepts POST requests, not ${req.method}.`);
  }
}

/** The action the parameters name, if the flavor answers it in this version and form. */
function stsAction(route: RouteSpec, req: MockRequest, params: Params): StsAction {
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
  return action as StsAction;
}

function unexpected(error: unknown): MockError {
  if (error instanceof MockError) return error;
  const detail = error instanceof Error ? `${error.name}: ${error.message}` : 'unknown';
  return new MockError('InternalFailure', 'The mock STS failed to process the request.', detail);
}

function sleep(ms: number): Promise<void> {
  // Unref'd: a delayed answer does not hold a closing process open.
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

/**
 * Answers one request; never throws (nor rejects). Every request the server reads passes here
 * once, and every answer leaves through one of the builders of answer.ts, a refusal through one
 * of the catches. Once the action is known an injected fault may answer instead (late, with its
 * error, or not at all); every answer is then recorded in the journal. Synchronous unless
 * something must wait (an OIDC document, a fault's delay, an action that awaits): most answers
 * then cost no promise and no turn of the microtask queue.
 */
export function handleRequest(ctx: MockContext, req: MockRequest): MockAnswer | Promise<MockAnswer> {
  const { clock } = ctx.control;
  // The synchronous part of an answer happens at one instant; what waits (a fault's delay, an
  // OIDC document) reads the clock again when it resumes.
  const held = clock.hold();
  try {
    const state: Answering = { params: undefined };
    const answer = answerRequest(ctx, req, state);
    return answer instanceof Promise ? answer.then((a) => journaled(ctx, req, state, a)) : journaled(ctx, req, state, answer);
  } finally {
    if (held) clock.release();
  }
}

function journaled(ctx: MockContext, req: MockRequest, state: Answering, answer: MockAnswer): MockAnswer {
  const { control } = ctx;
  if (control.enabled) {
    if (req.callerArn !== undefined) answer.callerArn = req.callerArn;
    control.journal.record(answer, state.params, req.body.length + req.rawQuery.length, state.form);
  }
  return answer;
}

/** What the journal wants to know of a request besides its answer: its parameters, once read. */
interface Answering {
  params: Params | undefined;
  form?: FormText | undefined;
}

function answerRequest(ctx: MockContext, req: MockRequest, state: Answering): MockAnswer | Promise<MockAnswer> {
  const requestId = newRequestId(ctx.spec.answer, ctx.now);
  if (!isOidcPath(req.path)) return answerOthers(ctx, req, state, requestId);
  return handleOidc(ctx, req).then(
    (document) => (document ? documentAnswer(requestId, document.contentType, document.body, document.refused) : answerOthers(ctx, req, state, requestId)),
    (error: unknown) => refusal(ctx.spec, requestId, unexpected(error)),
  );
}

/** Everything but the OIDC documents: Ceph's S3 GET, the page for a browser, the STS actions; a refusal for whatever throws. */
function answerOthers(ctx: MockContext, req: MockRequest, state: Answering, requestId: string): MockAnswer | Promise<MockAnswer> {
  const { spec, control } = ctx;
  let action: string | undefined;
  const refuse = (error: unknown) => refusal(spec, requestId, unexpected(error), action);
  const route = (): MockAnswer | Promise<MockAnswer> => {
    if (spec.route.getIsS3 && req.method === 'GET') {
      action = LIST_BUCKETS;
      const out = listBuckets(ctx, req);
      return actionAnswer(spec.answer, requestId, LIST_BUCKETS, out.contentType, out.body, out.accessKeyId);
    }
    if (isLandingRequest(req)) return documentAnswer(requestId, LANDING_CONTENT_TYPE, landingPage(ctx));
    checkStsRoute(spec.route, req);
    const { params, repeated, form } = readParams(spec.form, req);
    state.params = params;
    state.form = form;
    const name = stsAction(spec.route, req, params);
    action = name;
    // Each parameter once: a presigned URL's Action must not be flippable by a second copy (SPEC §11).
    if (repeated !== undefined) throw repeatedParameter(repeated);
    const fault = control.enabled && control.faults.size !== 0 ? control.faults.match(name) : undefined;
    if (fault) {
      const answer = () => (fault.drop || fault.code !== undefined ? faultAnswer(spec, requestId, fault, name) : act(ctx, req, params, requestId, name));
      return fault.delayMs > 0 ? sleep(fault.delayMs).then(answer) : answer();
    }
    return act(ctx, req, params, requestId, name);
  };
  try {
    const answer = route();
    return answer instanceof Promise ? answer.catch(refuse) : answer;
  } catch (error) {
    return refuse(error);
  }
}

/** The action's own answer. */
function act(ctx: MockContext, req: MockRequest, params: Params, requestId: string, name: StsAction): MockAnswer | Promise<MockAnswer> {
  const out = ACTIONS[name](ctx, req, params);
  return out instanceof Promise ? out.then((result) => stsAnswer(ctx.spec.answer, requestId, name, result)) : stsAnswer(ctx.spec.answer, requestId, name, out);
}
