// The journal: a bounded ring, newest kept, oldest first in answers, no secret ever kept, and
// the cost of one record measured (printed, not asserted).
import { describe, expect, it } from 'vitest';
import { Journal } from '../../../src/mock/control/journal.js';

const T0 = Date.UTC(2026, 0, 1);

function journal(capacity?: number) {
  const clock = { ms: T0 };
  return { clock, journal: new Journal(() => clock.ms, capacity) };
}

const answer = (n: number, extra: Record<string, unknown> = {}) => ({ requestId: `req-${n}`, status: 200, action: 'AssumeRole', ...extra });

describe('Journal', () => {
  it('records time, request id, action, parameters, caller, status, error code and reason', () => {
    const { clock, journal: j } = journal();
    const params = new Map([
      ['Action', 'AssumeRole'],
      ['RoleArn', 'arn:aws:iam::123456789012:role/dev'],
      ['Policy', '{"Version":"2012-10-17","Statement":[]}'],
    ]);
    j.record({ requestId: 'r1', status: 200, action: 'AssumeRole', callerArn: 'arn:aws:iam::000000000000:user/test' }, params);
    clock.ms += 1234;
    j.record({ requestId: 'r2', status: 403, action: 'AssumeRole', code: 'AccessDenied', detail: 'user test is not in the trust of role dev' }, params);
    expect(j.list()).toEqual([
      {
        time: '2026-01-01T00:00:00.000Z',
        requestId: 'r1',
        action: 'AssumeRole',
        params: Object.fromEntries(params),
        callerArn: 'arn:aws:iam::000000000000:user/test',
        status: 200,
      },
      {
        time: '2026-01-01T00:00:01.234Z',
        requestId: 'r2',
        action: 'AssumeRole',
        params: Object.fromEntries(params),
        status: 403,
        errorCode: 'AccessDenied',
        reason: 'user test is not in the trust of role dev',
      },
    ]);
    expect(Object.keys(j.list()[1]!)).toEqual(['time', 'requestId', 'action', 'params', 'status', 'errorCode', 'reason']);
  });

  it('keeps no secret: web identity tokens, MFA codes, signatures, session tokens, Authorization', () => {
    const { journal: j } = journal();
    const secrets = {
      WebIdentityToken: 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJjaSJ9.c2lnbmF0dXJlc2VjcmV0',
      TokenCode: '123456',
      'X-Amz-Signature': 'deadbeefdeadbeefdeadbeefdeadbeef',
      'X-Amz-Security-Token': 'FwoGZXIvYXdzEJr//////////secret-session-token',
      'x-amz-credential': 'ASIAEXAMPLE/20260101/us-east-1/sts/aws4_request',
      Authorization: 'AWS4-HMAC-SHA256 Credential=x, Signature=abcdef0123456789abcdef',
      SessionToken: 'another-secret-token-value',
      webidentitytoken: 'lower-case-secret-token-value',
    };
    const params = new Map(Object.entries({ Action: 'AssumeRoleWithWebIdentity', RoleArn: 'arn:aws:iam::1:role/ci', Policy: '{"a":1}', ...secrets }));
    j.record({ requestId: 'r', status: 400, action: 'AssumeRoleWithWebIdentity', code: 'InvalidIdentityToken', detail: 'bad token' }, params);
    const [entry] = j.list();
    expect(entry!.params).toEqual({ Action: 'AssumeRoleWithWebIdentity', RoleArn: 'arn:aws:iam::1:role/ci', Policy: '{"a":1}' });
    const text = JSON.stringify(j.list());
    for (const value of Object.values(secrets)) expect(text).not.toContain(value);
    // The caller's map is left as it was (the journal copied it).
    expect(params.get('WebIdentityToken')).toBe(secrets.WebIdentityToken);
  });

  it('masks a secret that a refusal reason quotes', () => {
    const { journal: j } = journal();
    j.record({ requestId: 'r', status: 400, code: 'ValidationError', detail: 'bad SessionToken=FwoGZXIvYXdzEJr0123456789abcdef in the query' });
    expect(j.list()[0]!.reason).not.toContain('FwoGZXIvYXdzEJr0123456789abcdef');
  });

  it('keeps only the last N, answers the latest `limit` oldest first, filters by action', () => {
    const { journal: j } = journal(5);
    for (let n = 1; n <= 12; n++) j.record(answer(n, { action: n % 2 ? 'AssumeRole' : 'GetCallerIdentity' }));
    expect(j.size).toBe(5);
    expect(j.list().map((e) => e.requestId)).toEqual(['req-8', 'req-9', 'req-10', 'req-11', 'req-12']);
    expect(j.list({ limit: 2 }).map((e) => e.requestId)).toEqual(['req-11', 'req-12']);
    expect(j.list({ action: 'AssumeRole' }).map((e) => e.requestId)).toEqual(['req-9', 'req-11']);
    expect(j.list({ action: 'AssumeRole', limit: 1 }).map((e) => e.requestId)).toEqual(['req-11']);
    expect(j.list({ action: 'Nope' })).toEqual([]);
  });

  it('since(seq) gives what came after a point, for the live stream', () => {
    const { journal: j } = journal(100);
    for (let n = 1; n <= 10; n++) j.record(answer(n));
    const seen = j.seq;
    for (let n = 11; n <= 14; n++) j.record(answer(n));
    expect(j.since(seen, 100).map((e) => e.requestId)).toEqual(['req-11', 'req-12', 'req-13', 'req-14']);
    expect(j.since(seen, 2).map((e) => e.requestId)).toEqual(['req-13', 'req-14']);
    expect(j.since(j.seq, 100)).toEqual([]);
  });

  it('clear empties it and records start again', () => {
    const { journal: j } = journal(3);
    for (let n = 1; n <= 5; n++) j.record(answer(n));
    expect(j.clear()).toBe(3);
    expect(j.list()).toEqual([]);
    j.record(answer(6));
    expect(j.list().map((e) => e.requestId)).toEqual(['req-6']);
    expect(j.clears).toBe(1);
  });

  it('bounds what one entry keeps: many parameters, long values, long reasons', () => {
    const { journal: j } = journal();
    const params = new Map<string, string>();
    for (let i = 0; i < 200; i++) params.set(`P${i}`, 'v'.repeat(10_000));
    j.record({ requestId: 'r', status: 400, code: 'ValidationError', detail: 'x'.repeat(5000), action: 'A'.repeat(500) }, params, 64 * 1024);
    const [entry] = j.list();
    expect(Object.keys(entry!.params).length).toBe(64);
    expect(entry!.params.P0!.length).toBe(4096);
    expect(entry!.reason!.length).toBe(300);
    expect(entry!.action!.length).toBe(64);
  });

  it('notifies subscribers once per burst, and not at all without subscribers', async () => {
    const { journal: j } = journal();
    let calls = 0;
    const off = j.subscribe(() => calls++);
    for (let n = 0; n < 1000; n++) j.record(answer(n));
    await new Promise((r) => setTimeout(r, 250));
    expect(calls).toBe(1);
    off();
    j.record(answer(1001));
    await new Promise((r) => setTimeout(r, 250));
    expect(calls).toBe(1);
  });

  it('measures what a record costs (printed; no timed assertion)', () => {
    // Like the mock: each request brings a fresh parameter map and answer object; the journal keeps
    // them alive for 10 000 requests, so its cost includes the collector's extra work. The baseline
    // builds the same objects and drops them.
    const N = 300_000;
    const makeParams = (n: number) =>
      new Map([
        ['Action', 'AssumeRole'],
        ['Version', '2011-06-15'],
        ['RoleArn', `arn:aws:iam::123456789012:role/role-${n % 97}`],
        ['RoleSessionName', `session-${n}`],
        ['DurationSeconds', '3600'],
      ]);
    const makeAnswer = (n: number) => ({ requestId: `0d7a6c2e-${n}`, status: 200, action: 'AssumeRole', callerArn: 'arn:aws:iam::000000000000:user/test' });
    let sink = 0;
    const run = (record: boolean, j: Journal) => {
      const started = process.hrtime.bigint();
      for (let n = 0; n < N; n++) {
        const params = makeParams(n);
        const a = makeAnswer(n);
        if (record) j.record(a, params, 180);
        else sink += params.size + a.status;
      }
      return Number(process.hrtime.bigint() - started) / N;
    };
    const { journal: j } = journal();
    run(true, j); // warm up both paths
    run(false, j);
    const base = Math.min(run(false, j), run(false, j));
    const withJournal = Math.min(run(true, j), run(true, j));
    const webIdentity = new Map([...makeParams(1), ['WebIdentityToken', 'eyJ.secret.token']]);
    const started = process.hrtime.bigint();
    for (let n = 0; n < N; n++) j.record(makeAnswer(n), webIdentity, 900);
    const secretCopy = Number(process.hrtime.bigint() - started) / N;
    console.log(
      `[journal] one record: ${(withJournal - base).toFixed(0)} ns over building the request's objects (${base.toFixed(0)} ns → ${withJournal.toFixed(0)} ns); ` +
        `with a secret to drop (params copied): ${secretCopy.toFixed(0)} ns; ` +
        `against the mock's ~57–230 µs of CPU per signed AssumeRole that is ${(((withJournal - base) / 57_000) * 100).toFixed(2)}% at most`,
    );
    expect(j.size).toBe(10_000);
    expect(sink).toBeGreaterThan(0);
  });
});
