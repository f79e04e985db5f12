// The journal (SPEC §10): the last N answered requests in a ring of reused slots. Recording is
// O(1) and allocates nothing once the ring is full, except a copy of the parameters when they
// hold a secret (AssumeRoleWithWebIdentity's token) or came from a large request. Queries,
// which are rare, do the formatting. A small form body is kept as its one string and decoded when
// read: 10 000 kept maps of parameters made every young-generation collection copy them (the
// control plane cost 11-14% of the mock's rate with them, under 2% without).
import { redact } from '../../redact.js';
import { ChangeSignal, type Unsubscribe } from './changeSignal.js';
import { RepeatedText } from './repeatedText.js';
import { clip, detach, isSecretParam } from './secretParams.js';

export const JOURNAL_CAPACITY = 10_000;

/** What the journal reads from an answer; the mock's answer object fits as it is. */
export interface JournalAnswer {
  readonly requestId: string;
  readonly status: number;
  readonly action?: string | undefined;
  /** The error code, when the answer is a refusal. */
  readonly code?: string | undefined;
  /** The refusal's reason (never a secret). */
  readonly reason?: string | undefined;
  /** Who signed the request, once known. */
  readonly callerArn?: string | undefined;
}

/** One request as the journal shows it. */
export interface JournalEntry {
  /** When it was answered, by the mock's clock. */
  time: string;
  requestId: string;
  action?: string;
  /** The request's parameters without secrets. */
  params: Record<string, string>;
  callerArn?: string;
  /** The HTTP status; 0 when a fault dropped the connection without an answer. */
  status: number;
  errorCode?: string;
  reason?: string;
}

export interface JournalQuery {
  /** Only this action. */
  action?: string | undefined;
  /** The latest N (default: all kept). */
  limit?: number | undefined;
}

// Per-request bounds: what one entry may keep, so that 10 000 of them stay a few tens of MiB.
const MAX_PARAMS = 64;
const MAX_NAME = 128;
const MAX_VALUE = 4096;
const MAX_REASON = 300;
const MAX_ACTION = 64;
const MAX_ARN = 2048;
/** Requests larger than this have their strings copied (see detach). */
const DETACH_ABOVE_BYTES = 4096;

const NO_PARAMS: ReadonlyMap<string, string> = new Map();

/** A request's form body and the decoder that gives its parameters again (signature ones left out). */
export interface JournalForm {
  readonly text: string;
  readonly decode: (text: string) => ReadonlyMap<string, string>;
}

class Slot {
  seq = 0;
  timeMs = 0;
  requestId = '';
  action: string | undefined = undefined;
  params: ReadonlyMap<string, string> = NO_PARAMS;
  /** Set instead of `params` (then NO_PARAMS) when the parameters are those of this form body. */
  formText: string | undefined = undefined;
  decodeForm: JournalForm['decode'] | undefined = undefined;
  callerArn: string | undefined = undefined;
  status = 0;
  code: string | undefined = undefined;
  reason: string | undefined = undefined;
}

/** The parameters to keep: `params` itself when it is small and secret-free, else a bounded copy. */
function keepParams(params: ReadonlyMap<string, string>, sourceBytes: number): ReadonlyMap<string, string> {
  let large = sourceBytes > DETACH_ABOVE_BYTES;
  let copy = large || params.size > MAX_PARAMS;
  if (!copy) {
    let bytes = 0;
    for (const [name, value] of params) {
      bytes += value.length + name.length;
      if (isSecretParam(name) || value.length > MAX_VALUE || name.length > MAX_NAME) copy = true;
    }
    if (bytes > DETACH_ABOVE_BYTES) large = copy = true;
  }
  if (!copy) return params;
  const kept = new Map<string, string>();
  for (const [name, value] of params) {
    if (kept.size === MAX_PARAMS) break;
    if (isSecretParam(name)) continue;
    const n = clip(name, MAX_NAME);
    const v = clip(value, MAX_VALUE);
    kept.set(large ? detach(n) : n, large ? detach(v) : v);
  }
  return kept;
}

function optional(text: string | undefined, max: number, detached: boolean): string | undefined {
  if (text === undefined) return undefined;
  const clipped = clip(text, max);
  return detached ? detach(clipped) : clipped;
}

export class Journal {
  #slots: Slot[] = [];
  #next = 0;
  #size = 0;
  #seq = 0;
  #clears = 0;
  // A client's body and who signed it repeat request after request: kept once (repeatedText.ts).
  readonly #forms = new RepeatedText();
  readonly #callers = new RepeatedText();
  readonly changes = new ChangeSignal();

