// A stand-in for a GitHub Actions runner's OIDC token service, on a free loopback port: answers
// GET …?audience=AUD carrying `Authorization: Bearer REQUEST_TOKEN` with {"value": JWT}, as the
// runner does; every request is recorded. The JWT comes from `mint` (the mock STS's issuer, or a
// hand-made one), and `answer` can replace the whole reply to play a failing service.
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';

export const REQUEST_TOKEN = 'runner-request-token-0123456789abcdef';

export interface SeenRequest {
  url: URL;
  headers: IncomingHttpHeaders;
}

export interface FakeGithubTokenService {
  /** The value for ACTIONS_ID_TOKEN_REQUEST_URL (with the runner's api-version query). */
  requestUrl: string;
  /** What ACTIONS_ID_TOKEN_REQUEST_URL and ACTIONS_ID_TOKEN_REQUEST_TOKEN a job sees. */
  env: { ACTIONS_ID_TOKEN_REQUEST_URL: string; ACTIONS_ID_TOKEN_REQUEST_TOKEN: string };
  seen: SeenRequest[];
  /** Tokens handed out, in order. */
  issued: string[];
  close(): Promise<void>;
}

export interface FakeOptions {
  /** The token for one request (its audience and query). */
  mint: (audience: string, query: URLSearchParams) => Promise<string> | string;
  /** Replaces the normal reply; return true when it answered. */
  answer?: (res: ServerResponse, seen: SeenRequest) => boolean | Promise<boolean>;
  /** Serve https with this certificate. */
  tls?: { cert: string; key: string };
}

export async function startFakeGithubTokenService(options: FakeOptions): Promise<FakeGithubTokenService> {
  const seen: SeenRequest[] = [];
  const issued: string[] = [];
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const request = { url, headers: req.headers };
    seen.push(request);
    if (options.answer && (await options.answer(res, request))) return;
    if (req.headers.authorization !== `Bearer ${REQUEST_TOKEN}`) {
      res.writeHead(401, { 'content-type': 'application/json' }).end('{"message":"Bad credentials"}');
      return;
    }
    const token = await options.mint(url.searchParams.get('audience') ?? '', url.searchParams);
    issued.push(token);
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify({ count: token.length, value: token }));
  };
  const server = options.tls ? createHttpsServer(options.tls, handle) : createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const requestUrl = `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}/_apis/distributedtask/hubs/Actions/plans/p1/jobs/j1/idtoken?api-version=2.0`;
  return {
    requestUrl,
    env: { ACTIONS_ID_TOKEN_REQUEST_URL: requestUrl, ACTIONS_ID_TOKEN_REQUEST_TOKEN: REQUEST_TOKEN },
    seen,
    issued,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** An unsigned-looking JWT with these claims (the signature is not a real one): for tests that send nothing to an STS. */
export function handMadeJwt(claims: Record<string, unknown>, header: Record<string, unknown> = { alg: 'RS256', kid: 'k1', typ: 'JWT' }): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part(header)}.${part(claims)}.${Buffer.from('not-a-real-signature').toString('base64url')}`;
}
