// One mock instance's control plane (SPEC §10): its journal, sessions, faults and clock, who may
// use them, and what the health check says. Per instance, never shared between instances.
import type { ControlAccess } from './access.js';
import { MockClock } from './clock.js';
import { FaultTable } from './faults.js';
import { JOURNAL_CAPACITY, Journal } from './journal.js';
import { SESSIONS_CAPACITY, SessionRegistry } from './sessions.js';

export interface ControlPlaneOptions {
  /** For the health check. */
  flavor: string;
  version?: string | undefined;
  /** Default: open (a loopback listener without a token); see controlAccess. */
  access?: ControlAccess | undefined;
  clock?: MockClock | undefined;
  /** For faults with a `rate` (0 ≤ x < 1). */
  random?: (() => number) | undefined;
  journalCapacity?: number | undefined;
  sessionsCapacity?: number | undefined;
  /** Most live dashboards at once (each holds a connection). */
  maxStreams?: number | undefined;
}

export class ControlPlane {
  readonly flavor: string;
  readonly version: string;
  readonly access: ControlAccess;
  readonly clock: MockClock;
  readonly journal: Journal;
  readonly sessions: SessionRegistry;
  readonly faults: FaultTable;
  readonly maxStreams: number;
  readonly #streams = new Set<() => void>();

  constructor(options: ControlPlaneOptions) {
    this.flavor = options.flavor;
    this.version = options.version ?? '0.0.0-dev';
    this.access = options.access ?? { mode: 'open' };
    this.clock = options.clock ?? new MockClock();
    const nowMs = () => this.clock.nowMs();
    this.journal = new Journal(nowMs, options.journalCapacity ?? JOURNAL_CAPACITY);
    this.sessions = new SessionRegistry(nowMs, options.sessionsCapacity ?? SESSIONS_CAPACITY);
    this.faults = new FaultTable(options.random);
    this.maxStreams = options.maxStreams ?? 16;
  }

  /** false under `--no-control`: the answer builder then skips the journal, sessions and faults. */
  get enabled(): boolean {
    return this.access.mode !== 'off';
  }

  /** Live dashboard streams now open. */
  get streams(): number {
    return this.#streams.size;
  }

  /** Registers an open stream by the function that ends it; returns its removal. */
  addStream(end: () => void): () => void {
    this.#streams.add(end);
    return () => this.#streams.delete(end);
  }

  /** Ends every live stream (a graceful server close would otherwise wait for them). */
  endStreams(): void {
    for (const end of [...this.#streams]) end();
  }

  health(): { status: 'ok'; flavor: string; version: string } {
    return { status: 'ok', flavor: this.flavor, version: this.version };
  }
}
