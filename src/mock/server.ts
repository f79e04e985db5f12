// The HTTP edge: reads a request (body capped at 64 KiB → 413), hands plain values to the
// router (or to the control plane under /_sts-cli/), writes the answer, logs one entry. Nothing a
// client sends can crash it. Over TLS the same handler sits behind node:https.
import { createServer, type IncomingMessage, type RequestListener, type Server, type ServerOptions, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { Socket } from 'node:net';
import { BoundedCache } from '../boundedCache.js';
import { type MockAnswer, newRequestId, refusal } from './answer.js';
import { controlListener, splitTarget } from './control/controlListener.js';
import { CONTROL_PREFIX, isControlPath } from './control/controlRoutes.js';
import { MockError } from './errors.js';
import { handleRequest } from './router.js';
import type { MockContext, MockRequest } from './context.js';
import type { MockRequestLog } from './types.js';

export const MAX_BODY_BYTES = 64 * 1024;

/**
 * How long and how many (SPEC §11): Node's defaults let a client hold a connection for a minute per
 * header and five per request, with no cap on connections. A local STS answers in milliseconds, so
 * a client that trickles its headers or body is cut off, and an idle keep-alive socket closed.
 */
export const CONNECTION_BOUNDS = {
  /** Open connections per process; more are closed as they arrive. */
  maxConnections: 1024,
  /** From the first byte until every header has arrived. */
  headersTimeoutMs: 10_000,
  /** From the first byte until the whole body has arrived. */
  requestTimeoutMs: 15_000,
  /** An idle keep-alive connection between requests. */
  keepAliveTimeoutMs: 5_000,
  /** How often Node checks the two timeouts above (its default, 30 s, would let them overrun by that much). */
  checkIntervalMs: 1_000,
} as const;

const SERVER_OPTIONS: ServerOptions = {
  maxHeaderSize: 16 * 1024,
  headersTimeout: CONNECTION_BOUNDS.headersTimeoutMs,
  requestTimeout: CONNECTION_BOUNDS.requestTimeoutMs,
  keepAliveTimeout: CONNECTION_BOUNDS.keepAliveTimeoutMs,
  connectionsCheckingInterval: CONNECTION_BOUNDS.checkIntervalMs,
};

class BodyTooLarge extends Error {}

/** Calls `done` once with the whole body, or with BodyTooLarge past MAX_BODY_BYTES. */
function readBody(req: IncomingMessage, declaredLength: string | undefined, done: (error: unknown, body?: Buffer) => void): void {
  const declared = Number(declaredLength);
  if (Number.isFinite(declared) && declared > MAX_BODY_BYTES) {
    done(new BodyTooLarge());
    return;
  }
  let first: Buffer | undefined;
  let more: Buffer[] | undefined;
  let size = 0;
  let settled = false;
  const settle = (error: unknown, body?: Buffer) => {
    if (settled) return;
    settled = true;
    done(error, body);
  };
  req.on('data', (chunk: Buffer) => {
    if (settled) return;
    size += chunk.length;
    if (size > MAX_BODY_BYTES) {
      req.removeAllListeners('data');
      settle(new BodyTooLarge());
    } else if (first === undefined) first = chunk;
    else {
      more ??= [first];
      more.push(chunk);
    }
  });
  req.on('end', () => settle(null, more ? Buffer.concat(more, size) : (first ?? EMPTY)));
  req.on('error', (error) => settle(error));
}

const EMPTY = Buffer.alloc(0);

// A plain object, as node:http's own req.headers: V8 keeps a null-prototype object as a hash
// table, slower to fill and to read (measured: 19 500 against 8 100 instructions for a signed
// request's headers and the signer's look-ups). A request with a header named like a member of
// Object.prototype (`__proto__`, `constructor`) gets the null-prototype kind, which has none.
// Names are lower-cased first, so only Object.prototype's lower-case names can collide (`__proto__`, `constructor`).
const PROTOTYPE_NAMES = Object.getOwnPropertyNames(Object.prototype).filter((name) => name === name.toLowerCase());

/** Lower-cased names, repeated headers joined with `,` (as SigV4 wants them), from the raw list. */
function collectHeaders(raw: readonly string[]): Record<string, string> {
  let headers: Record<string, string> = {};
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i]!.toLowerCase();
    if (PROTOTYPE_NAMES.includes(name) && Object.getPrototypeOf(headers) !== null) headers = Object.assign(Object.create(null), headers);
    const value = raw[i + 1]!;
    const previous = headers[name];
    headers[name] = previous === undefined ? value : `${previous},${value}`;
  }
  return headers;
}

