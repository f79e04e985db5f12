// The control plane over HTTP (a plain node:http server on a free port): every endpoint, bad
// input answered 400 with a sentence, 404/405/413/415, access modes, and a fuzz of methods and
// malformed bodies after which the server still answers.
import { connect } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { controlAccess } from '../../../src/mock/control/access.js';
import { MockClock } from '../../../src/mock/control/clock.js';
import { ControlPlane } from '../../../src/mock/control/controlPlane.js';
import { DASHBOARD_CSP } from '../../../src/mock/control/dashboard.js';
import { type ControlServer, send, serveControl } from './serve.js';

const T0 = Date.UTC(2026, 0, 1);
const real = { ms: T0 };
const plane = new ControlPlane({ flavor: 'aws', version: '9.9.9', clock: new MockClock(() => real.ms) });
let server: ControlServer;

beforeAll(async () => {
  server = await serveControl(plane);
});
afterAll(() => server?.close());
beforeEach(() => {
  plane.journal.clear();
  plane.faults.clear();
  plane.clock.reset();
});

describe('control routes', () => {
  it('health says ok, the flavor and the version', async () => {
    const r = await send(server, 'GET', '/_sts-cli/health');
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(r.json).toEqual({ status: 'ok', flavor: 'aws', version: '9.9.9' });
  });

  it('requests: the latest, oldest first, by action and limit; DELETE clears', async () => {
    for (let n = 1; n <= 5; n++)
      plane.journal.record({ requestId: `r${n}`, status: 200, action: n % 2 ? 'AssumeRole' : 'GetCallerIdentity' }, new Map([['Action', 'x']]));
    const all = await send(server, 'GET', '/_sts-cli/requests');
    expect(all.json.requests.map((e: any) => e.requestId)).toEqual(['r1', 'r2', 'r3', 'r4', 'r5']);
    const some = await send(server, 'GET', '/_sts-cli/requests?action=AssumeRole&limit=2');
    expect(some.json.requests.map((e: any) => e.requestId)).toEqual(['r3', 'r5']);
    expect((await send(server, 'DELETE', '/_sts-cli/requests')).json).toEqual({ cleared: 5 });
    expect((await send(server, 'GET', '/_sts-cli/requests')).json).toEqual({ requests: [] });
  });

  it.each([
    ['limit=0', /limit must be a whole number from 1 to 10000/],
    ['limit=10001', /limit must be/],
    ['limit=-3', /limit must be/],
    ['limit=abc', /limit must be/],
    ['limit=1e3', /limit must be/],
    ['limit=1&limit=2', /"limit" is given more than once/],
    ['action=', /action must be an action name/],
    [`action=${'A'.repeat(65)}`, /action must be/],
  ])('requests?%s is a 400 with a sentence', async (q, message) => {
    const r = await send(server, 'GET', `/_sts-cli/requests?${q}`);
    expect(r.status).toBe(400);
    expect(r.json.error).toMatch(message);
  });

  it('sessions and revoke', async () => {
    plane.sessions.add({ accessKeyId: 'ASIAREVOKEME00000001', arn: 'arn:aws:sts::1:assumed-role/r/s', sessionName: 's', expiration: T0 + 900_000 });
    const list = await send(server, 'GET', '/_sts-cli/sessions');
    expect(list.json.now).toBe('2026-01-01T00:00:00.000Z');
    expect(list.json.sessions).toEqual([expect.objectContaining({ accessKeyId: 'ASIAREVOKEME00000001', secondsLeft: 900, revoked: false })]);
    const revoke = await send(server, 'POST', '/_sts-cli/revoke', { json: { accessKeyId: 'ASIAREVOKEME00000001' } });
    expect(revoke.json).toEqual({ revoked: 'ASIAREVOKEME00000001', known: true });
    expect(plane.sessions.isRevoked('ASIAREVOKEME00000001')).toBe(true);
    expect((await send(server, 'GET', '/_sts-cli/sessions')).json.sessions[0].revoked).toBe(true);
    const bad = await send(server, 'POST', '/_sts-cli/revoke', { json: { accessKeyId: '' } });
    expect(bad.status).toBe(400);
    expect(bad.json.error).toMatch(/^accessKeyId must be/);
    const missing = await send(server, 'POST', '/_sts-cli/revoke', { json: {} });
    expect(missing.status).toBe(400);
  });

  it('faults: POST answers 201 with the id; GET lists; DELETE /ID and DELETE remove', async () => {
    const a = await send(server, 'POST', '/_sts-cli/faults', { json: { action: 'AssumeRole', error: 'Throttling', count: 2 } });
    expect(a.status).toBe(201);
    expect(a.json).toEqual({ id: expect.stringMatching(/^f\d+$/), action: 'AssumeRole', error: 'Throttling', remaining: 2, hits: 0 });
    const b = await send(server, 'POST', '/_sts-cli/faults', { json: { error: 'ServiceUnavailable', rate: 0.5 } });
    expect((await send(server, 'GET', '/_sts-cli/faults')).json.faults.map((f: any) => f.id)).toEqual([a.json.id, b.json.id]);
    expect((await send(server, 'GET', `/_sts-cli/faults/${a.json.id}`)).json.error).toBe('Throttling');
    expect((await send(server, 'DELETE', `/_sts-cli/faults/${a.json.id}`)).json).toEqual({ removed: 1 });
    expect((await send(server, 'DELETE', `/_sts-cli/faults/${a.json.id}`)).status).toBe(404);
    expect((await send(server, 'DELETE', '/_sts-cli/faults')).json).toEqual({ removed: 1 });
    expect(plane.faults.size).toBe(0);
  });

  it.each([
    [{ error: 'Bogus' }, /Unknown fault error code "Bogus"/],
    [{ error: 'Throttling', count: -1 }, /count must be/],
    [{ error: 'Throttling', rate: 2 }, /rate must be a number from 0 to 1/],
    [{ error: 'Throttling', delayMs: 3_600_000 }, /delayMs must be at most 60000/],
    [{ action: 'Nope', error: 'Throttling' }, /action must be one of/],
    [{ error: 'Throttling', extra: 1 }, /Unknown field "extra"/],
  ])('POST /faults %j is a 400 with a sentence', async (body, message) => {
    const r = await send(server, 'POST', '/_sts-cli/faults', { json: body });
    expect(r.status).toBe(400);
    expect(r.json.error).toMatch(message);
  });

  it('clock: advance, set, read, reset', async () => {
    expect((await send(server, 'POST', '/_sts-cli/clock', { json: { advanceSeconds: 3600 } })).json).toEqual({
      mode: 'offset',
      now: '2026-01-01T01:00:00.000Z',
      offsetSeconds: 3600,
    });
    expect((await send(server, 'POST', '/_sts-cli/clock', { json: { set: '2030-01-01T00:00:00Z' } })).json).toMatchObject({
      mode: 'set',
      now: '2030-01-01T00:00:00.000Z',
    });
    expect((await send(server, 'GET', '/_sts-cli/clock')).json.mode).toBe('set');
    expect((await send(server, 'DELETE', '/_sts-cli/clock')).json).toEqual({ mode: 'real', now: '2026-01-01T00:00:00.000Z', offsetSeconds: 0 });
  });

  it.each([
    [{ set: '1969-07-20T20:17:00Z' }, /between 1970-01-01 and 9999-12-31/],
    [{ set: 'yesterday' }, /ISO 8601/],
    [{ advanceSeconds: 'ten' }, /advanceSeconds must be a finite number/],
    [{ advanceSeconds: 1, set: '2030-01-01T00:00:00Z' }, /either/],
    [{}, /either/],
    [{ advance: 5 }, /Unknown field "advance"/],
  ])('POST /clock %j is a 400 with a sentence', async (body, message) => {
    const r = await send(server, 'POST', '/_sts-cli/clock', { json: body });
    expect(r.status).toBe(400);
    expect(r.json.error).toMatch(message);
    expect(plane.clock.state().mode).toBe('real');
  });

  it('the dashboard: HTML under a strict CSP; /_sts-cli redirects to it', async () => {
    const page = await send(server, 'GET', '/_sts-cli/');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['content-security-policy']).toBe(DASHBOARD_CSP);
    expect(DASHBOARD_CSP).toMatch(/default-src 'none'; script-src 'sha256-[A-Za-z0-9+/=]+'; style-src 'sha256-/);
    expect(page.text).not.toMatch(/https?:\/\//); // nothing from elsewhere
    const bare = await send(server, 'GET', '/_sts-cli');
    expect(bare.status).toBe(308);
    expect(bare.headers.location).toBe('/_sts-cli/');
  });

  it('404 for unknown control paths, 405 (with Allow) for wrong methods, 415 for a body that is not JSON', async () => {
    for (const path of ['/_sts-cli/nope', '/_sts-cli/faults/x/y', '/_sts-cli/faults/:id', '/_sts-cli/requests/1', '/_sts-cli//health']) {
      const r = await send(server, 'GET', path);
      expect(r.status, path).toBe(404);
      expect(r.json.error).toMatch(/no control endpoint/);
    }
    const r = await send(server, 'PUT', '/_sts-cli/faults', { json: { error: 'Throttling' } });
    expect(r.status).toBe(405);
    expect(r.headers.allow).toBe('GET, HEAD, POST, DELETE');
    expect(r.json.error).toBe('This control endpoint accepts GET, HEAD, POST, DELETE, not PUT.');
    expect((await send(server, 'POST', '/_sts-cli/health')).status).toBe(405);
    const form = await send(server, 'POST', '/_sts-cli/faults', { body: 'error=Throttling', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(form.status).toBe(400);
    expect(form.json.error).toMatch(/Content-Type: application\/json/);
  });

  it('bodies over 64 KiB get 413 (declared or streamed)', async () => {
    const big = JSON.stringify({ error: 'Throttling', message: 'x'.repeat(70_000) });
    const declared = await send(server, 'POST', '/_sts-cli/faults', { body: big, headers: { 'content-type': 'application/json' } });
    expect(declared.status).toBe(413);
    const chunked = await new Promise<string>((resolve) => {
      const socket = connect(server.port, '127.0.0.1');
      const chunks: Buffer[] = [];
      socket.on('data', (c) => chunks.push(c));
      socket.on('close', () => resolve(Buffer.concat(chunks).toString()));
      const part = 'x'.repeat(40_000);
      socket.write(
        `POST /_sts-cli/faults HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n${[part, part].map((c) => `${c.length.toString(16)}\r\n${c}\r\n`).join('')}0\r\n\r\n`,
      );
    });
    expect(chunked).toMatch(/^HTTP\/1.1 413 /);
    expect((await send(server, 'GET', '/_sts-cli/health')).status).toBe(200);
  });

  it('survives a fuzz of methods, paths and malformed JSON: every answer a JSON 4xx with a sentence', async () => {
    let seed = 12345;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    const methods = ['GET', 'POST', 'DELETE', 'PUT', 'PATCH', 'OPTIONS', 'HEAD', 'TRACE', 'PROPFIND'];
    const paths = [
      '/_sts-cli/faults',
      '/_sts-cli/clock',
      '/_sts-cli/revoke',
      '/_sts-cli/requests',
      '/_sts-cli/faults/f1',
      '/_sts-cli/%00',
      '/_sts-cli/..%2f..',
      '/_sts-cli/faults?x=%ZZ',
    ];
    const bodies = [
      '',
      '{',
      '}',
      'null',
      '[]',
      '"str"',
      '1e999',
      '{"error":',
      '{"__proto__":{"polluted":1}}',
      '{"constructor":{"prototype":{"x":1}}}',
      '{"error":"Throttling","count":1e308}',
      '{"set":"2030-01-01T00:00:00Z","set":"1960-01-01T00:00:00Z"}',
      '{"advanceSeconds":1e400}',
      '\u0000\u0001\u0002',
      '\uFEFF{"error":"Throttling"}',
      '{"accessKeyId":{"length":5}}',
      Buffer.from([0xff, 0xfe, 0xc3, 0x28]).toString('latin1'),
      '{"a":'.repeat(2000),
    ];
    for (let i = 0; i < 300; i++) {
      const method = methods[rand(methods.length)]!;
      const path = paths[rand(paths.length)]!;
      const body = bodies[rand(bodies.length)]!;
      const r = await send(server, method, path, { body, headers: { 'content-type': rand(4) ? 'application/json' : 'text/plain' } });
      expect(r.status, `${method} ${path} ${body.slice(0, 30)}`).toBeLessThan(500);
      if (method !== 'HEAD' && r.status >= 400) {
        expect(typeof r.json?.error, `${method} ${path} ${body.slice(0, 30)}: ${r.text}`).toBe('string');
        expect(r.json.error).toMatch(/[.)]$/);
      }
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((await send(server, 'GET', '/_sts-cli/health')).status).toBe(200);
    plane.faults.clear();
    plane.sessions.revoke('unused');
  });
});

describe('control access over HTTP', () => {
  it('with a token: 403 without it, 200 with it; health needs none', async () => {
    const locked = new ControlPlane({ flavor: 'minio', access: controlAccess({ listenAddress: '0.0.0.0', token: 'tok-123456' }) });
    const s = await serveControl(locked);
    try {
      expect((await send(s, 'GET', '/_sts-cli/requests')).status).toBe(403);
      expect((await send(s, 'GET', '/_sts-cli/requests', { headers: { authorization: 'Bearer nope' } })).status).toBe(403);
      expect((await send(s, 'GET', '/_sts-cli/requests', { headers: { authorization: 'Bearer tok-123456' } })).status).toBe(200);
      expect((await send(s, 'GET', '/_sts-cli/health')).json).toEqual({ status: 'ok', flavor: 'minio', version: '0.0.0-dev' });
      // The page is static (no data); its script asks for the token in the URL fragment.
      expect((await send(s, 'GET', '/_sts-cli/')).status).toBe(200);
      expect((await send(s, 'GET', '/_sts-cli/events')).status).toBe(403);
    } finally {
      await s.close();
    }
  });

  it('not loopback and no token: 403 saying to use --control-token', async () => {
    const s = await serveControl(new ControlPlane({ flavor: 'aws', access: controlAccess({ listenAddress: '0.0.0.0' }) }));
    try {
      const r = await send(s, 'POST', '/_sts-cli/faults', { json: { error: 'Throttling' } });
      expect(r.status).toBe(403);
      expect(r.json.error).toMatch(/--control-token/);
    } finally {
      await s.close();
    }
  });

  it('switched off: 404 for everything but health', async () => {
    const s = await serveControl(new ControlPlane({ flavor: 'aws', access: controlAccess({ listenAddress: '127.0.0.1', enabled: false }) }));
    try {
      for (const path of ['/_sts-cli/', '/_sts-cli/requests', '/_sts-cli/events']) {
        const r = await send(s, 'GET', path);
        expect(r.status).toBe(404);
        expect(r.json.error).toMatch(/--no-control/);
      }
      expect((await send(s, 'GET', '/_sts-cli/health')).status).toBe(200);
    } finally {
      await s.close();
    }
  });

  it('open on loopback, but not to a foreign Host or Origin', async () => {
    expect((await send(server, 'GET', '/_sts-cli/requests', { headers: { host: 'rebound.example:80' } })).status).toBe(403);
    expect((await send(server, 'POST', '/_sts-cli/faults', { json: { error: 'Throttling' }, headers: { origin: 'https://evil.example' } })).status).toBe(403);
    expect(plane.faults.size).toBe(0);
  });
});

describe('the event stream', () => {
  it('sends a snapshot, then new requests and state changes as they happen', async () => {
    plane.journal.record({ requestId: 'before', status: 200, action: 'AssumeRole' });
    const controller = new AbortController();
    const res = await fetch(`${server.url}/_sts-cli/events`, { signal: controller.signal });
    expect(res.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    const next = async (): Promise<{ event: string; data: any }> => {
      for (;;) {
        const end = buffer.indexOf('\n\n');
        if (end !== -1) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          if (frame.startsWith(':')) continue;
          const event = /^event: (.*)$/m.exec(frame)![1]!;
          return { event, data: JSON.parse(/^data: (.*)$/m.exec(frame)![1]!) };
        }
        const { value, done } = await reader.read();
        if (done) throw new Error('stream ended');
        buffer += value;
      }
    };
    const snapshot = await next();
    expect(snapshot.event).toBe('snapshot');
    expect(snapshot.data).toMatchObject({ flavor: 'aws', version: '9.9.9', requests: [expect.objectContaining({ requestId: 'before' })], faults: [] });
    expect(plane.streams).toBe(1);
    plane.journal.record({ requestId: 'live-1', status: 403, action: 'AssumeRole', code: 'AccessDenied', reason: 'not trusted' });
    plane.journal.record({ requestId: 'live-2', status: 200, action: 'GetCallerIdentity' });
    const live = await next();
    expect(live.event).toBe('requests');
    expect(live.data.requests.map((e: any) => e.requestId)).toEqual(['live-1', 'live-2']);
    expect(live.data.requests[0].reason).toBe('not trusted');
    plane.faults.add({ error: 'Throttling' });
    const state = await next();
    expect(state.event).toBe('state');
    expect(state.data.faults).toHaveLength(1);
    plane.journal.clear();
    expect((await next()).event).toBe('cleared');
    controller.abort();
    // The server hears of the abort when the socket closes: poll (a loaded machine is slow to tell it).
    await vi.waitFor(() => expect(plane.streams).toBe(0), { timeout: 10_000, interval: 20 });
  });

  it('HEAD on the stream answers its headers and ends', async () => {
    const r = await send(server, 'HEAD', '/_sts-cli/events');
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    expect(plane.streams).toBe(0);
  });

  it('endStreams ends every open stream (for a graceful close)', async () => {
    const res = await fetch(`${server.url}/_sts-cli/events`);
    const reader = res.body!.getReader();
    await reader.read();
    expect(plane.streams).toBe(1);
    plane.endStreams();
    for (;;) if ((await reader.read()).done) break;
    expect(plane.streams).toBe(0);
  });

  it('refuses a stream past maxStreams at once (503)', async () => {
    const small = new ControlPlane({ flavor: 'aws', maxStreams: 1 });
    const s = await serveControl(small);
    const controller = new AbortController();
    try {
      const first = await fetch(`${s.url}/_sts-cli/events`, { signal: controller.signal });
      expect(first.status).toBe(200);
      const second = await send(s, 'GET', '/_sts-cli/events');
      expect(second.status).toBe(503);
      expect(second.json.error).toMatch(/No more than 1 live dashboards/);
    } finally {
      controller.abort();
      await s.close();
    }
  });
});
