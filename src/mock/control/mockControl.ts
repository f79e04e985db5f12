// The control plane in-process (SPEC §10), for startMockSts's handle: the same journal,
// sessions, faults and clock as /_sts-cli/, as methods. Every member is an own property (arrow
// functions), so the handle can spread an instance: `{ url, close, ...new MockControl(plane) }`.
import { UsageError } from '../../errors.js';
import type { Checked } from './clock.js';
import type { ControlPlane } from './controlPlane.js';
import type { FaultSpec, FaultView } from './faults.js';
import type { JournalEntry, JournalQuery } from './journal.js';
import type { SessionView } from './sessions.js';

export interface MockClockControl {
  /** The mock's time now. */
  now(): Date;
  /** Moves the mock's clock by `seconds` (negative goes back). */
  advance(seconds: number): void;
  /** Pins the mock's clock at `when` (a Date or ISO 8601 with a zone, 1970..9999). */
  set(when: Date | string): void;
  /** Back to real time. */
  reset(): void;
}

function orThrow<T>(result: Checked<T>): T {
  if (!result.ok) throw new UsageError(result.message);
  return result.value;
}

export class MockControl {
  /** The mock's clock: issued credentials and tokens expire by it. */
  readonly clock: MockClockControl;

  constructor(plane: ControlPlane) {
    const { clock, journal, sessions, faults } = plane;
    // Switched off, nothing is recorded or consulted: every member says so rather than answer empty.
    const on =
      <A extends unknown[], R>(f: (...args: A) => R) =>
      (...args: A): R => {
        if (!plane.enabled) throw new UsageError('The control plane is switched off (startMockSts({ control: false }) or serve --no-control).');
        return f(...args);
      };
    this.clock = {
      now: () => clock.now(),
      advance: on((seconds: number) => void orThrow(clock.advance(seconds))),
      set: on((when: Date | string) => void orThrow(clock.set(when))),
      reset: on(() => clock.reset()),
    };
    this.requests = on((query: JournalQuery = {}) => {
      if (query.limit !== undefined && !(Number.isInteger(query.limit) && query.limit >= 1)) throw new UsageError('limit must be a whole number of 1 or more.');
      return journal.list(query);
    });
    this.clearRequests = on(() => void journal.clear());
    this.sessions = on(() => sessions.list());
    this.revoke = on((accessKeyId: string) => orThrow(sessions.revoke(accessKeyId)).known);
    this.injectFault = on((fault: FaultSpec) => orThrow(faults.add(fault)));
    this.faults = on(() => faults.list());
    this.removeFault = on((id: string) => faults.remove(id));
    this.clearFaults = on(() => void faults.clear());
  }

  /** The journal: the latest requests (all kept, or `limit`), oldest first, never a secret. */
  readonly requests: (query?: JournalQuery) => JournalEntry[];
  readonly clearRequests: () => void;
  /** Credentials this instance issued (never the secret or token). */
  readonly sessions: () => SessionView[];
  /** Later calls with these credentials are refused (InvalidClientTokenId); true when this instance issued them. */
  readonly revoke: (accessKeyId: string) => boolean;
  /** Answers the next matching requests with an error, late, or not at all; returns the fault with its id. */
  readonly injectFault: (fault: FaultSpec) => FaultView;
  readonly faults: () => FaultView[];
  readonly removeFault: (id: string) => boolean;
  readonly clearFaults: () => void;
}
