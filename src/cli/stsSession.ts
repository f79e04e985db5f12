// Opens an STS client for a resolved connection and wires --debug tracing. The only CLI module
// that loads undici.
import { setFlagsFromString } from 'node:v8';
import { createStsClient, describeRetry, type StsClient } from '../sts/client.js';
import type { StsCredentialsResult } from '../sts/types.js';
import type { CliContext } from './context.js';
import type { Connection } from './resolveConnection.js';
import type { SessionRequest } from './session/sessionRequest.js';
import { version } from './version.js';

// undici parses HTTP with a WebAssembly module, and V8 optimises it on a background thread that
// the process then waits for at exit (~70 ms per `sts-cli assume`). A CLI process sends one or two
// requests, so the baseline compiler alone is the faster choice.
setFlagsFromString('--liftoff-only');

/** A client for `connection`. Call close() when done. */
export function openStsClient(connection: Connection, ctx: CliContext): StsClient {
  const { transport: t } = connection;
  ctx.out.debug(`endpoint ${t.endpoint}, region ${t.region}, credentials from ${connection.origin}`);
  return createStsClient({
    endpoint: t.endpoint,
    region: t.region,
    auth: connection.auth,
    dialect: connection.dialect,
    ...(t.caBundle !== undefined ? { caBundle: t.caBundle } : {}),
    verifySsl: t.verifySsl,
    timeoutMs: t.timeoutMs,
    userAgent: `sts-cli/${version}`,
    onRetry: (event) => ctx.out.warn(describeRetry(event)),
    ...(ctx.out.debugEnabled ? { debug: (line: string) => ctx.out.debug(line) } : {}),
  });
}

/** Sends `request` over a client of its own, closed afterwards. */
export async function sendRequest(connection: Connection, request: SessionRequest, ctx: CliContext): Promise<StsCredentialsResult> {
  const client = openStsClient(connection, ctx);
  try {
    switch (request.action) {
      case 'AssumeRole':
        return await client.assumeRole(request.params);
      case 'AssumeRoleWithWebIdentity':
        return await client.assumeRoleWithWebIdentity(request.params);
      case 'GetSessionToken':
        return await client.getSessionToken(request.params);
    }
  } finally {
    await client.close();
  }
}
