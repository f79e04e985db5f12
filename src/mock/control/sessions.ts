// The credentials this instance issued (SPEC §10): who they are for and when they expire, never
// the secret or the token. Bounded: when full, expired sessions go first, then the oldest, so
// memory stays flat however many requests come. Revocation is by access key id.
import { ChangeSignal, type Unsubscribe } from './changeSignal.js';
import type { Checked } from './clock.js';
import { RepeatedText } from './repeatedText.js';
import { clip, detach } from './secretParams.js';

export const SESSIONS_CAPACITY = 10_000;
/** Revocations kept at most; past that, revoking is refused rather than silently forgetting one. */
export const REVOKED_CAPACITY = 10_000;
const MAX_TAGS = 50;
const MAX_TEXT = 2048;
const MAX_DATE_MS = 8.64e15;
const NO_TAGS: Array<[string, string]> = [];

/** What the issuing action knows about new credentials. Only these fields are read. */
export interface SessionInput {
  accessKeyId: string;
  /** The assumed-role ARN (AssumeRole*) or the user's ARN (GetSessionToken). */
  arn: string;
  /** The role assumed, when there is one. */
  roleArn?: string | undefined;
  sessionName?: string | undefined;
  sourceIdentity?: string | undefined;
  tags?: Readonly<Record<string, string>> | undefined;
  expiration: Date | number;
  /** The action that issued them. */
  action?: string | undefined;
}

export interface SessionView {
  accessKeyId: string;
  arn: string;
  roleArn?: string;
  sessionName?: string;
  sourceIdentity?: string;
  tags: Record<string, string>;
  action?: string;
  issuedAt: string;
  expiration: string;
  /** Whole seconds until expiry by the mock's clock; 0 once expired. */
  secondsLeft: number;
  expired: boolean;
  revoked: boolean;
}

/** One issued session, in a slot the ring reuses (no allocation per issue once it is full). */
class Slot {
  accessKeyId = '';
  arn = '';
  roleArn: string | undefined = undefined;
  sessionName: string | undefined = undefined;
  sourceIdentity: string | undefined = undefined;
  tags: Array<[string, string]> = NO_TAGS;
  action: string | undefined = undefined;
  issuedMs = 0;
  expiresMs = 0;
}

const ACCESS_KEY_ID = /^[\w+=,.@-]{1,128}$/;

export function checkAccessKeyId(value: unknown): Checked<string> {
  if (typeof value !== 'string' || !ACCESS_KEY_ID.test(value)) {
    return { ok: false, message: 'accessKeyId must be an access key id: 1 to 128 letters, digits or +=,.@_-.' };
  }
  return { ok: true, value };
}

/** Requests larger than this have the strings kept from them copied (see detach). */
const DETACH_ABOVE_BYTES = 4096;

function texter(large: boolean): (value: string | undefined) => string | undefined {
  return (value) => {
    if (value === undefined) return undefined;
    const clipped = clip(String(value), MAX_TEXT);
    return large ? detach(clipped) : clipped;
  };
}
const keepText = texter(false);
const copyText = texter(true);

export class SessionRegistry {
  // In order of issue, oldest at #start, in a ring of reused slots (like the journal's): adding is
  // O(1) and allocates nothing but the strings it keeps. Looking a key id up (revoke) walks it,
  // which is rare.
  #slots: Slot[] = [];
  #start = 0;
  #size = 0;
  #revoked = new Set<string>();
  #addedSinceSweep = 0;
  // No later than the earliest expiry among the kept sessions (it may lag behind once that session
  // has been pushed out): while the clock is before it, nothing has expired and a sweep would find nothing.
  #earliestExpiresMs = Number.POSITIVE_INFINITY;
  // A client assumes the same role under the same session name again and again: kept once (repeatedText.ts).
  readonly #arns = new RepeatedText();
  readonly #roleArns = new RepeatedText();
  readonly #sessionNames = new RepeatedText();
  readonly #sourceIdentities = new RepeatedText();
  readonly changes = new ChangeSignal();

  constructor(
    private readonly nowMs: () => number,
    readonly capacity: number = SESSIONS_CAPACITY,
  ) {}

  get size(): number {
    return this.#size;
  }