interface ParsedTarget {
  /** The URL as the client signed it: its Host, the path and query exactly as sent. */
  url: string;
  path: string;
  rawQuery: string;
}

// WHATWG URL parsing of the same Host and target (every STS call is `POST /`), kept: a small
// bounded memo of a pure function. Targets with a query are parsed each time (they may carry
// presigned credentials, which no cache should hold).
const targets = new BoundedCache<string, ParsedTarget>(256);

// The last target parsed: a client sends its requests to the same Host and path, one after another.
let lastTarget: { target: string; host: string | undefined; parsed: ParsedTarget } | undefined;

function parseTarget(target: string, host: string | undefined): ParsedTarget {
  if (lastTarget !== undefined && lastTarget.target === target && lastTarget.host === host) return lastTarget.parsed;
  const cacheable = !target.includes('?') && target.length <= 1024 && (host === undefined || host.length <= 256);
  const cacheKey = cacheable ? `${host ?? ''}\n${target}` : '';
  if (cacheable) {
    const hit = targets.get(cacheKey);
    if (hit) {
      lastTarget = { target, host, parsed: hit };
      return hit;
    }
  }
  let url: URL;
  try {
    url = new URL(target, `http://${host ?? '127.0.0.1'}`);
  } catch {
    throw new MockError('MalformedQueryString', 'The request target or Host header is malformed.', 'bad URL');
  }
  const q = target.indexOf('?');
  const rawQuery = q === -1 ? '' : target.slice(q + 1);
  const path = url.pathname;
  const parsed: ParsedTarget = { url: `${url.protocol}//${url.host}${path}${rawQuery ? `?${rawQuery}` : ''}`, path, rawQuery };
  if (cacheable) {
    targets.set(cacheKey, parsed);
    lastTarget = { target, host, parsed };
  }
  return parsed;
}

function toMockRequest(req: IncomingMessage, headers: Record<string, string>, body: Buffer): MockRequest {
  const { url, path, rawQuery } = parseTarget(req.url ?? '/', headers.host);
  return { method: (req.method ?? 'GET').toUpperCase(), url, path, rawQuery, headers, body };
}

// Node adds Date (cached per second) and keep-alive itself; a string body goes out with the
// head in one write.
function send(res: ServerResponse, answer: MockAnswer, close: boolean): void {
  const headers: Record<string, string | number> = answer.headers;
  headers['content-length'] = Buffer.byteLength(answer.body, 'utf8');
  if (close) headers.connection = 'close';
  res.writeHead(answer.status, headers);
  res.end(answer.body, 'utf8');
}

/** The answer to what never reached the router (a body too large, a request that cannot be read), journaled too. */
function failure(ctx: MockContext, error: unknown): MockAnswer {
  const mockError =
    error instanceof BodyTooLarge
      ? new MockError('RequestTooLarge', `Request bodies are limited to ${MAX_BODY_BYTES} bytes.`)
      : error instanceof MockError
        ? error
        : new MockError('InternalFailure', 'The mock STS failed to read the request.', error instanceof Error ? error.message : 'unknown');
  const answer = refusal(ctx.spec, newRequestId(ctx.spec.answer, ctx.now), mockError);
  if (ctx.control.enabled) ctx.control.journal.record(answer);
  return answer;
}

// The log's timestamp, formatted once per millisecond (thousands of requests share one under load).
let lastMs = 0;
let lastIso = '';
function isoNow(): string {
  const ms = Date.now();
  if (ms !== lastMs) {
    lastMs = ms;
    lastIso = new Date(ms).toISOString();
  }
  return lastIso;
}

function logEntry(req: IncomingMessage, time: string, startedMs: number, path: string, answer: MockAnswer): MockRequestLog {
  // Built field by field in the order the log has always had (no spread copies on the hot path).
  const entry = { time, requestId: answer.requestId } as MockRequestLog;
  const remote = req.socket.remoteAddress;
  if (remote) entry.remote = remote;
  entry.method = req.method ?? '?';
  entry.path = path.slice(0, 200);
  if (answer.action) entry.action = answer.action.slice(0, 64);
  if (answer.accessKeyId) entry.accessKeyId = answer.accessKeyId;
  entry.status = answer.status;
  if (answer.code) entry.code = answer.code;
  if (answer.reason) entry.detail = answer.reason.slice(0, 300);
  // To the microsecond: the full double's digits said nothing more, and cost more to print than the rest of the line.
  entry.durationMs = Math.round((performance.now() - startedMs) * 1000) / 1000;
  return entry;
}

