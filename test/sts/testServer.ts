// A scripted STS stand-in on 127.0.0.1:0 that records every request it gets, for client tests.
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  method: string;
  /** Path and query as sent. */
  url: string;
  headers: Record<string, string>;
  body: string;
}

export type Reply = { status: number; body: string; headers?: Record<string, string> } | 'drop' | 'hang';

export interface TestServer {
  url: string;
  requests: Received[];
  close(): Promise<void>;
}

function flatHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) if (value !== undefined) out[name] = Array.isArray(value) ? value.join(',') : value;
  return out;
}

/** `reply` sees each request and its index (0-based) and says how to answer. */
export async function startTestServer(reply: (req: Received, index: number) => Reply): Promise<TestServer> {
  const requests: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const received: Received = { method: req.method ?? '', url: req.url ?? '', headers: flatHeaders(req), body: Buffer.concat(chunks).toString('utf8') };
      requests.push(received);
      const answer = reply(received, requests.length - 1);
      if (answer === 'drop') return void req.socket.destroy();
      if (answer === 'hang') return;
      res.writeHead(answer.status, { 'content-type': 'text/xml', ...answer.headers });
      res.end(answer.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
