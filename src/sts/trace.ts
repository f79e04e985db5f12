// The --debug trace of one exchange, every line passed through redact(): no secret key, session
// token, web identity token, auth token or signature ever reaches it; and through escapeControl():
// nothing the endpoint sent can act on the terminal.
import { redact } from '../redact.js';
import { uriEncode } from '../sigv4/index.js';
import { escapeControl } from '../terminalText.js';
import type { StsHttpRequest } from './request.js';
import { answerSecrets } from './xml.js';

/** Values to mask verbatim wherever they appear, raw and form-encoded. */
export function knownSecrets(values: ReadonlyArray<string | undefined>): string[] {
  const out = new Set<string>();
  for (const value of values) {
    if (!value) continue;
    out.add(value);
    out.add(uriEncode(value));
    // As an XML answer writes it: a secret read from `&amp;` is masked where the trace shows `&amp;`.
    out.add(value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'));
  }
  // Longest first, so a secret that contains another is masked whole.
  return [...out].sort((a, b) => b.length - a.length);
}

/** Each line redacted, then its control characters shown, never acted on (SPEC §11). */
function sayer(debug: (line: string) => void, known: readonly string[]): (line: string) => void {
  return (line) => debug(escapeControl(redact(line, known)));
}

/** A body as trace lines: redacted whole (a secret element may span lines), then one line per line, each marked. */
function sayBody(debug: (line: string) => void, mark: '>' | '<', body: string, known: readonly string[]): void {
  for (const line of redact(body, known).split(/\r?\n/)) debug(escapeControl(`${mark} ${line}`));
}

export function traceRequest(debug: (line: string) => void, request: StsHttpRequest, attempt: number, known: readonly string[]): void {
  const say = sayer(debug, known);
  say(`> ${request.method} ${request.url}${attempt > 1 ? ` (attempt ${attempt})` : ''}`);
  for (const [name, value] of Object.entries(request.headers)) say(`> ${name}: ${value}`);
  if (request.body) sayBody(debug, '>', request.body, known);
}

/**
 * The answer: status, headers and body. Besides the secrets already known, every secret the
 * answer itself carries (as an XML reader reads it) is masked wherever it appears.
 */
export function traceResponse(
  debug: (line: string) => void,
  status: number,
  headers: Record<string, string | string[] | undefined>,
  body: string,
  known: readonly string[],
): void {
  const secrets = body ? knownSecrets([...known, ...answerSecrets(body)]) : known;
  const say = sayer(debug, secrets);
  say(`< HTTP ${status}`);
  for (const [name, value] of Object.entries(headers)) if (value !== undefined) say(`< ${name}: ${Array.isArray(value) ? value.join(', ') : value}`);
  if (body) sayBody(debug, '<', body, secrets);
}
