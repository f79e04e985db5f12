// Injected faults (SPEC §10): the next matching requests are answered with an error, late, or
// not at all (the connection dropped). `match` decides per request; the flavor's error builder
// renders the body from the decision's code, status and message.
import { ChangeSignal, type Unsubscribe } from './changeSignal.js';
import type { Checked } from './clock.js';
import { FAULT_ACTIONS, FAULT_ERRORS, type FaultAction } from './faultErrors.js';

export const MAX_FAULTS = 100;
export const MAX_FAULT_DELAY_MS = 60_000;
const MAX_COUNT = 1_000_000;
const MAX_MESSAGE = 1024;

/** A fault as a test asks for it (JSON body of POST /_sts-cli/faults, or sts.injectFault). */
export interface FaultSpec {
  /** Which action it hits (default `*`: every STS action). */
  action?: FaultAction;
  /** The error code to answer with; may be left out with `drop` or `delayMs` alone. */
  error?: string;
  /** HTTP status; default: the one AWS uses for `error`. */
  status?: number;
  message?: string;
  /** Wait this long before answering (or dropping); alone, the normal answer comes late. */
  delayMs?: number;
  /** Close the connection without an answer. */
  drop?: boolean;
  /** Hit this many matching requests, then go away (default: until removed). */
  count?: number;
  /** Hit each matching request with this probability, 0..1 (default 1). */
  rate?: number;
}

/** What the answer builder does with a matched request. Same object every time a fault hits. */
export interface FaultDecision {
  readonly id: string;
  /** Absent: no error (a delay alone, or a drop). */
  readonly code?: string;
  readonly status?: number;
  readonly message?: string;
  readonly delayMs: number;
  readonly drop: boolean;
}

export interface FaultView {
  id: string;
  action: FaultAction;
  error?: string;
  status?: number;
  message?: string;
  delayMs?: number;
  drop?: boolean;
  /** Hits left; absent: until removed. */
  remaining?: number;
  rate?: number;
  /** How many requests it has hit. */
  hits: number;
}

interface Rule {
  view: FaultView;
  decision: FaultDecision;
}

const FIELDS = new Set(['action', 'error', 'status', 'message', 'delayMs', 'drop', 'count', 'rate']);
const isInteger = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);

/** Checks a fault as given (any JSON value) and returns what to inject, or one sentence on what is wrong. */
export function checkFault(input: unknown): Checked<Omit<FaultView, 'id' | 'hits'>> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return { ok: false, message: 'A fault must be a JSON object.' };
  const f = input as Record<string, unknown>;
  for (const key of Object.keys(f)) {
    if (!FIELDS.has(key)) return { ok: false, message: `Unknown fault field "${clipName(key)}"; use ${[...FIELDS].join(', ')}.` };
  }
  const action = f.action ?? '*';
  if (typeof action !== 'string' || !(FAULT_ACTIONS as readonly string[]).includes(action)) {
    return { ok: false, message: `The fault's action must be one of ${FAULT_ACTIONS.join(', ')}.` };
  }
  const out: Omit<FaultView, 'id' | 'hits'> = { action: action as FaultAction };
  if (f.error !== undefined) {
    if (typeof f.error !== 'string' || !Object.hasOwn(FAULT_ERRORS, f.error)) {
      return { ok: false, message: `Unknown fault error code "${clipName(String(f.error))}"; use one of ${Object.keys(FAULT_ERRORS).join(', ')}.` };
    }
    out.error = f.error;
  }
  if (f.status !== undefined) {
    if (out.error === undefined) return { ok: false, message: 'A fault status needs an error code to go with it.' };
    if (!isInteger(f.status) || f.status < 400 || f.status > 599) return { ok: false, message: 'The fault status must be an integer from 400 to 599.' };
    out.status = f.status;
  }
  if (f.message !== undefined) {
    if (out.error === undefined) return { ok: false, message: 'A fault message needs an error code to go with it.' };
    if (typeof f.message !== 'string' || f.message.length > MAX_MESSAGE)
      return { ok: false, message: `The fault message must be a string of at most ${MAX_MESSAGE} characters.` };
    out.message = f.message;
  }
  if (f.delayMs !== undefined) {
    if (!isInteger(f.delayMs) || f.delayMs < 0) return { ok: false, message: 'delayMs must be a whole number of milliseconds, 0 or more.' };
    if (f.delayMs > MAX_FAULT_DELAY_MS) return { ok: false, message: `delayMs must be at most ${MAX_FAULT_DELAY_MS} (one minute).` };
    out.delayMs = f.delayMs;
  }
  if (f.drop !== undefined) {
    if (typeof f.drop !== 'boolean') return { ok: false, message: 'drop must be true or false.' };
    if (f.drop && out.error !== undefined) return { ok: false, message: 'A dropped connection carries no error: give error or drop, not both.' };
    if (f.drop) out.drop = true;
  }
  if (f.count !== undefined) {
    if (!isInteger(f.count) || f.count < 1 || f.count > MAX_COUNT) return { ok: false, message: `count must be a whole number from 1 to ${MAX_COUNT}.` };
    out.remaining = f.count;
  }
  if (f.rate !== undefined) {
    if (typeof f.rate !== 'number' || !(f.rate >= 0 && f.rate <= 1)) return { ok: false, message: 'rate must be a number from 0 to 1.' };
    out.rate = f.rate;
  }
  if (out.error === undefined && !out.drop && out.delayMs === undefined) {
    return { ok: false, message: 'A fault needs an error code, drop: true, or a delayMs.' };
  }
  return { ok: true, value: out };
}

