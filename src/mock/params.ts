// Reads an STS request's parameters from where the flavor takes them: the query string, a
// form-encoded body, or both. A malformed percent-escape is an error, never a crash.
import { MockError } from './errors.js';
import type { FormSpec } from './flavors.js';
import type { MockRequest } from './context.js';

export type Params = ReadonlyMap<string, string>;

/** Decodes `a=b&c=d`; `plusIsSpace` false keeps `+` as written (Ceph). */
export function decodeForm(text: string, plusIsSpace: boolean, into: Map<string, string>, skip?: (name: string) => boolean): void {
  // One pass by index: no array of parts, no copy of each part before its name and value.
  for (let start = 0; start < text.length; ) {
    let end = text.indexOf('&', start);
    if (end === -1) end = text.length;
    if (end > start) {
      const eq = text.indexOf('=', start);
      const split = eq !== -1 && eq < end;
      const name = decodeComponent(text.slice(start, split ? eq : end), plusIsSpace);
      if (!skip?.(name)) into.set(name, split ? decodeComponent(text.slice(eq + 1, end), plusIsSpace) : '');
    }
    start = end + 1;
  }
}

function decodeComponent(text: string, plusIsSpace: boolean): string {
  const plus = plusIsSpace && text.includes('+');
  if (!plus && !text.includes('%')) return text; // nothing to decode
  try {
    return decodeURIComponent(plus ? text.replace(/\+/g, ' ') : text);
  } catch {
    throw new MockError('MalformedQueryString', 'The request contains a malformed percent-encoded sequence.', 'bad percent-encoding');
  }
}

export function isFormRequest(req: MockRequest): boolean {
  return req.method === 'POST' && /^application\/x-www-form-urlencoded\s*(;|$)/i.test(req.headers['content-type'] ?? '');
}

// `X-Amz-` in any case, without a regular expression (every parameter name of every request passes here).
const isSignatureParam = (name: string) =>
  name.length > 5 && name.charCodeAt(5) === 45 && (name.charCodeAt(0) | 32) === 120 && name.slice(0, 6).toLowerCase() === 'x-amz-';

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
  /** The form body, when every parameter came from it: the journal keeps this one string instead of the map. */
  form?: FormText;
  /** The first name given more than once, signature parameters included; the router refuses it once it knows the route. */
  repeated?: string;
}

export function readParams(form: FormSpec, req: MockRequest): ReadParams {
  const params = new Map<string, string>();
  // The signature's parameters are left out of `params`, but a second copy of one is refused too.
  let signatureParams: Set<string> | undefined;
  let repeated: string | undefined;
  const skip = (name: string) => {
    const signature = isSignatureParam(name);
    if (params.has(name) || signatureParams?.has(name)) repeated ??= name;
    if (signature) {
      signatureParams ??= new Set();
      signatureParams.add(name);
    }
    return signature;
  };
  if (form.from !== 'form') decodeForm(req.rawQuery, form.plusIsSpace, params, skip);
  const read: ReadParams = { params };
  if (form.from !== 'query' && isFormRequest(req)) {
    const text = req.body.toString('utf8');
    decodeForm(text, form.plusIsSpace, params, skip);
    // Not when the body signed itself: the journal must not hold a signature or session token, even unread.
    if (params.size !== 0 && signatureParams === undefined && (form.from === 'form' || req.rawQuery === ''))
      read.form = { text, decode: form.plusIsSpace ? decodePlusForm : decodeKeptPlusForm };
  }
  if (repeated !== undefined) read.repeated = repeated;
  return read;
}

/** A form body and how to read it again: decoding it gives the same parameters readParams gave. */
export interface FormText {
  readonly text: string;
  readonly decode: (text: string) => Params;
}

// Module-level, so that keeping a body's decoder costs the journal a reference, not a closure.
function decodePlusForm(text: string): Params {
  const params = new Map<string, string>();
  decodeForm(text, true, params, isSignatureParam);
  return params;
}
function decodeKeptPlusForm(text: string): Params {
  const params = new Map<string, string>();
  decodeForm(text, false, params, isSignatureParam);
  return params;
}
