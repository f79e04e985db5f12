// The mock's hot-path helpers: pooled random strings and the batched request log.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { formatRequestLog, requestLogWriter, type MockRequestLog } from '../../src/mock/index.js';
import { LOG_BATCH_LINES, LOG_BATCH_MS } from '../../src/mock/log.js';
import { encodeWith, UPPER_ALNUM } from '../../src/mock/keys.js';
import { randomBytesPooled, randomString, randomUuid } from '../../src/mock/random.js';

const entry = (requestId: string): MockRequestLog => ({
  time: '2026-01-01T00:00:00.000Z',
  requestId,
  method: 'POST',
  path: '/',
  action: 'AssumeRole',
  status: 200,
  durationMs: 0.5,
});

describe('pooled randomness', () => {
  it('draws only from the alphabet, after the prefix, at the asked length', () => {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
    const seen = new Set<string>();
    for (let i = 0; i < 2000; i++) {
      const key = randomString('ASIA', alphabet, 20);
      expect(key).toMatch(/^ASIA[A-Z0-9]{16}$/);
      seen.add(key);
    }
    expect(seen.size).toBe(2000);
    // Every character of a 36-letter alphabet turns up (rejection sampling keeps none out).
    const chars = new Set([...Array.from({ length: 500 }, () => randomString('', alphabet, 16)).join('')]);
    expect(chars.size).toBe(36);
  });

  it('hands out fresh bytes each call, also across a pool refill', () => {
    const ivs = new Set(Array.from({ length: 1000 }, () => randomBytesPooled(12).toString('hex')));
    expect(ivs.size).toBe(1000);
  });

  it('keeps a prefix outside Latin-1 in front of the drawn characters', () => {
    expect(randomString('ключ', 'AB', 8)).toMatch(/^ключ[AB]{4}$/);
  });

  it('makes version 4 UUIDs, every hex digit turning up where random ones may', () => {
    const ids = Array.from({ length: 2000 }, randomUuid);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Set(ids).size).toBe(2000);
    expect(new Set(ids.map((id) => id[0])).size).toBe(16);
    expect(new Set(ids.map((id) => id[19])).size).toBe(4);
  });

  it('draws every character of an alphabet equally often, also where bytes do not divide evenly', () => {
    // 200 characters: bytes 200..255 are rejected. Taken modulo 200 instead, the first 56 characters
    // would turn up twice as often as the others.
    const alphabet = Array.from({ length: 200 }, (_, i) => String.fromCharCode(32 + i)).join('');
    const counts = new Map<string, number>();
    for (let i = 0; i < 1000; i++) for (const c of randomString('', alphabet, 200)) counts.set(c, (counts.get(c) ?? 0) + 1);
    const share = (from: number, to: number) => {
      let sum = 0;
      for (const c of alphabet.slice(from, to)) sum += counts.get(c) ?? 0;
      return sum / (to - from);
    };
    expect(counts.size).toBe(200);
    expect(share(0, 56) / share(56, 200)).toBeGreaterThan(0.9);
    expect(share(0, 56) / share(56, 200)).toBeLessThan(1.1);
  });

  it('draws from an alphabet beyond Latin-1 too', () => {
    expect(randomString('id-', 'αβγ', 40)).toMatch(/^id-[αβγ]{37}$/);
  });

  it('maps bytes onto an alphabet (stable ids, secrets), the period of bytes over and over from the offset', () => {
    // 37 and 72 are 1 and 0 modulo 36.
    expect(encodeWith(Buffer.from([9, 0, 37, 72]), UPPER_ALNUM, 7, 3, 1)).toBe('ABAABAA');
    expect(encodeWith(Buffer.from([25, 26, 35]), UPPER_ALNUM, 3)).toBe('Z09');
    expect(encodeWith(Buffer.from([0, 1]), 'αβγ', 4)).toBe('αβαβ');
  });

  it('refuses alphabets bytes cannot draw from', () => {
    expect(() => randomString('', '', 4)).toThrow(RangeError);
  });
});

describe('requestLogWriter', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('writes the lines of up to LOG_BATCH_MS in one call, each as formatRequestLog renders it', () => {
    vi.useFakeTimers();
    const writes: string[] = [];
    const log = requestLogWriter((lines) => writes.push(lines), 'json');
    log(entry('a'));
    vi.advanceTimersByTime(LOG_BATCH_MS - 1);
    log(entry('b'));
    expect(writes).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(writes).toEqual([`${formatRequestLog(entry('a'), 'json')}\n${formatRequestLog(entry('b'), 'json')}\n`]);
    log(entry('c'));
    vi.advanceTimersByTime(LOG_BATCH_MS);
    expect(writes[1]).toBe(`${formatRequestLog(entry('c'), 'json')}\n`);
    vi.advanceTimersByTime(10 * LOG_BATCH_MS);
    expect(writes).toHaveLength(2); // nothing held, nothing written
  });

  it('flush writes what it holds at once; a full batch goes out without waiting', () => {
    vi.useFakeTimers();
    const writes: string[] = [];
    const log = requestLogWriter((lines) => writes.push(lines), 'text');
    log(entry('a'));
    log.flush();
    expect(writes).toEqual([`${formatRequestLog(entry('a'), 'text')}\n`]);
    log.flush();
    vi.advanceTimersByTime(LOG_BATCH_MS);
    expect(writes).toHaveLength(1);
    for (let i = 0; i < LOG_BATCH_LINES; i++) log(entry(`n${i}`));
    expect(writes).toHaveLength(2);
    expect(writes[1]!.split('\n')).toHaveLength(LOG_BATCH_LINES + 1);
  });
});

