// A plain node:http server that answers /_sts-cli/ with the control plane, and a raw client
// that can send any method, Host, Origin or body (fetch would refuse some of them).
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { controlListener } from '../../../src/mock/control/controlListener.js';
import type { ControlPlane } from '../../../src/mock/control/controlPlane.js';

export interface ControlServer {
  url: string;
  port: number;
  server: Server;
  close(): Promise<void>;
}

export async function serveControl(plane: ControlPlane, host = '127.0.0.1'): Promise<ControlServer> {
  const listener = controlListener(plane);
  const server = createServer((req, res) => {
    if ((req.url ?? '').startsWith('/_sts-cli')) listener(req, res);
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

export interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json: any;
}

export function send(
  server: ControlServer,
  method: string,
  path: string,
  options: { headers?: Record<string, string>; body?: string | Buffer; json?: unknown } = {},
): Promise<Reply> {
  const headers: Record<string, string> = { ...options.headers };
  let body = options.body;
  if (options.json !== undefined) {
    body = JSON.stringify(options.json);
    headers['content-type'] ??= 'application/json';
  }
  // Framed by length whatever the method (node sends a GET's body unframed otherwise).
  if (body !== undefined && body.length > 0) headers['content-length'] ??= String(Buffer.byteLength(body));
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, method, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json: unknown;
        try {
          json = JSON.parse(text);
        } catch {
          json = undefined;
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}
