// Issue 8 item 11: each retry is told as it happens (attempt n of 3, why, how long until the next),
// and the final error states the real total instead of "within 2 seconds" after three attempts.
import { afterEach, describe, expect, it } from 'vitest';
import { NetworkError, StsServiceError } from '../../src/errors.js';
import { createStsClient, describeRetry, type RetryEvent, type StsClientOptions } from '../../src/sts/client.js';
import { formatDuration } from '../../src/sts/networkError.js';
import { startTestServer, type Reply } from './testServer.js';

const ROLE = { roleArn: 'arn:aws:iam::123456789012:role/dev', roleSessionName: 'tester' };
const SOURCE = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };

const open: Array<{ close(): unknown }> = [];
afterEach(async () => {
  while (open.length) await open.pop()!.close();
});

async function serve(reply: (index: number) => Reply) {
  const server = await startTestServer((_req, i) => reply(i));
  open.push(server);
  return server;
}

function client(url: string, extra: Partial<StsClientOptions> = {}) {
  const events: RetryEvent[] = [];
  const waits: number[] = [];
  const c = createStsClient({
    endpoint: url,
    region: 'us-east-1',
    auth: { kind: 'sigv4', credentials: SOURCE },
    sleep: async (ms) => void waits.push(ms),
    random: () => 0.5,
    onRetry: (event) => events.push(event),
    ...extra,
  });
  open.push(c);
  return Object.assign(c, { events, waits });
}

async function failure<T extends Error>(promise: Promise<unknown>): Promise<T> {
  return promise.then(
    () => {
      throw new Error('expected a failure');
    },
    (e: unknown) => e as T,
  );
}

describe('retries are told as they happen', () => {
  it('a server that never answers: two retry events, then the real total', async () => {
    const server = await serve(() => 'hang');
    const c = client(server.url, { timeoutMs: 200 });
    const error = await failure<NetworkError>(c.assumeRole(ROLE));
    expect(error).toBeInstanceOf(NetworkError);
    expect(error.exitCode).toBe(4);
    expect(server.requests).toHaveLength(3);
    expect(c.events).toEqual([
      { attempt: 1, of: 3, reason: 'no answer within 0.2 s', waitMs: c.waits[0] },
      { attempt: 2, of: 3, reason: 'no answer within 0.2 s', waitMs: c.waits[1] },
    ]);
    expect(error.message).toMatch(
      new RegExp(`^No answer from the STS endpoint ${server.url}/ after 3 attempts in \\d+(\\.\\d+)? (s|ms) \\(timeout 0\\.2 s each\\)\\.$`),
    );
    expect(error.message).not.toContain('within');
    expect(error.hint).toMatch(/--timeout/);
  });

  it('the events word themselves for a person', () => {
    expect(describeRetry({ attempt: 1, of: 3, reason: 'no answer within 2 s', waitMs: 75 })).toBe(
      'attempt 1 of 3 failed (no answer within 2 s); trying again in 75 ms',
    );
    expect(describeRetry({ attempt: 2, of: 3, reason: 'ServiceUnavailable: try later (HTTP 503)', waitMs: 1500 })).toBe(
      'attempt 2 of 3 failed (ServiceUnavailable: try later (HTTP 503)); trying again in 1.5 s',
    );
  });

  it.each([
    [6500, '6.5 s'],
    [150, '0.15 s'],
    [2000, '2 s'],
    [42, '42 ms'],
    [95_400, '95 s'],
  ])('formatDuration(%d) = %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });

  it('a refused connection: the phrase in each event and in the total', async () => {
    const server = await startTestServer(() => 'drop');
    await server.close();
    const c = client(server.url);
    const error = await failure<NetworkError>(c.assumeRole(ROLE));
    expect(c.events.map((e) => e.reason)).toEqual(['the connection was refused', 'the connection was refused']);
    expect(error.message).toMatch(
      new RegExp(`^Could not reach the STS endpoint ${server.url}/ after 3 attempts in [\\d.]+ m?s: the connection was refused\\.$`),
    );
  });

  it('a 503 then success: one event naming the code, no error', async () => {
    const server = await serve((i) =>
      i === 0
        ? { status: 503, body: '<ErrorResponse><Error><Code>ServiceUnavailable</Code><Message>try later</Message></Error></ErrorResponse>' }
        : {
            status: 200,
            body: '<AssumeRoleResponse><AssumeRoleResult><Credentials><AccessKeyId>ASIA</AccessKeyId><SecretAccessKey>s</SecretAccessKey><SessionToken>t</SessionToken><Expiration>2030-01-01T00:00:00Z</Expiration></Credentials></AssumeRoleResult></AssumeRoleResponse>',
          },
    );
    const c = client(server.url);
    await c.assumeRole(ROLE);
    expect(c.events).toEqual([{ attempt: 1, of: 3, reason: 'ServiceUnavailable: try later (HTTP 503)', waitMs: c.waits[0] }]);
  });

  it('a refusal is not retried and tells nothing; 3 × 503 keeps the server error', async () => {
    const denied = await serve(() => ({ status: 403, body: '<ErrorResponse><Error><Code>AccessDenied</Code><Message>no</Message></Error></ErrorResponse>' }));
    const once = client(denied.url);
    await failure(once.assumeRole(ROLE));
    expect(once.events).toEqual([]);
    const down = await serve(() => ({ status: 503, body: '<ErrorResponse><Error><Code>ServiceUnavailable</Code></Error></ErrorResponse>' }));
    const thrice = client(down.url);
    const error = await failure<StsServiceError>(thrice.assumeRole(ROLE));
    expect(error).toBeInstanceOf(StsServiceError);
    expect(thrice.events.map((e) => `${e.attempt}/${e.of}`)).toEqual(['1/3', '2/3']);
  });

  it('one attempt only: no event, and the message says the timeout it had', async () => {
    const server = await serve(() => 'hang');
    const c = client(server.url, { timeoutMs: 150, maxAttempts: 1 });
    const error = await failure<NetworkError>(c.assumeRole(ROLE));
    expect(c.events).toEqual([]);
    expect(error.message).toBe(`No answer from the STS endpoint ${server.url}/ within 0.15 seconds.`);
  });

  it('the --debug trace says each retry too', async () => {
    const server = await serve(() => 'hang');
    const lines: string[] = [];
    await failure(client(server.url, { timeoutMs: 150, maxAttempts: 2, debug: (line) => lines.push(line) }).assumeRole(ROLE));
    expect(lines.filter((l) => l.startsWith('! attempt 1 of 2 failed (no answer within 0.15 s); trying again in'))).toHaveLength(1);
  });
});
