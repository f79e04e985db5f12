// The in-process API that startMockSts's handle exposes: the same journal, sessions, faults
// and clock as /_sts-cli/, as methods that throw a UsageError on bad input.
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/errors.js';
import { MockClock } from '../../../src/mock/control/clock.js';
import { ControlPlane } from '../../../src/mock/control/controlPlane.js';
import { MockControl } from '../../../src/mock/control/mockControl.js';

const T0 = Date.UTC(2026, 0, 1);

function setup() {
  const plane = new ControlPlane({ flavor: 'aws', clock: new MockClock(() => T0) });
  // As the handle would: spread it next to the server's own members.
  const sts = { url: 'http://127.0.0.1:1', close: async () => {}, ...new MockControl(plane) };
  return { plane, sts };
}

describe('MockControl', () => {
  it('spreads into a handle with every member working', () => {
    const { plane, sts } = setup();
    expect(Object.keys(sts).sort()).toEqual(
      ['clearFaults', 'clearRequests', 'clock', 'close', 'faults', 'injectFault', 'removeFault', 'requests', 'revoke', 'sessions', 'url'].sort(),
    );
    plane.journal.record({ requestId: 'r1', status: 200, action: 'AssumeRole' });
    plane.journal.record({ requestId: 'r2', status: 200, action: 'GetCallerIdentity' });
    expect(sts.requests().map((r) => r.requestId)).toEqual(['r1', 'r2']);
    expect(sts.requests({ action: 'GetCallerIdentity' }).map((r) => r.requestId)).toEqual(['r2']);
    sts.clearRequests();
    expect(sts.requests()).toEqual([]);

    plane.sessions.add({ accessKeyId: 'ASIA0000000000000001', arn: 'arn:aws:sts::1:assumed-role/r/s', expiration: T0 + 3600_000 });
    expect(sts.sessions()).toHaveLength(1);
    expect(sts.revoke('ASIA0000000000000001')).toBe(true);
    expect(plane.sessions.isRevoked('ASIA0000000000000001')).toBe(true);

    const fault = sts.injectFault({ action: 'AssumeRole', error: 'Throttling', count: 1 });
    expect(fault).toMatchObject({ id: 'f1', error: 'Throttling', remaining: 1 });
    expect(sts.faults()).toHaveLength(1);
    expect(plane.faults.match('AssumeRole')?.code).toBe('Throttling');
    expect(sts.faults()).toEqual([]);
    sts.injectFault({ error: 'InternalFailure' });
    sts.clearFaults();
    expect(plane.faults.match('AssumeRole')).toBeUndefined();
    expect(sts.removeFault('f9')).toBe(false);
  });

  it('moves the clock the mock uses', () => {
    const { plane, sts } = setup();
    sts.clock.advance(3600);
    expect(plane.clock.now().toISOString()).toBe('2026-01-01T01:00:00.000Z');
    expect(sts.clock.now().toISOString()).toBe('2026-01-01T01:00:00.000Z');
    sts.clock.set(new Date('2030-01-01T00:00:00Z'));
    expect(plane.clock.now().toISOString()).toBe('2030-01-01T00:00:00.000Z');
    sts.clock.set('2031-01-01T00:00:00Z');
    expect(plane.clock.nowMs()).toBe(Date.UTC(2031, 0, 1));
    sts.clock.reset();
    expect(plane.clock.nowMs()).toBe(T0);
  });

  it('the journal and the sessions go by that clock', () => {
    const { plane, sts } = setup();
    plane.sessions.add({ accessKeyId: 'ASIA0000000000000002', arn: 'arn:aws:sts::1:assumed-role/r/s', expiration: T0 + 900_000 });
    expect(sts.sessions()[0]).toMatchObject({ secondsLeft: 900, expired: false });
    sts.clock.advance(900);
    expect(sts.sessions()[0]).toMatchObject({ secondsLeft: 0, expired: true });
    plane.journal.record({ requestId: 'later', status: 200 });
    expect(sts.requests()[0]!.time).toBe('2026-01-01T00:15:00.000Z');
  });

  it('throws a UsageError with a sentence on bad input', () => {
    const { sts } = setup();
    const cases: Array<[() => unknown, RegExp]> = [
      [() => sts.injectFault({ error: 'Nope' }), /Unknown fault error code "Nope"/],
      [() => sts.injectFault({ error: 'Throttling', count: -1 }), /count must be/],
      [() => sts.injectFault({ error: 'Throttling', rate: 7 }), /rate must be/],
      [() => sts.clock.set('1960-01-01T00:00:00Z'), /between 1970-01-01/],
      [() => sts.clock.set(new Date('nonsense')), /not a valid date/],
      [() => sts.clock.advance(Number.NaN), /finite number/],
      [() => sts.revoke(''), /accessKeyId must be/],
      [() => sts.requests({ limit: 0 }), /limit must be/],
    ];
    for (const [run, message] of cases) {
      let caught: unknown;
      try {
        run();
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(UsageError);
      expect((caught as UsageError).code).toBe('ERR_USAGE');
      expect((caught as Error).message).toMatch(message);
    }
  });
});
