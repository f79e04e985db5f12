// Reads an STS request's parameters from where the flavor takes them: the query string, a
// form-encoded body, or both. A malformed percent-escape is an error, never a crash.
import { MockError } from './errors.js';
import type { FormSpec } from './flavors.js';
import type { MockRequest } from './context.js';

export type Params = ReadonlyMap<string, string>;

/** Decodes `a=b&c=d`; `plusIsSpace` false keeps `+` as written (Ceph). */
export function decodeForm(text: string, plusIsSpace: boolean, into: Map<string, string>, skip?: (name: string) => boolean): void {
  for (const part of text.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const rawName = eq === -1 ? part : part.slice(0, eq);
    const rawValue = eq === -1 ? '' : part.slice(eq + 1);
    const name = decodeComponent(rawName, plusIsSpace);
    if (skip?.(name)) continue;
    into.set(name, decodeComponent(rawValue, plusIsSpace));
  }
}

function decodeComponent(text: string, plusIsSpace: boolean): string {
  if (!text.includes('%') && !(plusIsSpace && text.includes('+'))) return text; // nothing to decode
  try {
    return decodeURIComponent(plusIsSpace ? text.replace(/\+/g, ' ') : text);
  } catch {
    throw new MockError('MalformedQueryString', 'The request contains a malformed percent-encoded sequence.', 'bad percent-encoding');
  }
}

export function isFormRequest(req: MockRequest): boolean {
  return req.method === 'POST' && /^application\/x-www-form-urlencoded\s*(;|$)/i.test(req.headers['content-type'] ?? '');
}

const isSignatureParam = (name: string) => /^X-Amz-/i.test(name);

export function readParams(form: FormSpec, req: MockRequest): Params {
  const params = new Map<string, string>();
  if (form.from !== 'form') decodeForm(req.rawQuery, form.plusIsSpace, params, isSignatureParam);
  if (form.from !== 'query' && isFormRequest(req)) decodeForm(req.body.toString('utf8'), form.plusIsSpace, params, isSignatureParam);
  return params;
}