/**
 * Answers held until the event loop has read every request that was ready, then written together:
 * a client waiting on many connections is woken once per batch instead of once per answer (on
 * loopback the sender pays for that wake-up). Each write may return work to run once every answer
 * of the batch is out (the log), so the writes follow each other as closely as they can.
 */
class WriteBatch {
  private queue: Array<() => (() => void) | undefined> = [];
  private scheduled = false;
  private readonly flush = () => {
    const queue = this.queue;
    this.queue = [];
    this.scheduled = false;
    const afterwards: Array<() => void> = [];
    for (const write of queue) {
      try {
        const then = write();
        if (then) afterwards.push(then);
      } catch {
        // that answer's socket is unusable; the others still go out
      }
    }
    for (const then of afterwards) {
      try {
        then();
      } catch {
        // a failing log callback loses its own line only
      }
    }
  };

  add(write: () => (() => void) | undefined): void {
    this.queue.push(write);
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(this.flush);
    }
  }
}

/** PEM texts of the certificate (and chain) and the private key to serve https with. */
export interface ServerCertificate {
  cert: string;
  key: string;
}

export function createMockServer(ctx: MockContext, onRequest?: (entry: MockRequestLog) => void, tls?: ServerCertificate): Server {
  const batch = new WriteBatch();
  // The control plane under /_sts-cli/ answers on the raw response (its event stream needs it).
  const control = controlListener(ctx.control);
  const handler: RequestListener = (req, res) => {
    const target = req.url ?? '/';
    if (target.includes(CONTROL_PREFIX) && isControlPath(splitTarget(target).path)) return control(req, res);
    // performance.now(): monotonic like hrtime, as a plain number (no BigInt made per request).
    const startedMs = performance.now();
    const time = onRequest ? isoNow() : '';
    let path = '/';
    const finish = (answer: MockAnswer, close: boolean) =>
      batch.add(() => {
        try {
          if (answer.drop) req.socket.destroy();
          else if (!res.headersSent && !res.destroyed) send(res, answer, close);
          if (close) res.on('finish', () => req.socket.destroy());
        } catch {
          if (!res.headersSent) res.writeHead(500).end();
        }
        if (!onRequest) return undefined;
        const entry = logEntry(req, time, startedMs, path, answer);
        return () => onRequest(entry);
      });
    const headers = collectHeaders(req.rawHeaders);
    readBody(req, headers['content-length'], (error, body) => {
      try {
        if (error) return finish(failure(ctx, error), error instanceof BodyTooLarge);
        const mockRequest = toMockRequest(req, headers, body!);
        path = mockRequest.path;
        const answer = handleRequest(ctx, mockRequest);
        if (!(answer instanceof Promise)) return finish(answer, false);
        answer
          .then(
            (answered) => finish(answered, false),
            (failed: unknown) => finish(failure(ctx, failed), false),
          )
          .catch(() => {
            if (!res.headersSent) res.writeHead(500).end();
          });
      } catch (caught) {
        finish(failure(ctx, caught), false);
      }
    });
  };
  // A failed handshake (a client that does not trust the CA) only closes that connection: node:tls's default.
  const server = tls ? createHttpsServer({ ...SERVER_OPTIONS, cert: tls.cert, key: tls.key }, handler) : createServer(SERVER_OPTIONS, handler);
  server.maxConnections = CONNECTION_BOUNDS.maxConnections;
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
    if (!socket.writable) {
      socket.destroy();
      return;
    }
    const tooLarge = error.code === 'HPE_HEADER_OVERFLOW';
    const tooSlow = error.code === 'ERR_HTTP_REQUEST_TIMEOUT';
    const answer = refusal(
      ctx.spec,
      newRequestId(ctx.spec.answer, ctx.now),
      tooSlow
        ? new MockError('RequestTimeout', 'The request did not arrive in time.')
        : new MockError(tooLarge ? 'HeadersTooLarge' : 'MalformedQueryString', tooLarge ? 'Request headers are too large.' : 'The request is not valid HTTP.'),
    );
    if (ctx.control.enabled) ctx.control.journal.record(answer);
    const body = Buffer.from(answer.body);
    const head = [
      `HTTP/1.1 ${answer.status} ${tooSlow ? 'Request Timeout' : tooLarge ? 'Request Header Fields Too Large' : 'Bad Request'}`,
      ...Object.entries(answer.headers).map(([k, v]) => `${k}: ${v}`),
      `content-length: ${body.length}`,
      'connection: close',
      '',
      '',
    ].join('\r\n');
    socket.end(Buffer.concat([Buffer.from(head), body]));
  });
  return server;
}
