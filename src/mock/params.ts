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

/** A name given twice, in the query, the body or both: which copy counts would be a guess (SPEC §11). */
export function repeatedParameter(name: string): MockError {
  const shown = name.length > 64 ? `${name.slice(0, 64)}…` : name;
  return new MockError(
    'MalformedQueryString',
    `The parameter ${shown} is given more than once; give each parameter once, in the query string or the body.`,
    'repeated parameter',
  );
}

export interface ReadParams {
  params: Params;
  /** The first name given more than once, signature parameters included; the router refuses it once it knows the route. */
  repeated?: string;
}

export function readParams(form: FormSpec, req: MockRequest): ReadParams {
  const params = new Map<string, string>();
  const seen = new Set<string>();
  let repeated: string | undefined;
  const skip = (name: string) => {
    if (seen.has(name)) repeated ??= name;
    seen.add(name);
    return isSignatureParam(name);
  };
  if (form.from !== 'form') decodeForm(req.rawQuery, form.plusIsSpace, params, skip);
  if (form.from !== 'query' && isFormRequest(req)) decodeForm(req.body.toString('utf8'), form.plusIsSpace, params, skip);
  return repeated === undefined ? { params } : { params, repeated };
}