  constructor(
    /** Milliseconds since the epoch, by the mock's clock. */
    private readonly nowMs: () => number,
    readonly capacity: number = JOURNAL_CAPACITY,
  ) {}

  get size(): number {
    return this.#size;
  }

  /** The sequence number of the latest entry (0: none yet). */
  get seq(): number {
    return this.#seq;
  }

  /**
   * Records one answered request. `params` is kept by reference when it holds no secret: the
   * caller must not change it afterwards. `sourceBytes`: the request's body plus query length.
   * `form`: the body `params` were decoded from, when they all were; kept instead of `params`
   * when `params` could be kept as they are.
   */
  record(answer: JournalAnswer, params?: ReadonlyMap<string, string> | null, sourceBytes = 0, form?: JournalForm): void {
    let slot = this.#slots[this.#next];
    if (slot === undefined) {
      slot = new Slot();
      this.#slots[this.#next] = slot;
    }
    const large = sourceBytes > DETACH_ABOVE_BYTES;
    slot.seq = ++this.#seq;
    slot.timeMs = this.nowMs();
    slot.requestId = answer.requestId;
    slot.action = optional(answer.action, MAX_ACTION, large);
    const kept = params ? keepParams(params, sourceBytes) : NO_PARAMS;
    const asForm = form !== undefined && kept === params;
    slot.params = asForm ? NO_PARAMS : kept;
    slot.formText = asForm ? this.#forms.keep(form.text) : undefined;
    slot.decodeForm = asForm ? form.decode : undefined;
    slot.callerArn = this.#callers.keep(optional(answer.callerArn, MAX_ARN, large));
    slot.status = answer.status;
    // Status 0: no answer at all (a fault dropped the connection), which has its reason too.
    const refused = answer.status >= 400 || answer.status === 0 || answer.code !== undefined;
    slot.code = refused ? answer.code : undefined;
    slot.reason = refused && answer.reason !== undefined ? optional(redact(clip(answer.reason, 4096)), MAX_REASON, large) : undefined;
    this.#next = this.#next + 1 === this.capacity ? 0 : this.#next + 1;
    if (this.#size < this.capacity) this.#size++;
    this.changes.touch();
  }

  /** The latest entries (all kept, or `limit`), oldest first; `action` filters. */
  list(query: JournalQuery = {}): JournalEntry[] {
    const limit = query.limit ?? this.capacity;
    return this.#collect(limit, (slot) => query.action === undefined || slot.action === query.action);
  }

  /** How many times it was cleared (a live view starts over when this moves). */
  get clears(): number {
    return this.#clears;
  }

  /** Entries recorded after sequence number `seq`, oldest first, at most the latest `max`. */
  since(seq: number, max: number): JournalEntry[] {
    return this.#collect(max, (slot) => slot.seq > seq, true);
  }

  clear(): number {
    const cleared = this.#size;
    this.#slots = [];
    this.#next = 0;
    this.#size = 0;
    this.#clears++;
    this.changes.touch();
    return cleared;
  }

  subscribe(listener: () => void): Unsubscribe {
    return this.changes.subscribe(listener);
  }

  #collect(limit: number, keep: (slot: Slot) => boolean, stopAtFirstMiss = false): JournalEntry[] {
    const out: JournalEntry[] = [];
    let index = this.#next;
    for (let n = 0; n < this.#size && out.length < limit; n++) {
      index = index === 0 ? this.capacity - 1 : index - 1;
      const slot = this.#slots[index]!;
      if (keep(slot)) out.push(view(slot));
      else if (stopAtFirstMiss) break;
    }
    return out.reverse();
  }
}

function view(slot: Slot): JournalEntry {
  // Field by field, in the order SPEC §10 lists them.
  const entry = { time: new Date(slot.timeMs).toISOString(), requestId: slot.requestId } as JournalEntry;
  if (slot.action !== undefined) entry.action = slot.action;
  entry.params = Object.fromEntries(slot.formText !== undefined && slot.decodeForm ? slot.decodeForm(slot.formText) : slot.params);
  if (slot.callerArn !== undefined) entry.callerArn = slot.callerArn;
  entry.status = slot.status;
  if (slot.code !== undefined) entry.errorCode = slot.code;
  if (slot.reason !== undefined) entry.reason = slot.reason;
  return entry;
}
