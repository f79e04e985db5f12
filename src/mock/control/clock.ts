// The mock's clock (SPEC §10): real time, real time plus an offset, or a set (pinned) time.
// `now` is a drop-in for MockContext.now; `nowMs` is the allocation-free read the journal uses.
import { rememberingLast } from '../../rememberingLast.js';
import { ChangeSignal } from './changeSignal.js';

/** The earliest and latest instants the clock accepts: ISO years 1970..9999 keep every format four digits wide. */
export const CLOCK_MIN_MS = 0;
export const CLOCK_MAX_MS = Date.UTC(9999, 11, 31, 23, 59, 59);

export type ClockMode = 'real' | 'offset' | 'set';

export interface ClockState {
  mode: ClockMode;
  /** The mock's time now, ISO 8601. */
  now: string;
  /** Mock time minus real time, in seconds (0 in `real` mode). */
  offsetSeconds: number;
}

export type Checked<T> = { ok: true; value: T } | { ok: false; message: string };

// Date-only (midnight UTC), or a date and time with an explicit zone: Date.parse alone takes "March 7" too.
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2}))?$/;

function inRange(ms: number): boolean {
  return ms >= CLOCK_MIN_MS && ms <= CLOCK_MAX_MS;
}

/** Reads a time to set the clock to: a Date, or an ISO 8601 string with a zone; 1970..9999. */
export function checkClockTime(value: unknown): Checked<number> {
  let ms: number;
  if (value instanceof Date) ms = value.getTime();
  else if (typeof value === 'string') {
    if (value.length > 40 || !ISO_INSTANT.test(value)) {
      return { ok: false, message: 'The time to set must be ISO 8601 with a zone, like 2030-01-01T00:00:00Z.' };
    }
    ms = Date.parse(value);
  } else return { ok: false, message: 'The time to set must be an ISO 8601 string, like 2030-01-01T00:00:00Z.' };
  if (Number.isNaN(ms)) return { ok: false, message: 'The time to set is not a valid date.' };
  if (!inRange(ms)) return { ok: false, message: 'The time to set must lie between 1970-01-01 and 9999-12-31.' };
  return { ok: true, value: ms };
}

/** Reads a number of seconds to move the clock by (negative goes back); the result must stay within 1970..9999. */
export function checkAdvance(value: unknown, fromMs: number): Checked<number> {
  if (typeof value !== 'number' || !Number.isFinite(value)) return { ok: false, message: 'advanceSeconds must be a finite number of seconds.' };
  const target = fromMs + Math.round(value * 1000);
  if (!inRange(target)) return { ok: false, message: 'Advancing by that much would move the clock outside 1970-01-01..9999-12-31.' };
  return { ok: true, value: target };
}

export class MockClock {
  #offsetMs = 0;
  #setMs: number | null = null;
  /** Real time read once by hold(), until release(). */
  #heldRealMs: number | undefined;
  readonly changes = new ChangeSignal();

  /** `realNowMs`: real milliseconds since the epoch (a test passes its own frozen or stepped clock). */
  constructor(private readonly realNowMs: () => number = Date.now) {}

  /**
   * Reads real time once and answers with it until release(): one answer then sees one instant,
   * its issue time, expiry, journal time and session time alike, and asks the system clock once
   * instead of eight times. False (and nothing changes) when the clock is already held.
   */
  hold(): boolean {
    if (this.#heldRealMs !== undefined) return false;
    this.#heldRealMs = this.realNowMs();
    return true;
  }

  release(): void {
    this.#heldRealMs = undefined;
  }

  #realMs(): number {
    return this.#heldRealMs ?? this.realNowMs();
  }

  nowMs(): number {
    return this.#setMs ?? this.#realMs() + this.#offsetMs;
  }

  // The last Date handed out, again while the time has not moved: one answer asks several times,
  // and thousands of answers a second share a millisecond. Nothing in the mock changes a Date.
  readonly #dateAt = rememberingLast((ms: number) => new Date(ms));

  /** A drop-in for MockContext.now (an arrow: it can be handed around unbound). */
  readonly now = (): Date => this.#dateAt(this.nowMs());

  /**
   * Real time, whatever the mock's clock says: for the SigV4 timestamp window, which compares
   * the client's clock with ours. Moving the mock's clock an hour must make credentials expire,
   * not make every signature 45 minutes too old.
   */
  readonly realNow = (): Date => this.#dateAt(this.#realMs());

  /** Moves the clock by `seconds` (negative goes back); a set clock stays set, at the new time. Nothing moves when refused. */
  advance(seconds: number): Checked<number> {
    const from = this.nowMs();
    const checked = checkAdvance(seconds, from);
    if (!checked.ok) return checked;
    if (this.#setMs !== null) this.#setMs = checked.value;
    else this.#offsetMs += checked.value - from;
    this.changes.touch();
    return checked;
  }

  /** Pins the clock at `when`: it stays there until advanced, set again or reset. Nothing moves when refused. */
  set(when: Date | string): Checked<number> {
    const checked = checkClockTime(when);
    if (!checked.ok) return checked;
    this.#setMs = checked.value;
    this.#offsetMs = 0;
    this.changes.touch();
    return checked;
  }

  /** Back to real time. */
  reset(): void {
    this.#setMs = null;
    this.#offsetMs = 0;
    this.changes.touch();
  }

  state(): ClockState {
    const now = this.nowMs();
    const mode: ClockMode = this.#setMs !== null ? 'set' : this.#offsetMs !== 0 ? 'offset' : 'real';
    return { mode, now: new Date(now).toISOString(), offsetSeconds: (now - this.#realMs()) / 1000 };
  }
}
