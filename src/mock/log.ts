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

/**
 * The JSON line of an answer with nothing to mask, escape or redact (almost every answer under
 * load), written directly: the same text JSON.stringify gives for the entry, at a third of its cost.
 * Undefined when any field needs the general path.
 */
function plainJson(e: MockRequestLog): string | undefined {
  if (e.detail !== undefined || !NOTHING_TO_MASK.test(e.path) || !PLAIN.test(e.time) || !PLAIN.test(e.requestId) || !PLAIN.test(e.method)) return undefined;
  if ((e.remote !== undefined && !PLAIN.test(e.remote)) || (e.code !== undefined && !PLAIN.test(e.code))) return undefined;
  if ((e.action !== undefined && !NOTHING_TO_MASK.test(e.action)) || (e.accessKeyId !== undefined && !NOTHING_TO_MASK.test(e.accessKeyId))) return undefined;
  if (!Number.isFinite(e.durationMs) || !Number.isInteger(e.status)) return undefined;
  let line = `{"time":"${e.time}","requestId":"${e.requestId}"`;
  if (e.remote !== undefined) line += `,"remote":"${e.remote}"`;
  line += `,"method":"${e.method}","path":"${e.path}"`;
  if (e.action !== undefined) line += `,"action":"${e.action}"`;
  if (e.accessKeyId !== undefined) line += `,"accessKeyId":"${e.accessKeyId}"`;
  line += `,"status":${e.status}`;
  if (e.code !== undefined) line += `,"code":"${e.code}"`;
  return `${line},"durationMs":${e.durationMs}}`;
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
  if (format === 'json') {
    // Control characters from a request are shown, not run, on the terminal that reads the log (SPEC §11);
    // in JSON the escapes are JSON's own (\u001b), so the line still reads back as the request sent it.
    return plainJson(raw) ?? escapeControl(JSON.stringify(cleaned(raw)));
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
