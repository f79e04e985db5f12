// One line per request for `sts-cli serve`'s stderr, in text or JSON, secrets redacted.
import { redact } from '../redact.js';
import { escapeControl } from '../terminalText.js';
import type { MockRequestLog } from './types.js';

// Every pattern redact() masks needs one of . = : < " (a JWT's dots, Name=value, <Name>, "Name":):
// text of only these characters (`/`, `AssumeRole`, an access key id) holds none to mask.
const NOTHING_TO_MASK = /^[\w/-]*$/;
const clean = (text: string): string => (NOTHING_TO_MASK.test(text) ? text : redact(text));

/** A one-line rendering of a request log entry; never contains a secret, a newline or a terminal control. */
export function formatRequestLog(raw: MockRequestLog, format: 'text' | 'json'): string {
  // Only what a client sent can carry a secret (path, action, key id, the detail that quotes it):
  // redacting those short fields, not the whole line, keeps logging cheap at thousands of lines a second.
  const entry: MockRequestLog = { ...raw, path: clean(raw.path) };
  if (raw.action !== undefined) entry.action = clean(raw.action);
  if (raw.accessKeyId !== undefined) entry.accessKeyId = clean(raw.accessKeyId);
  if (raw.detail !== undefined) entry.detail = redact(raw.detail);
  // Control characters from a request are shown, not run, on the terminal that reads the log (SPEC §11);
  // in JSON the escapes are JSON's own (\u001b), so the line still reads back as the request sent it.
  if (format === 'json') return escapeControl(JSON.stringify(entry));
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
