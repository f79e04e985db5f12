// One line per request for `sts-cli serve`'s stderr, in text or JSON, secrets redacted.
import { redact } from '../redact.js';
import { escapeControl } from '../terminalText.js';
import type { MockRequestLog } from './types.js';

// Every pattern redact() masks needs one of . = : < " (a JWT's dots, Name=value, <Name>, "Name":):
// text of only these characters (`/`, `AssumeRole`, an access key id) holds none to mask.
const NOTHING_TO_MASK = /^[\w/-]*$/;
const clean = (text: string): string => (NOTHING_TO_MASK.test(text) ? text : redact(text));

// What the mock itself writes (times, request ids, addresses, methods, error codes) is of these
// characters in every answer it gives: JSON writes them as they are and a terminal shows them as they are.
const PLAIN = /^[\w.:-]*$/;

/** The fields between the request id and the duration, as one plain line writes them. */
class PlainMiddle {
  format: 'text' | 'json' | undefined;
  remote: string | undefined;
  method = '';
  path = '';
  action: string | undefined;
  accessKeyId: string | undefined;
  status = 0;
  code: string | undefined;
  /** Undefined when a field needs the general path. */
  text: string | undefined;

  /** Whether it was made for `e`'s fields in `format`. */
  matches(e: MockRequestLog, format: 'text' | 'json'): boolean {
    return (
      this.format === format &&
      this.path === e.path &&
      this.action === e.action &&
      this.accessKeyId === e.accessKeyId &&
      this.status === e.status &&
      this.code === e.code &&
      this.remote === e.remote &&
      this.method === e.method
    );
  }

  set(e: MockRequestLog, format: 'text' | 'json'): void {
    this.format = format;
    this.remote = e.remote;
    this.method = e.method;
    this.path = e.path;
    this.action = e.action;
    this.accessKeyId = e.accessKeyId;
    this.status = e.status;
    this.code = e.code;
    this.text = plainFields(e) ? (format === 'json' ? jsonMiddle(e) : textMiddle(e)) : undefined;
  }
}

function plainFields(e: MockRequestLog): boolean {
  if (!NOTHING_TO_MASK.test(e.path) || !PLAIN.test(e.method) || !Number.isInteger(e.status)) return false;
  if ((e.remote !== undefined && !PLAIN.test(e.remote)) || (e.code !== undefined && !PLAIN.test(e.code))) return false;
  return (e.action === undefined || NOTHING_TO_MASK.test(e.action)) && (e.accessKeyId === undefined || NOTHING_TO_MASK.test(e.accessKeyId));
}

function jsonMiddle(e: MockRequestLog): string {
  let text = e.remote === undefined ? '' : `,"remote":"${e.remote}"`;
  text += `,"method":"${e.method}","path":"${e.path}"`;
  if (e.action !== undefined) text += `,"action":"${e.action}"`;
  if (e.accessKeyId !== undefined) text += `,"accessKeyId":"${e.accessKeyId}"`;
  text += `,"status":${e.status}`;
  if (e.code !== undefined) text += `,"code":"${e.code}"`;
  return text;
}

function textMiddle(e: MockRequestLog): string {
  return ` ${e.status} ${e.method} ${e.path} ${e.action ?? '-'} ${e.code ?? 'ok'}${e.accessKeyId ? ` key=${e.accessKeyId}` : ''}`;
}

// Under load one client's answers differ only in time, request id and duration: the rest of the
// line is made (and its fields checked) once while it repeats.
const middle = new PlainMiddle();
let plainTime = '';

/**
 * The line of an answer with nothing to mask, escape or redact (almost every answer under load),
 * written directly: for JSON the same text JSON.stringify gives for the entry, at a fraction of
 * its cost. Undefined when any field needs the general path.
 */
