// The control plane's HTTP surface under /_sts-cli/ (SPEC §10), as a function of plain values:
// a request in, a JSON (or the dashboard's HTML) answer out. Bad input gets a 400 with one
// sentence, unknown paths 404, wrong methods 405; it never throws. The live event stream is
// the one answer it cannot give as a value: it says `events` and the node listener streams.
// Bad input is thrown as a UsageError inside and answered as a 400 here.
import { UsageError } from '../../errors.js';
import { checkAccess } from './access.js';
import { DASHBOARD_HEADERS, DASHBOARD_HTML } from './dashboard.js';
import type { ControlPlane } from './controlPlane.js';
import { checkAccessKeyId } from './sessions.js';

export const CONTROL_PREFIX = '/_sts-cli';
export const MAX_CONTROL_BODY_BYTES = 64 * 1024;

/** Is this request path the control plane's? (`/_sts-cli`, `/_sts-cli/…`) */
export function isControlPath(path: string): boolean {
  return path.startsWith(CONTROL_PREFIX) && (path.length === CONTROL_PREFIX.length || path[CONTROL_PREFIX.length] === '/');
}

/** The request as the handler reads it; the mock's MockRequest fits as it is. */
export interface ControlRequest {
  readonly method: string;
  /** The path without the query, starting with /_sts-cli. */
  readonly path: string;
  readonly rawQuery: string;
  /** Lower-cased names. */
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly body: Buffer | string;
}

export interface ControlResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** Set for GET /_sts-cli/events once access is granted: open the event stream instead. */
  events?: true;
}

type Method = 'GET' | 'POST' | 'DELETE';
type Handler = (plane: ControlPlane, req: ControlRequest, id: string) => ControlResponse;

const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' };

export function json(status: number, value: unknown, extra?: Record<string, string>): ControlResponse {
  return { status, headers: { ...JSON_HEADERS, ...extra }, body: `${JSON.stringify(value)}\n` };
}

export function problem(status: number, message: string, extra?: Record<string, string>): ControlResponse {
  return json(status, { error: message }, extra);
}

function query(req: ControlRequest): URLSearchParams {
  const params = new URLSearchParams(req.rawQuery);
  for (const name of new Set(params.keys())) {
    if (params.getAll(name).length > 1) throw new UsageError(`The query parameter "${name.slice(0, 32)}" is given more than once.`);
  }
  return params;
}

/** The JSON object a POST carries, checked for type and size; `allowed` names its fields. */
function body(req: ControlRequest, allowed: readonly string[]): Record<string, unknown> {
  const type = req.headers['content-type'] ?? '';
  if (!/^application\/json\s*(;|$)/i.test(type)) throw new UsageError('Send the body as JSON, with Content-Type: application/json.');
  const text = typeof req.body === 'string' ? req.body : req.body.toString('utf8');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new UsageError('The body is not valid JSON.');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new UsageError('The body must be a JSON object.');
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) throw new UsageError(`Unknown field "${key.slice(0, 32)}"; expected ${allowed.join(', ')}.`);
  }
  return value as Record<string, unknown>;
}

function checked<T>(result: { ok: true; value: T } | { ok: false; message: string }): T {
  if (!result.ok) throw new UsageError(result.message);
  return result.value;
}

const listRequests: Handler = (plane, req) => {
  const q = query(req);
  const limitText = q.get('limit');
  const action = q.get('action') ?? undefined;
  let limit: number | undefined;
  if (limitText !== null) {
    limit = /^\d{1,6}$/.test(limitText) ? Number(limitText) : Number.NaN;
    if (!(limit >= 1 && limit <= plane.journal.capacity)) throw new UsageError(`limit must be a whole number from 1 to ${plane.journal.capacity}.`);
  }
  if (action !== undefined && (action.length === 0 || action.length > 64)) throw new UsageError('action must be an action name of 1 to 64 characters.');
  return json(200, { requests: plane.journal.list({ action, limit }) });
};

const setClock: Handler = (plane, req) => {
  const b = body(req, ['advanceSeconds', 'set']);
  const advance = Object.hasOwn(b, 'advanceSeconds');
  if (advance === Object.hasOwn(b, 'set')) throw new UsageError('Send either {"advanceSeconds": N} or {"set": "ISO 8601 time"}.');
  if (advance) checked(plane.clock.advance(b.advanceSeconds as number));
  else checked(plane.clock.set(b.set as string));
  return json(200, plane.clock.state());
};

