// SPEC §11: an answer over 1 MiB is refused without reading further (exit 1), whether it says
// its length, says a false one, or streams chunked; memory stays flat against a 200 MiB flood.
import { createServer, type Server } from 'node:http';
import { type AddressInfo, createServer as createNetServer, type Server as NetServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { AnswerTooLargeError } from '../../src/errors.js';
import { createStsClient, type StsClientOptions } from '../../src/sts/client.js';
import { MAX_ANSWER_BYTES } from '../../src/sts/limits.js';

const MiB = 1024 * 1024;
const ROLE = { roleArn: 'arn:aws:iam::123456789012:role/dev', roleSessionName: 'tester' };
const SOURCE = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };

const open: Array<{ close(): unknown }> = [];
afterEach(async () => {
  while (open.length) await open.pop()!.close();
});

interface Flood {
  url: string;
  requests: number;
  /** Bytes of body the server managed to hand to the socket. */
  sent: number;
  /** Highest rss of this process seen while the server was sending. */
  peakRss: number;
}

/** Answers every request with `total` bytes of `<` padding, chunked unless `contentLength` is given (true or false). */
async function flood(total: number, options: { status?: number; contentLength?: number } = {}): Promise<Flood> {
  const state: Flood = { url: '', requests: 0, sent: 0, peakRss: process.memoryUsage().rss };
  const chunk = Buffer.alloc(64 * 1024, ' ');
  const server: Server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      state.requests++;
      const headers: Record<string, string | number> = { 'content-type': 'text/xml' };
      if (options.contentLength !== undefined) headers['content-length'] = options.contentLength;
      res.writeHead(options.status ?? 200, headers);
      res.write('<AssumeRoleResponse>');
      let sent = 0;
      const pump = () => {
        while (sent < total && !res.destroyed) {
          state.peakRss = Math.max(state.peakRss, process.memoryUsage().rss);
          const piece = sent + chunk.length > total ? chunk.subarray(0, total - sent) : chunk;
          sent += piece.length;
          state.sent = sent;
          if (!res.write(piece)) return void res.once('drain', pump);
        }
        if (!res.destroyed) res.end();
      };
      res.on('error', () => {});
      pump();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  open.push({
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
  return state;
}

function client(url: string, extra: Partial<StsClientOptions> = {}) {
  const c = createStsClient({ endpoint: url, region: 'us-east-1', auth: { kind: 'sigv4', credentials: SOURCE }, sleep: async () => {}, ...extra });
  open.push(c);
  return c;
}

async function refusal(promise: Promise<unknown>): Promise<AnswerTooLargeError> {
  return promise.then(
    () => {
      throw new Error('expected a refusal');
    },
    (e: unknown) => e as AnswerTooLargeError,
  );
}

function expectTooLarge(error: AnswerTooLargeError, url: string) {
  expect(error).toBeInstanceOf(AnswerTooLargeError);
  expect(error.code).toBe('ERR_ANSWER_TOO_LARGE');
  expect(error.exitCode).toBe(1);
  expect(error.message).toContain('the answer is too large');
  expect(error.message).toContain('1 MiB');
  expect(error.message).toContain(url);
}

describe('answer size cap (SPEC §11)', () => {
  it('the cap is 1 MiB', () => {
    expect(MAX_ANSWER_BYTES).toBe(MiB);
  });

  it('a 2 MiB chunked answer is refused (exit 1), not retried', async () => {
    const server = await flood(2 * MiB);
    const error = await refusal(client(server.url).assumeRole(ROLE));
    expectTooLarge(error, server.url);
    expect(server.requests).toBe(1);
  });

  it('a 2 MiB answer that says its Content-Length is refused from the header', async () => {
    const server = await flood(2 * MiB, { contentLength: 2 * MiB + '<AssumeRoleResponse>'.length });
    expectTooLarge(await refusal(client(server.url).assumeRole(ROLE)), server.url);
  });

  it('a 5xx flood is refused at once too: another attempt would only read another MiB', async () => {
    const server = await flood(2 * MiB, { status: 503 });
    expectTooLarge(await refusal(client(server.url).assumeRole(ROLE)), server.url);
    expect(server.requests).toBe(1);
  });

  it('a Content-Length that claims 200 MiB and then stalls is refused at once, not waited for', async () => {
    const raw: NetServer = createNetServer((socket) => {
      socket.once('data', () => socket.write(`HTTP/1.1 200 OK\r\ncontent-type: text/xml\r\ncontent-length: ${200 * MiB}\r\n\r\n<AssumeRoleResponse>`));
      socket.on('error', () => {});
    });
    await new Promise<void>((resolve) => raw.listen(0, '127.0.0.1', resolve));
    open.push({ close: () => new Promise((resolve) => raw.close(resolve)) });
    const url = `http://127.0.0.1:${(raw.address() as AddressInfo).port}`;
    // A timeout would be a NetworkError (exit 4): the refusal must come from the header alone.
    expectTooLarge(await refusal(client(url, { timeoutMs: 20_000, maxAttempts: 1 }).assumeRole(ROLE)), url);
  });

  it('a 200 MiB chunked flood: refused with memory flat, and the server could not push it all', async () => {
    const server = await flood(200 * MiB);
    const before = process.memoryUsage().rss;
    const lines: string[] = [];
    const error = await refusal(client(server.url, { debug: (line) => lines.push(line) }).assumeRole(ROLE));
    const after = process.memoryUsage().rss;
    expectTooLarge(error, server.url);
    const growth = Math.max(server.peakRss, after) - before;
    expect(growth).toBeLessThan(64 * MiB);
    // The client stopped reading: what the server got onto the socket is the cap plus what the
    // kernel's buffers hold, far from 200 MiB.
    expect(server.sent).toBeLessThan(32 * MiB);
    // --debug says what happened without dumping a megabyte.
    const trace = lines.join('\n');
    expect(trace).toContain('the answer is too large');
    expect(trace.length).toBeLessThan(64 * 1024);
  });

  it('an answer just under the cap is read as usual', async () => {
    const xml = `<AssumeRoleResponse><AssumeRoleResult><Credentials><AccessKeyId>ASIAEXAMPLE</AccessKeyId><SecretAccessKey>secret</SecretAccessKey><SessionToken>token</SessionToken><Expiration>2030-01-01T00:00:00Z</Expiration></Credentials></AssumeRoleResult></AssumeRoleResponse>`;
    const body = xml.replace('<AssumeRoleResult>', `<AssumeRoleResult>${' '.repeat(MiB - xml.length)}`);
    expect(Buffer.byteLength(body)).toBe(MiB);
    const server = createServer((req, res) => {
      req.resume();
      req.on('end', () => res.writeHead(200, { 'content-type': 'text/xml' }).end(body));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    open.push({ close: () => new Promise((resolve) => server.close(resolve)) });
    const result = await client(`http://127.0.0.1:${(server.address() as AddressInfo).port}`).assumeRole(ROLE);
    expect(result.credentials.accessKeyId).toBe('ASIAEXAMPLE');
  });
});