function plainLine(e: MockRequestLog, format: 'text' | 'json'): string | undefined {
  if (e.detail !== undefined || !Number.isFinite(e.durationMs) || !PLAIN.test(e.requestId)) return undefined;
  if (e.time !== plainTime) {
    if (!PLAIN.test(e.time)) return undefined;
    plainTime = e.time;
  }
  if (!middle.matches(e, format)) middle.set(e, format);
  if (middle.text === undefined) return undefined;
  if (format === 'text') return `${e.time}${middle.text} ${e.durationMs.toFixed(1)}ms id=${e.requestId}`;
  return `{"time":"${e.time}","requestId":"${e.requestId}"${middle.text},"durationMs":${e.durationMs}}`;
}

/** The entry's fields in the log's order (MockRequestLog's), each that a client sent cleaned. */
function cleaned(raw: MockRequestLog): MockRequestLog {
  // Only what a client sent can carry a secret (path, action, key id, the detail that quotes it):
  // redacting those short fields, not the whole line, keeps logging cheap at thousands of lines a second.
  const entry = { time: raw.time, requestId: raw.requestId } as MockRequestLog;
  if (raw.remote !== undefined) entry.remote = raw.remote;
  entry.method = raw.method;
  entry.path = clean(raw.path);
  if (raw.action !== undefined) entry.action = clean(raw.action);
  if (raw.accessKeyId !== undefined) entry.accessKeyId = clean(raw.accessKeyId);
  entry.status = raw.status;
  if (raw.code !== undefined) entry.code = raw.code;
  if (raw.detail !== undefined) entry.detail = redact(raw.detail);
  entry.durationMs = raw.durationMs;
  return entry;
}

/** A one-line rendering of a request log entry; never contains a secret, a newline or a terminal control. */
export function formatRequestLog(raw: MockRequestLog, format: 'text' | 'json'): string {
  const plain = plainLine(raw, format);
  if (plain !== undefined) return plain;
  if (format === 'json') {
    // Control characters from a request are shown, not run, on the terminal that reads the log (SPEC §11);
    // in JSON the escapes are JSON's own (\u001b), so the line still reads back as the request sent it.
    return escapeControl(JSON.stringify(cleaned(raw)));
  }
  const entry = cleaned(raw);
  const parts = [
    entry.time,
    String(entry.status),
    entry.method,
    entry.path,
    entry.action ?? '-',
    entry.code ?? 'ok',
    entry.accessKeyId ? `key=${entry.accessKeyId}` : null,
    `${entry.durationMs.toFixed(1)}ms`,
    `id=${entry.requestId}`,
    entry.detail ? `(${entry.detail})` : null,
  ];
  const line = parts
    .filter((p) => p !== null)
    .join(' ')
    .replace(/[\r\n]+/g, ' ');
  return escapeControl(line);
}

/** An `onRequest` that holds its lines a moment; `flush` writes what it holds at once (before other output, or exit). */
export interface RequestLogWriter {
  (entry: MockRequestLog): void;
  flush(): void;
}

/** How long a line may wait for others, and how many may wait: a human sees no delay, and memory stays small. */
export const LOG_BATCH_MS = 10;
export const LOG_BATCH_LINES = 512;

/**
 * An `onRequest` that formats each entry and hands `write` the lines of up to LOG_BATCH_MS in a
 * single string: under load that is hundreds of answers per write, where one write per turn of
 * the event loop (twenty-odd answers) still cost a measurable share of the mock's CPU in the
 * kernel. The lines are joined once at the end (a `+=` per line made a string tree the write had
 * to flatten). The timer is not unref'd: a process on its way out still writes what it holds.
 */
export function requestLogWriter(write: (lines: string) => void, format: 'text' | 'json'): RequestLogWriter {
  let pending: string[] = [];
  let timer: NodeJS.Timeout | undefined;
  const flush = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    if (pending.length === 0) return;
    const lines = pending;
    pending = [];
    lines.push(''); // the last line's newline
    write(lines.join('\n'));
  };
  const log = (entry: MockRequestLog) => {
    pending.push(formatRequestLog(entry, format));
    if (pending.length >= LOG_BATCH_LINES) flush();
    else if (timer === undefined) timer = setTimeout(flush, LOG_BATCH_MS);
  };
  return Object.assign(log, { flush });
}