describe('formatRequestLog', () => {
  it('masks what a client sent that looks secret, and leaves plain names as they are', () => {
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJjaSJ9.c2lnbmF0dXJlLXNpZ25hdHVyZQ';
    const line = formatRequestLog(
      { ...entry('x'), path: `/?WebIdentityToken=${jwt}`, action: `A.${jwt}`, accessKeyId: `Signature=${'a'.repeat(64)}`, detail: `token ${jwt}` },
      'json',
    );
    expect(line).not.toContain(jwt);
    expect(line).not.toContain('a'.repeat(64));
    const plain = JSON.parse(formatRequestLog({ ...entry('y'), path: '/sts', accessKeyId: 'ASIAEXAMPLEEXAMPLE00' }, 'json'));
    expect(plain).toMatchObject({ path: '/sts', action: 'AssumeRole', accessKeyId: 'ASIAEXAMPLEEXAMPLE00' });
  });
});

describe('formatRequestLog in JSON', () => {
  // The plain line is written without JSON.stringify: it must be the very text JSON.stringify gives.
  const plain: MockRequestLog[] = [
    entry('3f2b8a1e-0c4d-4e5f-8a9b-1c2d3e4f5a6b'),
    {
      time: '2026-01-01T00:00:00.000Z',
      requestId: 'tx000001-mock-default',
      remote: '::ffff:127.0.0.1',
      method: 'POST',
      path: '/',
      action: 'AssumeRole',
      accessKeyId: 'ASIAEXAMPLEEXAMPLE00',
      status: 403,
      code: 'AccessDenied',
      durationMs: 12.3456789,
    },
    { time: '2026-01-01T00:00:00.000Z', requestId: 'ab:cd', method: 'GET', path: '/_no-action', status: 404, durationMs: 0 },
  ];
  it('writes plain entries exactly as JSON.stringify would, fields in the log order', () => {
    for (const e of plain) expect(formatRequestLog(e, 'json')).toBe(JSON.stringify(e));
    // The same fields given in another order still come out in the log's order.
    const reordered = { durationMs: 1.5, status: 200, path: '/', method: 'POST', requestId: 'r', time: '2026-01-01T00:00:00.000Z' } as MockRequestLog;
    expect(Object.keys(JSON.parse(formatRequestLog(reordered, 'json')))).toEqual(['time', 'requestId', 'method', 'path', 'status', 'durationMs']);
  });

  it('writes plain text lines as the general path would, field for field', () => {
    expect(formatRequestLog(entry('r1'), 'text')).toBe('2026-01-01T00:00:00.000Z 200 POST / AssumeRole ok 0.5ms id=r1');
    const denied = { ...entry('r2'), accessKeyId: 'ASIAEXAMPLEEXAMPLE00', status: 403, code: 'AccessDenied', durationMs: 12.36 };
    expect(formatRequestLog(denied, 'text')).toBe('2026-01-01T00:00:00.000Z 403 POST / AssumeRole AccessDenied key=ASIAEXAMPLEEXAMPLE00 12.4ms id=r2');
    expect(formatRequestLog({ ...entry('r3'), action: undefined, accessKeyId: '' }, 'text')).toBe('2026-01-01T00:00:00.000Z 200 POST / - ok 0.5ms id=r3');
  });

  it('makes the repeated part of a line again whenever one of its fields changes', () => {
    // One field at a time differs from the line before: each must show in its own line, in both formats.
    const base = { ...entry('id'), remote: '127.0.0.1', accessKeyId: 'AKIDONE' };
    const changes: Partial<MockRequestLog>[] = [
      {},
      { remote: '::1' },
      { method: 'GET' },
      { path: '/sts' },
      { action: 'GetCallerIdentity' },
      { accessKeyId: 'AKIDTWO' },
      { status: 403 },
      { code: 'AccessDenied' },
      { time: '2026-01-01T00:00:00.001Z' },
      {},
    ];
    // What each line must say, written out here independently of the log's own code.
    const json = (e: MockRequestLog) =>
      JSON.stringify({
        time: e.time,
        requestId: e.requestId,
        remote: e.remote,
        method: e.method,
        path: e.path,
        action: e.action,
        accessKeyId: e.accessKeyId,
        status: e.status,
        code: e.code,
        durationMs: e.durationMs,
      });
    const text = (e: MockRequestLog) =>
      `${e.time} ${e.status} ${e.method} ${e.path} ${e.action} ${e.code ?? 'ok'} key=${e.accessKeyId} ${e.durationMs.toFixed(1)}ms id=${e.requestId}`;
    for (const change of changes) {
      const e = { ...base, ...change };
      expect(formatRequestLog(e, 'json')).toBe(json(e));
      expect(formatRequestLog(e, 'text')).toBe(text(e));
    }
    // A field to mask after plain lines: the remembered part must not stand in for it.
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJjaSJ9.c2lnbmF0dXJlLXNpZ25hdHVyZQ';
    formatRequestLog(base, 'json');
    expect(formatRequestLog({ ...base, path: `/${jwt}` }, 'json')).not.toContain(jwt);
    formatRequestLog(base, 'text');
    expect(formatRequestLog({ ...base, accessKeyId: `Signature=${'a'.repeat(64)}` }, 'text')).not.toContain('a'.repeat(64));
  });

  it('takes the general path for anything to mask, escape or explain', () => {
    const quote = formatRequestLog({ ...entry('x'), path: '/"quoted"\u001b[2J' }, 'json');
    expect(JSON.parse(quote).path).toBe('/"quoted"\u001b[2J');
    expect(quote).not.toContain('\u001b');
    const detailed = JSON.parse(formatRequestLog({ ...entry('y'), status: 400, code: 'ValidationError', detail: 'RoleSessionName too short' }, 'json'));
    expect(detailed).toMatchObject({ code: 'ValidationError', detail: 'RoleSessionName too short' });
  });
});
