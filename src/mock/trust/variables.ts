// Policy variables in condition values (IAM, Version 2012-10-17): `${key}` takes a single-valued
// key's value, `${key, 'default'}` a fallback, and `${*}`, `${?}`, `${$}` stand for the literal
// character. Substituted text is literal: a `*` in a claim is not a wildcard.
import type { ContextLookup } from './lookup.js';
import type { PatternPiece } from './wildcard.js';

export type Resolved = { ok: true; pieces: PatternPiece[] } | { ok: false; variable: string };

const VARIABLE = /\$\{([^}]*)\}/g;
const SPECIAL: Readonly<Record<string, string>> = { '*': '*', '?': '?', $: '$' };

/** The value as pattern pieces; `substitute` false (2008-10-17, or a non-string operator) keeps it whole. */
export function resolveVariables(value: string, lookup: ContextLookup, substitute: boolean): Resolved {
  if (!substitute || !value.includes('${')) return { ok: true, pieces: [{ text: value, literal: false }] };
  const pieces: PatternPiece[] = [];
  let last = 0;
  for (const m of value.matchAll(VARIABLE)) {
    if (m.index > last) pieces.push({ text: value.slice(last, m.index), literal: false });
    last = m.index + m[0].length;
    const inner = m[1]!.trim();
    const special = SPECIAL[inner];
    if (special !== undefined) {
      pieces.push({ text: special, literal: true });
      continue;
    }
    const withDefault = /^(.*?)\s*,\s*'(.*)'$/.exec(inner);
    const name = withDefault ? withDefault[1]! : inner;
    const entry = lookup.get(name.toLowerCase());
    // A multivalued key cannot be a variable (IAM); an absent one without a default leaves the statement unmatched.
    if (entry && !entry.multi) pieces.push({ text: entry.values[0]!, literal: true });
    else if (withDefault && !entry) pieces.push({ text: withDefault[2]!, literal: true });
    else return { ok: false, variable: m[0] };
  }
  if (last < value.length) pieces.push({ text: value.slice(last), literal: false });
  return { ok: true, pieces };
}
