// startContainerEndpoint: the loopback container-credentials endpoint of `exec --server` (SPEC §8).
// Listens on 127.0.0.1 at a free port and a random path; answers GET with the token in the
// Authorization header (as botocore, the JS and the Go SDKs send AWS_CONTAINER_AUTHORIZATION_TOKEN:
// the bare value, no scheme) with the container JSON; 403 without the token, then 404 for another
// path and 405 for another method, so nothing is learnt without it. The only I/O: the socket and timers.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import { mask } from '../redact.js';
import { createRenewingCredentials } from './renewingCredentials.js';
import { credentialsBody, type EndpointErrorCode, errorBody } from './response.js';
import type { EndpointEvent, Provide, RenewalStats, Schedule } from './types.js';

export interface ContainerEndpointOptions {
  /** Assumes the role (through the cache): `refresh` is true when the held session is being replaced. */
  provide: Provide;
  /** The clock renewals are planned by; default the system clock. */
  now?: () => Date;
  /** Runs the renewal timer; default setTimeout, unref'd (the endpoint never keeps the process alive). */
  schedule?: Schedule;
  onEvent?: (event: EndpointEvent) => void;
}

export interface ContainerEndpointEnv {
  AWS_CONTAINER_CREDENTIALS_FULL_URI: string;
  AWS_CONTAINER_AUTHORIZATION_TOKEN: string;
  [name: string]: string;
}

export interface EndpointStats extends RenewalStats {
  requests: number;
  /** 200 answers: how often the child's SDKs fetched. */
  served: number;
  /** 403, 404 and 405 answers. */
  refused: number;
  /** 500 answers: nothing valid to serve. */
  unavailable: number;
}

export interface ContainerEndpoint {
  /** `http://127.0.0.1:PORT/<random path>`. */
  readonly url: string;
  /** 32 random bytes, base64url: the Authorization header's exact value. A secret: for the child's environment only. */
  readonly token: string;
  /** The two variables to set in the child's environment. */
  readonly env: Readonly<ContainerEndpointEnv>;
  stats(): EndpointStats;
  /** Stops renewing and listening, closing open connections. */
  close(): Promise<void>;
}

const MAX_TIMER_MS = 2 ** 31 - 1;

function timerSchedule(now: () => Date): Schedule {
  return (at, run) => {
    const timer = setTimeout(run, Math.min(Math.max(0, at.getTime() - now().getTime()), MAX_TIMER_MS));
    timer.unref();
    return () => clearTimeout(timer);
  };
}

const sha256 = (text: string) => createHash('sha256').update(text).digest();

/** Starts the endpoint once the first credentials are obtained; rejects with `provide`'s error. */
export async function startContainerEndpoint(options: ContainerEndpointOptions): Promise<ContainerEndpoint> {
  const now = options.now ?? (() => new Date());
  const source = createRenewingCredentials({
    provide: options.provide,
    now,
    schedule: options.schedule ?? timerSchedule(now),
    ...(options.onEvent ? { onEvent: options.onEvent } : {}),
  });
  await source.start();

  const token = randomBytes(32).toString('base64url');
  const tokenDigest = sha256(token);
  const path = `/${randomBytes(16).toString('hex')}`;
  const counts = { requests: 0, served: 0, refused: 0, unavailable: 0 };
  // Hashing both sides makes the comparison constant-time whatever the length sent.
  const authorized = (header: string | undefined) => header !== undefined && timingSafeEqual(sha256(header), tokenDigest);

  function send(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
    res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers });
    res.end(body);
  }
  function refuse(res: ServerResponse, status: number, code: EndpointErrorCode, message: string, headers?: Record<string, string>): void {
    counts.refused += 1;
    send(res, status, errorBody(code, message), { connection: 'close', ...headers });
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    counts.requests += 1;
    if (!authorized(req.headers.authorization)) {
      return refuse(res, 403, 'AccessDenied', 'The Authorization header does not carry the token of this endpoint.');
    }
    if ((req.url ?? '').split('?', 1)[0] !== path) return refuse(res, 404, 'NotFound', 'This endpoint serves credentials at one path only.');
    if (req.method !== 'GET') return refuse(res, 405, 'MethodNotAllowed', 'Only GET is allowed.', { allow: 'GET' });
    const lookup = await source.get();
    if (!lookup.ok) {
      counts.unavailable += 1;
      return send(res, 500, errorBody('CredentialsUnavailable', lookup.message));
    }
    counts.served += 1;
    send(res, 200, credentialsBody(lookup.credentials));
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) send(res, 500, errorBody('InternalError', 'The credentials endpoint failed to answer.'));
      else res.destroy();
    });
  });
  // Bound what a slow or idle neighbour can hold open.
  server.headersTimeout = 5_000;
  server.requestTimeout = 10_000;
  server.keepAliveTimeout = 5_000;
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    source.stop();
    throw error;
  }
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}${path}`;
  const env: ContainerEndpointEnv = { AWS_CONTAINER_CREDENTIALS_FULL_URI: url, AWS_CONTAINER_AUTHORIZATION_TOKEN: token };
  let closing: Promise<void> | undefined;

  const endpoint: ContainerEndpoint = {
    url,
    token,
    env,
    stats: () => ({ ...source.stats(), ...counts }),
    close() {
      closing ??= new Promise<void>((resolve) => {
        source.stop();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
  // Printed or logged by mistake, the endpoint shows its token masked.
  const masked = () => ({ url, token: mask(token) });
  Object.defineProperty(endpoint, inspect.custom, { value: () => `ContainerEndpoint ${inspect(masked())}` });
  Object.defineProperty(endpoint, 'toJSON', { value: masked });
  return endpoint;
}
