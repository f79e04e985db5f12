// What the endpoint sends reaches the user's terminal as text, and waiting is never silent:
// the CLI side of SPEC §11 ("terminal control characters … are escaped") and of issue 8's retries.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempHome } from '../helpers/cli.js';

const OSC52 = '\u001b]52;c;cHduZWQ=\u0007';
const home = tempHome();
let hostile: Server;
let silent: Server;
const url = (s: Server) => `http://127.0.0.1:${(s.address() as AddressInfo).port}`;

beforeAll(async () => {
  hostile = createServer((_req, res) => {
    res.writeHead(403, { 'content-type': 'text/xml' });
    res.end(
      `<ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>go away${OSC52}\u001b[2K\u001b]0;title\u0007</Message></Error><RequestId>r1</RequestId></ErrorResponse>`,
    );
  });
  silent = createServer(() => {}); // accepts, never answers
  await Promise.all([hostile, silent].map((s) => new Promise<void>((r) => s.listen(0, '127.0.0.1', r))));
});
afterAll(() => {
  hostile.close();
  silent.closeAllConnections();
  silent.close();
  home.cleanup();
});

const keys = { AWS_ACCESS_KEY_ID: 'AKIAEXAMPLEEXAMPLE12', AWS_SECRET_ACCESS_KEY: 'secret-secret-secret-secret' };

describe('messages from the network', () => {
  it('escapes terminal control characters an endpoint puts in its refusal', async () => {
    const r = await runCli(['whoami', '--endpoint-url', url(hostile)], { env: { ...home.env, ...keys } });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('go away');
    expect(r.stderr).not.toContain('\u001b');
    expect(r.stderr).not.toContain('\u0007');
    expect(r.stderr).toContain('\\u001b]52');
  });

  it('says each retry as it happens and the real total at the end', async () => {
    const r = await runCli(['whoami', '--endpoint-url', url(silent), '--timeout', '0.3'], { env: { ...home.env, ...keys } });
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/attempt 1 of 3 failed .*trying again/);
    expect(r.stderr).toMatch(/attempt 2 of 3 failed .*trying again/);
    expect(r.stderr).toMatch(/after 3 attempts in [\d.]+ s \(timeout 0\.3 s each\)/);
  });
});
