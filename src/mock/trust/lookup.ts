// The request context as IAM reads it: key names case-insensitive (IAM: "aws:CurrentTime" is
// "AWS:currenttime"), values case-sensitive; an empty list counts as an absent key.
import type { TrustContext } from './types.js';

export interface ContextEntry {
  values: readonly string[];
  /** Given as a list: a multivalued key, which needs ForAnyValue/ForAllValues. */
  multi: boolean;
}

export type ContextLookup = ReadonlyMap<string, ContextEntry>;

export function toLookup(context: TrustContext): ContextLookup {
  const map = new Map<string, ContextEntry>();
  for (const [key, value] of Object.entries(context)) {
    const lower = key.toLowerCase();
    if (map.has(lower)) continue;
    if (typeof value === 'string') map.set(lower, { values: [value], multi: false });
    else if (value.length > 0) map.set(lower, { values: [...value], multi: true });
  }
  return map;
}