function clipName(text: string): string {
  return text.length > 64 ? `${text.slice(0, 64)}…` : text;
}

export class FaultTable {
  #rules: Rule[] = [];
  #nextId = 1;
  readonly changes = new ChangeSignal();

  /** `random`: 0 ≤ x < 1, consulted for faults with a `rate` (a test passes its own). */
  constructor(private readonly random: () => number = Math.random) {}

  get size(): number {
    return this.#rules.length;
  }

  add(input: unknown): Checked<FaultView> {
    const checked = checkFault(input);
    if (!checked.ok) return checked;
    if (this.#rules.length >= MAX_FAULTS) return { ok: false, message: `No more than ${MAX_FAULTS} faults can be active; remove some first.` };
    const view: FaultView = { id: `f${this.#nextId++}`, ...checked.value, hits: 0 };
    const known = view.error === undefined ? undefined : FAULT_ERRORS[view.error]!;
    const decision: FaultDecision = {
      id: view.id,
      ...(view.error !== undefined ? { code: view.error, status: view.status ?? known!.status, message: view.message ?? known!.message } : {}),
      delayMs: view.delayMs ?? 0,
      drop: view.drop === true,
    };
    this.#rules.push({ view, decision });
    this.changes.touch();
    return { ok: true, value: { ...view } };
  }

  /**
   * The fault that hits this request, if any: the first active one for `action` (or `*`) whose
   * rate lets it. A hit counts down its `count`; the last one removes it.
   */
  match(action: string): FaultDecision | undefined {
    const rules = this.#rules;
    if (rules.length === 0) return undefined;
    for (let i = 0; i < rules.length; i++) {
      const { view, decision } = rules[i]!;
      if (view.action !== '*' && view.action !== action) continue;
      if (view.rate !== undefined && !(this.random() < view.rate)) continue;
      view.hits++;
      if (view.remaining !== undefined && --view.remaining === 0) rules.splice(i, 1);
      this.changes.touch();
      return decision;
    }
    return undefined;
  }

  list(): FaultView[] {
    return this.#rules.map((rule) => ({ ...rule.view }));
  }

  remove(id: string): boolean {
    const index = this.#rules.findIndex((rule) => rule.view.id === id);
    if (index === -1) return false;
    this.#rules.splice(index, 1);
    this.changes.touch();
    return true;
  }

  clear(): number {
    const removed = this.#rules.length;
    this.#rules = [];
    this.changes.touch();
    return removed;
  }

  subscribe(listener: () => void): Unsubscribe {
    return this.changes.subscribe(listener);
  }
}
