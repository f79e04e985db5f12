// The control plane on a node:http server: reads the body (at most 64 KiB, else 413 and the
// connection closed), answers through handleControlRequest, and streams /_sts-cli/events.
// Nothing a client sends makes it throw.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ControlPlane } from './controlPlane.js';
import { handleControlRequest, MAX_CONTROL_BODY_BYTES, problem, type ControlResponse } from './controlRoutes.js';
import { openEventStream } from './events.js';

export type ControlListener = (req: IncomingMessage, res: ServerResponse) => void;

/** Splits a request target (origin-form `/p?q`, or absolute-form `http://h/p?q`) into path and query. */
export function splitTarget(target: string): { path: string; rawQuery: string } {
  let rest = target;
  if (!rest.startsWith('/')) {
    const scheme = rest.indexOf('://');
    const slash = scheme === -1 ? -1 : rest.indexOf('/', scheme + 3);
    rest = slash === -1 ? '/' : rest.slice(slash);
  }
  const q = rest.indexOf('?');
  return q === -1 ? { path: rest, rawQuery: '' } : { path: rest.slice(0, q), rawQuery: rest.slice(q + 1) };
}

function write(res: ServerResponse, answer: ControlResponse, close: boolean): void {
  if (res.headersSent || res.destroyed) return;
  const headers: Record<string, string | number> = { ...answer.headers, 'content-length': Buffer.byteLength(answer.body) };
  if (close) headers.connection = 'close';
  res.writeHead(answer.status, headers);
  res.end(answer.body);
}

function readBody(req: IncomingMessage, done: (body: Buffer | undefined) => void): void {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > MAX_CONTROL_BODY_BYTES) {
    done(undefined);
    return;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  let settled = false;
  req.on('data', (chunk: Buffer) => {
    if (settled) return;
    size += chunk.length;
    if (size > MAX_CONTROL_BODY_BYTES) {
      settled = true;
      done(undefined);
    } else chunks.push(chunk);
  });
  req.on('end', () => {
    if (settled) return;
    settled = true;
    done(Buffer.concat(chunks, size));
  });
  req.on('error', () => {
    settled = true;
  });
}

/** A node:http request listener for paths under /_sts-cli. */
export function controlListener(plane: ControlPlane): ControlListener {
  return (req, res) => {
    try {
      const { path, rawQuery } = splitTarget(req.url ?? '/');
      readBody(req, (body) => {
        try {
          if (body === undefined) {
            write(res, problem(413, `Control request bodies are limited to ${MAX_CONTROL_BODY_BYTES} bytes.`), true);
            res.on('finish', () => req.socket.destroy());
            return;
          }
          const method = (req.method ?? 'GET').toUpperCase();
          const headers = req.headers as Record<string, string | undefined>;
          const answer = handleControlRequest(plane, { method, path, rawQuery, headers, body });
          if (answer.events && method === 'GET') openEventStream(plane, req, res);
          else if (answer.events) write(res, { status: 200, headers: { 'content-type': 'text/event-stream; charset=utf-8' }, body: '' }, false);
          else write(res, answer, false);
        } catch {
          write(res, problem(500, 'The control plane failed to answer this request.'), true);
        }
      });
    } catch {
      write(res, problem(500, 'The control plane failed to answer this request.'), true);
    }
  };
}
