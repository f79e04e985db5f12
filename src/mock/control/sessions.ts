// The credentials this instance issued (SPEC §10): who they are for and when they expire, never
// the secret or the token. Bounded: when full, expired sessions go first, then the oldest, so
// memory stays flat however many requests come. Revocation is by access key id.
import { ChangeSignal, type Unsubscribe } from './changeSignal.js';
import type { Checked } from './clock.js';
import { clip, detach } from './secretParams.js';

export const SESSIONS_CAPACITY = 10_000;
/** Revocations kept at most; past that, revoking is refused rather than silently forgetting one. */
export const REVOKED_CAPACITY = 10_000;
const MAX_TAGS = 50;
const MAX_TEXT = 2048;
const MAX_DATE_MS = 8.64e15;

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

interface SessionRecord {
  accessKeyId: string;
  arn: string;
  roleArn: string | undefined;
  sessionName: string | undefined;
  sourceIdentity: string | undefined;
  tags: Array<[string, string]>;
  action: string | undefined;
  issuedMs: number;
  expiresMs: number;
}

const ACCESS_KEY_ID = /^[\w+=,.@-]{1,128}$/;

export function checkAccessKeyId(value: unknown): Checked<string> {
  if (typeof value !== 'string' || !ACCESS_KEY_ID.test(value)) {
    return { ok: false, message: 'accessKeyId must be an access key id: 1 to 128 letters, digits or +=,.@_-.' };
  }
  return { ok: true, value };
}

const text = (value: string | undefined): string | undefined => (value === undefined ? undefined : detach(clip(String(value), MAX_TEXT)));

export class SessionRegistry {
  #sessions = new Map<string, SessionRecord>();
  #revoked = new Set<string>();
  #addedSinceSweep = 0;
  readonly changes = new ChangeSignal();

  constructor(
    private readonly nowMs: () => number,
    readonly capacity: number = SESSIONS_CAPACITY,
  ) {}

  get size(): number {
    return this.#sessions.size;
  }

  /** Remembers newly issued credentials; copies the fields it shows (never a secret or token). */
  add(input: SessionInput): void {
    const tags: Array<[string, string]> = [];
    if (input.tags) {
      for (const [key, value] of Object.entries(input.tags)) {
        if (tags.length === MAX_TAGS) break;
        tags.push([text(key)!, text(value)!]);
      }
    }
    const record: SessionRecord = {
      accessKeyId: detach(clip(String(input.accessKeyId), 128)),
      arn: text(input.arn) ?? '',
      roleArn: text(input.roleArn),
      sessionName: text(input.sessionName),
      sourceIdentity: text(input.sourceIdentity),
      tags,
      action: text(input.action),
      issuedMs: this.nowMs(),
      expiresMs: input.expiration instanceof Date ? input.expiration.getTime() : input.expiration,
    };
    this.#sessions.delete(record.accessKeyId);
    if (this.#sessions.size >= this.capacity) this.#makeRoom();
    this.#sessions.set(record.accessKeyId, record);
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
    return { ok: true, value: { accessKeyId, known: this.#sessions.has(accessKeyId) } };
  }

  /** O(1); the answer builder asks it for every call signed with temporary credentials. */
  isRevoked(accessKeyId: string): boolean {
    return this.#revoked.size !== 0 && this.#revoked.has(accessKeyId);
  }

  /** The latest sessions (all kept, or `limit`), oldest first. */
  list(limit = this.capacity): SessionView[] {
    const now = this.nowMs();
    const skip = Math.max(0, this.#sessions.size - limit);
    const out: SessionView[] = [];
    let n = 0;
    for (const record of this.#sessions.values()) {
      if (n++ >= skip) out.push(this.#view(record, now));
    }
    return out;
  }

  subscribe(listener: () => void): Unsubscribe {
    return this.changes.subscribe(listener);
  }

  // Full: sweep out the expired ones (at most once per tenth of the capacity added), then the oldest.
  #makeRoom(): void {
    if (this.#addedSinceSweep >= this.capacity / 10) {
      this.#addedSinceSweep = 0;
      const now = this.nowMs();
      for (const [id, record] of this.#sessions) if (record.expiresMs <= now) this.#sessions.delete(id);
    }
    if (this.#sessions.size >= this.capacity) {
      const oldest = this.#sessions.keys().next();
      if (!oldest.done) this.#sessions.delete(oldest.value);
    }
  }

  #view(r: SessionRecord, now: number): SessionView {
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
