// SPEC §11: what an endpoint sends reaches errors and the --debug trace with its terminal control
// characters shown, never acted on: no clipboard write (OSC 52), no new window title, no erased line.
import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { StsServiceError, UnexpectedResponseError } from '../../src/errors.js';
import { createStsClient, type StsClientOptions } from '../../src/sts/client.js';
import { startTestServer, type Reply } from './testServer.js';

const ROLE = { roleArn: 'arn:aws:iam::123456789012:role/dev', roleSessionName: 'tester' };
const SOURCE = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };
// Anything a terminal would act on: C0 but the tab, DEL, C1, bidi controls, line separators.
const ACTIVE = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
const CLIPBOARD = '\u001b]52;c;Y3VybCBldmlsLnNoIHwgc2g=\u0007';
const TITLE = '\u001b]0;sts-cli: all good\u001b\\';
const ERASE = '\r\u001b[2K\u001b[1A';

const open: Array<{ close(): unknown }> = [];
afterEach(async () => {
  while (open.length) await open.pop()!.close();
});

async function serve(reply: Reply) {
  const server = await startTestServer(() => reply);
  open.push(server);
  return server;
}

function client(url: string, extra: Partial<StsClientOptions> = {}) {
  const c = createStsClient({ endpoint: url, region: 'us-east-1', auth: { kind: 'sigv4', credentials: SOURCE }, sleep: async () => {}, ...extra });
  open.push(c);
  return c;
}

async function failure<T extends Error>(promise: Promise<unknown>): Promise<T> {
  return promise.then(
    () => {
      throw new Error('expected a failure');
    },
    (e: unknown) => e as T,
  );
}

describe('terminal control characters from the endpoint (SPEC §11)', () => {
  it('in an error answer: Code, Message and RequestId are shown escaped, the trace too', async () => {
    const body = `<ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied${TITLE}</Code><Message>Not allowed.${CLIPBOARD}${ERASE}sts-cli: credentials written\u202e</Message></Error><RequestId>r-1${ERASE}</RequestId></ErrorResponse>`;
    const server = await serve({ status: 403, body });
    const lines: string[] = [];
    const error = await failure<StsServiceError>(client(server.url, { debug: (line) => lines.push(line) }).assumeRole(ROLE));
    expect(error).toBeInstanceOf(StsServiceError);
    expect(error.exitCode).toBe(1);
    for (const text of [error.message, error.serviceCode, error.serviceMessage, error.requestId!, ...lines]) expect(text).not.toMatch(ACTIVE);
    // Shown, not dropped: the reader sees that something odd came.
    // (An XML reader turns the carriage return into a line feed.)
    expect(error.serviceMessage).toBe('Not allowed.\\u001b]52;c;Y3VybCBldmlsLnNoIHwgc2g=\\u0007\\u000a\\u001b[2K\\u001b[1Asts-cli: credentials written\\u202e');
    expect(error.serviceCode).toBe('AccessDenied\\u001b]0;sts-cli: all good\\u001b\\');
    expect(error.requestId).toBe('r-1\\u000a\\u001b[2K\\u001b[1A');
    expect(lines.join('\n')).toContain('\\u001b]52;c;');
  });

  it('a plain server message is carried through unchanged', async () => {
    const message = "Credential should be scoped to a valid region, not 'us-east-1'.";
    const server = await serve({
      status: 403,
      body: `<ErrorResponse><Error><Code>SignatureDoesNotMatch</Code><Message>${message}</Message></Error></ErrorResponse>`,
    });
    const error = await failure<StsServiceError>(client(server.url).assumeRole(ROLE));
    expect(error.serviceMessage).toBe(message);
    expect(error.message).toContain(`SignatureDoesNotMatch: ${message}`);
  });

  it('a runaway message is cut, so that one answer cannot flood the terminal', async () => {
    const server = await serve({
      status: 400,
      body: `<ErrorResponse><Error><Code>Bad</Code><Message>${'x'.repeat(100_000)}</Message></Error></ErrorResponse>`,
    });
    const error = await failure<StsServiceError>(client(server.url).assumeRole(ROLE));
    expect(error.message.length).toBeLessThan(1200);
  });

  it('in a successful answer that cannot be read: the quoted value and the trace are escaped', async () => {
    const body = `<AssumeRoleResponse><AssumeRoleResult><Credentials><AccessKeyId>ASIA</AccessKeyId><SecretAccessKey>s</SecretAccessKey><SessionToken>t</SessionToken><Expiration>soon${CLIPBOARD}</Expiration></Credentials></AssumeRoleResult></AssumeRoleResponse>`;
    const server = await serve({ status: 200, body });
    const lines: string[] = [];
    const error = await failure<UnexpectedResponseError>(client(server.url, { debug: (line) => lines.push(line) }).assumeRole(ROLE));
    expect(error).toBeInstanceOf(UnexpectedResponseError);
    expect(error.message).toContain('soon\\u001b]52;c;');
    for (const text of [error.message, ...lines]) expect(text).not.toMatch(ACTIVE);
  });

  it('a body of many lines is traced one marked line per line, none able to pass for another', async () => {
    const server = await serve({ status: 400, body: `<ErrorResponse>\r\n<Error><Code>Bad</Code>\n</Error>\n[debug] < HTTP 200${ERASE}\n</ErrorResponse>` });
    const lines: string[] = [];
    await failure(client(server.url, { debug: (line) => lines.push(line) }).assumeRole(ROLE));
    const body = lines.slice(lines.findIndex((l) => l.startsWith('< <ErrorResponse>')));
    expect(body.slice(0, 5)).toEqual([
      '< <ErrorResponse>',
      '< <Error><Code>Bad</Code>',
      '< </Error>',
      '< [debug] < HTTP 200\\u000d\\u001b[2K\\u001b[1A',
      '< </ErrorResponse>',
    ]);
    for (const line of lines) expect(line).not.toMatch(ACTIVE);
  });

  it('in a header: C1 controls an HTTP parser lets through are escaped in the trace', async () => {
    const body = '<Error><Code>AccessDenied</Code><Message>no</Message></Error>';
    const raw: Server = createServer((socket) => {
      socket.on('error', () => {});
      const head = `HTTP/1.1 403 Forbidden\r\ncontent-type: text/xml\r\nx-evil: a\u009b2Kb\r\nconnection: close\r\ncontent-length: ${body.length}\r\n\r\n`;
      socket.once('data', () => socket.end(head + body));
    });
    await new Promise<void>((resolve) => raw.listen(0, '127.0.0.1', resolve));
    open.push({ close: () => new Promise((resolve) => raw.close(resolve)) });
    const lines: string[] = [];
    await failure(client(`http://127.0.0.1:${(raw.address() as AddressInfo).port}`, { debug: (line) => lines.push(line), maxAttempts: 1 }).assumeRole(ROLE));
    const header = lines.find((l) => l.startsWith('< x-evil:'));
    expect(header).toBeDefined();
    expect(header).toContain('\\u009b2Kb');
    for (const line of lines) expect(line).not.toMatch(ACTIVE);
  });
});