  /**
   * Remembers newly issued credentials; copies the fields it shows (never a secret or token).
   * `sourceBytes`: the size of the request they were issued for; the strings of a large one (or
   * of one of unknown size) are copied so that a session does not keep its whole body alive.
   */
  add(input: SessionInput, sourceBytes = Number.POSITIVE_INFINITY): void {
    const text = sourceBytes > DETACH_ABOVE_BYTES ? copyText : keepText;
    if (this.#size >= this.capacity) this.#makeRoom();
    const index = (this.#start + this.#size) % this.capacity;
    let slot = this.#slots[index];
    if (slot === undefined) {
      slot = new Slot();
      this.#slots[index] = slot;
    }
    slot.accessKeyId = clip(text(String(input.accessKeyId))!, 128);
    slot.arn = this.#arns.keep(text(input.arn) ?? '');
    slot.roleArn = this.#roleArns.keep(text(input.roleArn));
    slot.sessionName = this.#sessionNames.keep(text(input.sessionName));
    slot.sourceIdentity = this.#sourceIdentities.keep(text(input.sourceIdentity));
    slot.tags = NO_TAGS;
    if (input.tags) {
      const tags: Array<[string, string]> = [];
      for (const key in input.tags) {
        if (!Object.hasOwn(input.tags, key)) continue;
        if (tags.length === MAX_TAGS) break;
        tags.push([text(key)!, text(input.tags[key])!]);
      }
      slot.tags = tags;
    }
    slot.action = text(input.action);
    slot.issuedMs = this.nowMs();
    slot.expiresMs = input.expiration instanceof Date ? input.expiration.getTime() : input.expiration;
    if (slot.expiresMs < this.#earliestExpiresMs) this.#earliestExpiresMs = slot.expiresMs;
    this.#size++;
    this.#addedSinceSweep++;
    this.changes.touch();
  }

  /** Later calls with these credentials are refused. `known`: this instance issued them. */
  revoke(accessKeyId: string): Checked<{ accessKeyId: string; known: boolean }> {
    const checked = checkAccessKeyId(accessKeyId);
    if (!checked.ok) return checked;
    if (!this.#revoked.has(accessKeyId) && this.#revoked.size >= REVOKED_CAPACITY) {
      return { ok: false, message: `No more than ${REVOKED_CAPACITY} access keys can be revoked on one instance.` };
    }
    this.#revoked.add(accessKeyId);
    this.changes.touch();
    return { ok: true, value: { accessKeyId, known: this.#ordered().some((slot) => slot.accessKeyId === accessKeyId) } };
  }

  /** O(1); the answer builder asks it for every call signed with temporary credentials. */
  isRevoked(accessKeyId: string): boolean {
    return this.#revoked.size !== 0 && this.#revoked.has(accessKeyId);
  }

  /** The latest sessions (all kept, or `limit`), oldest first. */
  list(limit = this.capacity): SessionView[] {
    const now = this.nowMs();
    const ordered = this.#ordered();
    return ordered.slice(Math.max(0, ordered.length - limit)).map((slot) => this.#view(slot, now));
  }

  subscribe(listener: () => void): Unsubscribe {
    return this.changes.subscribe(listener);
  }

  /** The slots in use, oldest first. */
  #ordered(): Slot[] {
    const out: Slot[] = [];
    for (let n = 0; n < this.#size; n++) out.push(this.#slots[(this.#start + n) % this.capacity]!);
    return out;
  }

  // Full: sweep out the expired ones (at most once per tenth of the capacity added, and only once
  // one may have expired: a sweep copies the whole ring), then the oldest.
  #makeRoom(): void {
    if (this.#addedSinceSweep >= this.capacity / 10 && this.#earliestExpiresMs <= this.nowMs()) {
      this.#addedSinceSweep = 0;
      const now = this.nowMs();
      const ordered = this.#ordered();
      const kept = ordered.filter((slot) => slot.expiresMs > now);
      this.#earliestExpiresMs = kept.reduce((earliest, slot) => Math.min(earliest, slot.expiresMs), Number.POSITIVE_INFINITY);
      if (kept.length < ordered.length) {
        // The live ones first, in order, then the freed slots for reuse.
        this.#slots = [...kept, ...ordered.filter((slot) => slot.expiresMs <= now)];
        this.#start = 0;
        this.#size = kept.length;
      }
    }
    if (this.#size >= this.capacity) {
      this.#start = (this.#start + 1) % this.capacity;
      this.#size--;
    }
  }

  #view(r: Slot, now: number): SessionView {
    const view = { accessKeyId: r.accessKeyId, arn: r.arn } as SessionView;
    if (r.roleArn !== undefined) view.roleArn = r.roleArn;
    if (r.sessionName !== undefined) view.sessionName = r.sessionName;
    if (r.sourceIdentity !== undefined) view.sourceIdentity = r.sourceIdentity;
    view.tags = Object.fromEntries(r.tags);
    if (r.action !== undefined) view.action = r.action;
    view.issuedAt = new Date(r.issuedMs).toISOString();
    view.expiration = Math.abs(r.expiresMs) <= MAX_DATE_MS ? new Date(r.expiresMs).toISOString() : '';
    view.secondsLeft = Math.max(0, Math.floor((r.expiresMs - now) / 1000));
    view.expired = r.expiresMs <= now;
    view.revoked = this.#revoked.has(r.accessKeyId);
    return view;
  }
}
