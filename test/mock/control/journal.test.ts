// The journal: a bounded ring, newest kept, oldest first in answers, no secret ever kept, and
// the cost of one record measured (printed, not asserted).
import { describe, expect, it } from 'vitest';
import { Journal } from '../../../src/mock/control/journal.js';
import { readParams } from '../../../src/mock/params.js';
import { flavors } from '../../../src/mock/flavors.js';

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
    j.record({ requestId: 'r2', status: 403, action: 'AssumeRole', code: 'AccessDenied', reason: 'user test is not in the trust of role dev' }, params);
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
    j.record({ requestId: 'r', status: 400, action: 'AssumeRoleWithWebIdentity', code: 'InvalidIdentityToken', reason: 'bad token' }, params);
    const [entry] = j.list();
    expect(entry!.params).toEqual({ Action: 'AssumeRoleWithWebIdentity', RoleArn: 'arn:aws:iam::1:role/ci', Policy: '{"a":1}' });
    const text = JSON.stringify(j.list());
    for (const value of Object.values(secrets)) expect(text).not.toContain(value);
    // The caller's map is left as it was (the journal copied it).
    expect(params.get('WebIdentityToken')).toBe(secrets.WebIdentityToken);
  });

  it('masks a secret that a refusal reason quotes', () => {
    const { journal: j } = journal();
    j.record({ requestId: 'r', status: 400, code: 'ValidationError', reason: 'bad SessionToken=FwoGZXIvYXdzEJr0123456789abcdef in the query' });
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
    j.record({ requestId: 'r', status: 400, code: 'ValidationError', reason: 'x'.repeat(5000), action: 'A'.repeat(500) }, params, 64 * 1024);
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
    // Two figures. The record alone, over prepared requests. And the mock's situation: each
    // request brings a fresh parameter map and answer object, which the journal keeps alive for
    // 10 000 requests (the collector's extra work is part of its cost); the baseline builds the
    // same objects and drops them. Rounds alternate and the median difference is printed, since
    // other test files share the CPU.
    const makeParams = (n: number) =>
      new Map([
        ['Action', 'AssumeRole'],
        ['Version', '2011-06-15'],
        ['RoleArn', `arn:aws:iam::123456789012:role/role-${n % 97}`],
        ['RoleSessionName', `session-${n}`],
        ['DurationSeconds', '3600'],
      ]);
    const makeAnswer = (n: number) => ({ requestId: `0d7a6c2e-${n}`, status: 200, action: 'AssumeRole', callerArn: 'arn:aws:iam::000000000000:user/test' });
    const { journal: j } = journal();
    const time = (n: number, body: (i: number) => void) => {
      const started = process.hrtime.bigint();
      for (let i = 0; i < n; i++) body(i);
      return Number(process.hrtime.bigint() - started) / n;
    };
    const prepared = Array.from({ length: 1000 }, (_, i) => [makeAnswer(i), makeParams(i)] as const);
    const webIdentity = new Map([...makeParams(1), ['WebIdentityToken', 'eyJ.secret.token']]);
    let sink = 0;
    const alone: number[] = [];
    const secret: number[] = [];
    const extra: number[] = [];
    for (let round = 0; round < 7; round++) {
      alone.push(time(200_000, (i) => j.record(prepared[i % 1000]![0], prepared[i % 1000]![1], 180)));
      secret.push(time(100_000, (i) => j.record(prepared[i % 1000]![0], webIdentity, 900)));
      const base = time(100_000, (i) => {
        const params = makeParams(i);
        sink += params.size + makeAnswer(i).status;
      });
      const kept = time(100_000, (i) => j.record(makeAnswer(i), makeParams(i), 180));
      extra.push(kept - base);
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    console.log(
      `[journal] record alone: ${median(alone).toFixed(0)} ns (min ${Math.min(...alone).toFixed(0)}); dropping a secret (params copied): ${median(secret).toFixed(0)} ns; ` +
        `keeping each request's fresh objects, over building them: ${median(extra).toFixed(0)} ns — ` +
        `${((median(extra) / 57_000) * 100).toFixed(1)}% of a bare node:http answer's 57 µs CPU, ${((median(extra) / 230_000) * 100).toFixed(1)}% of the mock's 230 µs`,
    );
    expect(j.size).toBe(10_000);
    expect(sink).toBeGreaterThan(0);
  });

  describe('a form body kept as its text', () => {
    const formRequest = (body: string, rawQuery = '') =>
      ({ method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: Buffer.from(body), rawQuery }) as never;

    it('gives back the parameters readParams read, decoded when the journal is read', () => {
      const { journal: j } = journal();
      const body = 'Action=AssumeRole&RoleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2Fdev&RoleSessionName=a+b&Version=2011-06-15';
      const read = readParams(flavors.aws.form, formRequest(body));
      expect(read.form?.text).toBe(body);
      j.record(answer(1), read.params, body.length, read.form);
      expect(j.list()[0]!.params).toEqual(Object.fromEntries(read.params));
      expect(j.list()[0]!.params.RoleSessionName).toBe('a b');
    });

    it('is not kept when the body holds a secret or a signature, nor when the query adds parameters', () => {
      const withToken = readParams(flavors.aws.form, formRequest('Action=AssumeRoleWithWebIdentity&WebIdentityToken=eyJhbGciOi.secret.part'));
      const signed = readParams(flavors.aws.form, formRequest('Action=GetCallerIdentity&X-Amz-Security-Token=session-token-secret&X-Amz-Signature=abcdef'));
      const both = readParams(flavors.aws.form, formRequest('RoleArn=x', 'Action=AssumeRole'));
      expect(signed.form).toBeUndefined();
      expect(both.form).toBeUndefined();
      const { journal: j } = journal();
      j.record(answer(1), withToken.params, 80, withToken.form);
      expect(j.list()[0]!.params).toEqual({ Action: 'AssumeRoleWithWebIdentity' });
    });
  });
});
