// Faults: validated as given, AWS's statuses by default, count and rate, first match wins.
import { describe, expect, it } from 'vitest';
import { FAULT_ERRORS } from '../../../src/mock/control/faultErrors.js';
import { FaultTable, MAX_FAULTS } from '../../../src/mock/control/faults.js';

function table(rolls: number[] = []) {
  let i = 0;
  return new FaultTable(() => rolls[i++ % rolls.length] ?? 0);
}

describe('FaultTable', () => {
  it('answers with the status AWS uses for each code unless told otherwise', () => {
    const expected = { Throttling: 400, ServiceUnavailable: 503, InternalFailure: 500, IDPCommunicationError: 400, ExpiredToken: 400, AccessDenied: 403 };
    for (const [error, status] of Object.entries(expected)) {
      const t = table();
      t.add({ error });
      expect(t.match('AssumeRole')).toMatchObject({ code: error, status, delayMs: 0, drop: false });
    }
    const t = table();
    t.add({ error: 'Throttling', status: 429, message: 'slow down' });
    expect(t.match('AssumeRole')).toMatchObject({ code: 'Throttling', status: 429, message: 'slow down' });
    expect(FAULT_ERRORS.Throttling!.message).toBe('Rate exceeded');
  });

  it('hits only its action (or every one with *), first added first', () => {
    const t = table();
    const a = t.add({ action: 'AssumeRoleWithWebIdentity', error: 'IDPCommunicationError' });
    const b = t.add({ error: 'ServiceUnavailable' });
    expect(a.ok && b.ok).toBe(true);
    expect(t.match('AssumeRoleWithWebIdentity')?.code).toBe('IDPCommunicationError');
    expect(t.match('GetCallerIdentity')?.code).toBe('ServiceUnavailable');
  });

  it('count: hits N requests, then goes away', () => {
    const t = table();
    t.add({ action: 'AssumeRole', error: 'Throttling', count: 2 });
    expect(t.list()[0]).toMatchObject({ id: 'f1', remaining: 2, hits: 0 });
    expect(t.match('GetCallerIdentity')).toBeUndefined();
    expect(t.match('AssumeRole')?.code).toBe('Throttling');
    expect(t.list()[0]).toMatchObject({ remaining: 1, hits: 1 });
    expect(t.match('AssumeRole')?.code).toBe('Throttling');
    expect(t.match('AssumeRole')).toBeUndefined();
    expect(t.list()).toEqual([]);
  });

  it('rate: each matching request is hit with that probability (the random source is injected)', () => {
    const t = table([0.1, 0.5, 0.29, 0.3, 0.99]);
    t.add({ error: 'InternalFailure', rate: 0.3 });
    const hits = [1, 2, 3, 4, 5].map(() => t.match('AssumeRole')?.code ?? null);
    expect(hits).toEqual(['InternalFailure', null, 'InternalFailure', null, null]);
    expect(t.list()[0]!.hits).toBe(2);
    // With a count, only hits count down.
    const c = table([0.9, 0.1]);
    c.add({ error: 'Throttling', rate: 0.5, count: 1 });
    expect(c.match('AssumeRole')).toBeUndefined();
    expect(c.match('AssumeRole')?.code).toBe('Throttling');
    expect(c.size).toBe(0);
  });

  it('a delay alone or a dropped connection need no error code', () => {
    const t = table();
    t.add({ delayMs: 250 });
    expect(t.match('GetSessionToken')).toEqual({ id: 'f1', delayMs: 250, drop: false });
    t.clear();
    t.add({ drop: true, delayMs: 10 });
    expect(t.match('GetSessionToken')).toEqual({ id: 'f2', delayMs: 10, drop: true });
  });

  it('lists, removes by id, clears', () => {
    const t = table();
    t.add({ error: 'Throttling' });
    t.add({ error: 'InternalFailure', action: 'GetSessionToken' });
    expect(t.list().map((f) => f.id)).toEqual(['f1', 'f2']);
    expect(t.remove('f1')).toBe(true);
    expect(t.remove('f1')).toBe(false);
    expect(t.list().map((f) => f.id)).toEqual(['f2']);
    expect(t.clear()).toBe(1);
    expect(t.match('GetSessionToken')).toBeUndefined();
  });

  it.each([
    [null, /must be a JSON object/],
    [[], /must be a JSON object/],
    [{ error: 'NoSuchThing' }, /^Unknown fault error code "NoSuchThing"; use one of Throttling, /],
    [{ error: '__proto__' }, /Unknown fault error code/],
    [{ error: 'toString' }, /Unknown fault error code/],
    [{ action: 'DeleteRole', error: 'Throttling' }, /action must be one of AssumeRole/],
    [{ error: 'Throttling', count: -1 }, /count must be a whole number from 1/],
    [{ error: 'Throttling', count: 0 }, /count must be/],
    [{ error: 'Throttling', count: 1.5 }, /count must be/],
    [{ error: 'Throttling', rate: 1.5 }, /rate must be a number from 0 to 1/],
    [{ error: 'Throttling', rate: -0.1 }, /rate must be/],
    [{ error: 'Throttling', rate: 'half' }, /rate must be/],
    [{ error: 'Throttling', delayMs: 60_001 }, /delayMs must be at most 60000/],
    [{ error: 'Throttling', delayMs: -5 }, /delayMs must be a whole number/],
    [{ error: 'Throttling', status: 200 }, /status must be an integer from 400 to 599/],
    [{ error: 'Throttling', status: '503' }, /status must be/],
    [{ status: 503 }, /status needs an error code/],
    [{ error: 'Throttling', drop: true }, /give error or drop, not both/],
    [{ error: 'Throttling', drop: 'yes' }, /drop must be true or false/],
    [{ error: 'Throttling', message: 'x'.repeat(2000) }, /message must be a string of at most 1024/],
    [{}, /needs an error code, drop: true, or a delayMs/],
    [{ drop: false }, /needs an error code/],
    [{ error: 'Throttling', colour: 'red' }, /Unknown fault field "colour"/],
  ])('refuses %j with a sentence', (input, message) => {
    const checked = table().add(input);
    expect(checked.ok).toBe(false);
    if (!checked.ok) {
      expect(checked.message).toMatch(message);
      expect(checked.message).toMatch(/\.$/);
    }
  });

  it('holds at most a hundred faults', () => {
    const t = table();
    for (let i = 0; i < MAX_FAULTS; i++) expect(t.add({ error: 'Throttling' }).ok).toBe(true);
    expect(t.add({ error: 'Throttling' })).toEqual({ ok: false, message: 'No more than 100 faults can be active; remove some first.' });
  });
});