const ROUTES: Record<string, Partial<Record<Method, Handler>>> = {
  '': { GET: () => ({ status: 308, headers: { location: `${CONTROL_PREFIX}/`, 'cache-control': 'no-store' }, body: '' }) },
  '/': { GET: () => ({ status: 200, headers: { ...DASHBOARD_HEADERS }, body: DASHBOARD_HTML }) },
  '/health': { GET: (plane) => json(200, plane.health()) },
  '/events': { GET: () => ({ status: 200, headers: {}, body: '', events: true }) },
  '/requests': {
    GET: listRequests,
    DELETE: (plane) => json(200, { cleared: plane.journal.clear() }),
  },
  '/sessions': { GET: (plane) => json(200, { now: plane.clock.state().now, sessions: plane.sessions.list() }) },
  '/revoke': {
    POST: (plane, req) => {
      const accessKeyId = checked(checkAccessKeyId(body(req, ['accessKeyId']).accessKeyId));
      const { known } = checked(plane.sessions.revoke(accessKeyId));
      return json(200, { revoked: accessKeyId, known });
    },
  },
  '/faults': {
    GET: (plane) => json(200, { faults: plane.faults.list() }),
    POST: (plane, req) => json(201, checked(plane.faults.add(body(req, ['action', 'error', 'status', 'message', 'delayMs', 'drop', 'count', 'rate'])))),
    DELETE: (plane) => json(200, { removed: plane.faults.clear() }),
  },
  '/faults/:id': {
    GET: (plane, _req, id) => {
      const fault = plane.faults.list().find((f) => f.id === id);
      return fault ? json(200, fault) : problem(404, 'No active fault has that id.');
    },
    DELETE: (plane, _req, id) => (plane.faults.remove(id) ? json(200, { removed: 1 }) : problem(404, 'No active fault has that id.')),
  },
  '/clock': {
    GET: (plane) => json(200, plane.clock.state()),
    POST: setClock,
    DELETE: (plane) => {
      plane.clock.reset();
      return json(200, plane.clock.state());
    },
  },
};

const ENDPOINTS = 'health, requests, sessions, revoke, faults, clock, events and the dashboard at /_sts-cli/';

function route(path: string): { key: string; id: string } | undefined {
  const rest = path.slice(CONTROL_PREFIX.length);
  if (Object.hasOwn(ROUTES, rest) && rest !== '/faults/:id') return { key: rest, id: '' };
  const fault = /^\/faults\/([\w-]{1,32})$/.exec(rest);
  return fault ? { key: '/faults/:id', id: fault[1]! } : undefined;
}

/** Answers one control request (path under /_sts-cli). Never throws. */
export function handleControlRequest(plane: ControlPlane, req: ControlRequest): ControlResponse {
  try {
    const found = route(req.path);
    if (found?.key === '/health' && (req.method === 'GET' || req.method === 'HEAD')) return json(200, plane.health());
    const verdict = checkAccess(plane.access, req.headers, found?.key === '' || found?.key === '/');
    if (!verdict.ok) return problem(verdict.status, verdict.message);
    if (!found) return problem(404, `There is no control endpoint at this path; the endpoints are ${ENDPOINTS}.`);
    const methods = ROUTES[found.key]!;
    const method = (req.method === 'HEAD' ? 'GET' : req.method) as Method;
    const handler = Object.hasOwn(methods, method) ? methods[method] : undefined;
    if (!handler) {
      const allow = Object.keys(methods).flatMap((m) => (m === 'GET' ? ['GET', 'HEAD'] : [m]));
      return problem(405, `This control endpoint accepts ${allow.join(', ')}, not ${req.method.slice(0, 16)}.`, { allow: allow.join(', ') });
    }
    const size = typeof req.body === 'string' ? Buffer.byteLength(req.body) : req.body.length;
    if (size > MAX_CONTROL_BODY_BYTES) return problem(413, `Control request bodies are limited to ${MAX_CONTROL_BODY_BYTES} bytes.`);
    return handler(plane, req, found.id);
  } catch (error) {
    if (error instanceof UsageError) return problem(400, error.message);
    return problem(500, 'The control plane failed to answer this request.');
  }
}
