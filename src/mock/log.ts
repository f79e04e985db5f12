// One line per request for `sts-cli serve`'s stderr, in text or JSON, secrets redacted.
import { redact } from '../redact.js';
import type { MockRequestLog } from './types.js';

// Terminal control characters (C0 but the tab, DEL, C1, bidi controls, line separators) from a
// request, written out as \uXXXX so that they show instead of acting on the terminal that reads the
// log (SPEC §11). A local copy of c2-net's escapeControl (src/terminalText.ts): use that once on main.
const CONTROL = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const visible = (char: string) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
// JSON.stringify escapes C0 itself; these it leaves raw (a JSON \u escape reads back as the same text).
const RAW_IN_JSON = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** A one-line rendering of a request log entry; never contains a secret, a newline or a terminal control. */
export function formatRequestLog(raw: MockRequestLog, format: 'text' | 'json'): string {
  // Only what a client sent can carry a secret (path, action, key id, the detail that quotes it):
  // redacting those short fields, not the whole line, keeps logging cheap at thousands of lines a second.
  const entry: MockRequestLog = { ...raw, path: redact(raw.path) };
  if (raw.action !== undefined) entry.action = redact(raw.action);
  if (raw.accessKeyId !== undefined) entry.accessKeyId = redact(raw.accessKeyId);
  if (raw.detail !== undefined) entry.detail = redact(raw.detail);
  if (format === 'json') return JSON.stringify(entry).replace(RAW_IN_JSON, visible);
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
  return parts
    .filter((p) => p !== null)
    .join(' ')
    .replace(/[\r\n]+/g, ' ')
    .replace(CONTROL, visible);
}

/**
 * An `onRequest` that formats each entry and hands `write` every line of one event-loop turn in a
 * single string: the mock answers in batches, so its log costs one write per batch, not one per request.
 */
export function requestLogWriter(write: (lines: string) => void, format: 'text' | 'json'): (entry: MockRequestLog) => void {
  let pending = '';
  const flush = () => {
    const lines = pending;
    pending = '';
    write(lines);
  };
  return (entry) => {
    if (pending === '') queueMicrotask(flush);
    pending += `${formatRequestLog(entry, format)}\n`;
  };
}
