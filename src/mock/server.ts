// The HTTP edge: reads a request (body capped at 64 KiB → 413), hands plain values to the
// router, writes the answer, logs one entry. Nothing a client sends can crash it.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { MockError } from './errors.js';
import { errorResponse, handleRequest, newRequestId } from './router.js';
import type { MockContext, MockRequest, MockResponse } from './context.js';
import type { MockRequestLog } from './types.js';

export const MAX_BODY_BYTES = 64 * 1024;

class BodyTooLarge extends Error {}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > MAX_BODY_BYTES) return reject(new BodyTooLarge());
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        req.removeAllListeners('data');
        reject(new BodyTooLarge());
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function toMockRequest(req: IncomingMessage, body: Buffer): MockRequest {
  const target = req.url ?? '/';
  const headers: Record<string, string> = {};
  for (const [name, values] of Object.entries(req.headersDistinct)) if (values) headers[name] = values.join(',');
  const base = `http://${headers.host ?? '127.0.0.1'}`;
  let url: URL;
  try {
    url = new URL(target, base);
  } catch {
    throw new MockError('MalformedQueryString', 'The request target or Host header is malformed.', 'bad URL');
  }
  const q = target.indexOf('?');
  const rawQuery = q === -1 ? '' : target.slice(q + 1);
  // The URL as the client signed it: its Host, the path and query exactly as sent.
  const path = url.pathname;
  return { method: (req.method ?? 'GET').toUpperCase(), url: `${url.protocol}//${url.host}${path}${rawQuery ? `?${rawQuery}` : ''}`, path, rawQuery, headers, body };
}

function send(res: ServerResponse, answer: MockResponse, close: boolean): void {
  const body = Buffer.from(answer.body, 'utf8');
  const headers: Record<string, string | number> = { ...answer.headers, 'content-length': body.length, date: new Date().toUTCString() };
  if (close) headers.connection = 'close';
  res.writeHead(answer.status, headers);
  res.end(body);
}

export function createMockServer(ctx: MockContext, onRequest?: (entry: MockRequestLog) => void): Server {
  const server = createServer({ maxHeaderSize: 16 * 1024 }, (req, res) => {
    const started = process.hrtime.bigint();
    const time = new Date().toISOString();
    void (async () => {
      let answer: MockResponse & { requestId: string };
      let close = false;
      let path = '/';
      try {
        const body = await readBody(req);
        const mockRequest = toMockRequest(req, body);
        path = mockRequest.path;
        answer = await handleRequest(ctx, mockRequest);
      } catch (error) {
        const requestId = newRequestId(ctx.spec, ctx.now());
        const mockError =
          error instanceof BodyTooLarge
            ? new MockError('RequestTooLarge', `Request bodies are limited to ${MAX_BODY_BYTES} bytes.`)
            : error instanceof MockError
              ? error
              : new MockError('InternalFailure', 'The mock STS failed to read the request.', error instanceof Error ? error.message : 'unknown');
        close = error instanceof BodyTooLarge;
        answer = { ...errorResponse(ctx.spec, mockError, requestId), requestId };
      }
      if (!res.headersSent && !res.destroyed) send(res, answer, close);
      if (close) res.on('finish', () => req.socket.destroy());
      onRequest?.({
        time,
        requestId: answer.requestId,
        ...(req.socket.remoteAddress ? { remote: req.socket.remoteAddress } : {}),
        method: req.method ?? '?',
        path: path.slice(0, 200),
        ...(answer.action ? { action: answer.action.slice(0, 64) } : {}),
        ...(answer.accessKeyId ? { accessKeyId: answer.accessKeyId } : {}),
        status: answer.status,
        ...(answer.code ? { code: answer.code } : {}),
        ...(answer.detail ? { detail: answer.detail.slice(0, 300) } : {}),
        durationMs: Number(process.hrtime.bigint() - started) / 1e6,
      });
    })().catch(() => {
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
    if (!socket.writable) {
      socket.destroy();
      return;
    }
    const tooLarge = error.code === 'HPE_HEADER_OVERFLOW';
    const requestId = newRequestId(ctx.spec, ctx.now());
    const answer = errorResponse(ctx.spec, new MockError(tooLarge ? 'HeadersTooLarge' : 'MalformedQueryString', tooLarge ? 'Request headers are too large.' : 'The request is not valid HTTP.'), requestId);
    const body = Buffer.from(answer.body);
    const head = [`HTTP/1.1 ${answer.status} ${tooLarge ? 'Request Header Fields Too Large' : 'Bad Request'}`, ...Object.entries(answer.headers).map(([k, v]) => `${k}: ${v}`), `content-length: ${body.length}`, 'connection: close', '', ''].join('\r\n');
    socket.end(Buffer.concat([Buffer.from(head), body]));
  });
  return server;
}
