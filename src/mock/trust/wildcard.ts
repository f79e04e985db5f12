// IAM's two wildcards, `*` (any run of characters, none included) and `?` (exactly one), in
// Action names, StringLike and the Arn operators. A pattern is pieces: policy text, where the
// wildcards mean something, and literal text (a policy variable's value, `${*}`), where they don't.

export interface PatternPiece {
  text: string;
  literal: boolean;
}

const cache = new Map<string, RegExp>();
const MAX_CACHED = 512;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function compile(pieces: readonly PatternPiece[], ignoreCase: boolean): RegExp {
  const source = pieces
    .map((p) =>
      p.literal
        ? escapeRegExp(p.text)
        : p.text
            .split('*')
            .map((run) => run.split('?').map(escapeRegExp).join('.'))
            .join('.*'),
    )
    .join('');
  const key = `${ignoreCase ? 'i' : 's'}${source}`;
  let re = cache.get(key);
  if (!re) {
    // `s`: a wildcard crosses newlines too (claim values may hold them).
    re = new RegExp(`^${source}$`, ignoreCase ? 'isu' : 'su');
    if (cache.size >= MAX_CACHED) cache.clear();
    cache.set(key, re);
  }
  return re;
}

/** `value` matches the whole pattern. */
export function matchPieces(pieces: readonly PatternPiece[], value: string, ignoreCase = false): boolean {
  return compile(pieces, ignoreCase).test(value);
}

/** A pattern written wholly in the policy (no variables). */
export function matchWildcard(pattern: string, value: string, ignoreCase = false): boolean {
  if (!pattern.includes('*') && !pattern.includes('?')) return ignoreCase ? pattern.toLowerCase() === value.toLowerCase() : pattern === value;
  return matchPieces([{ text: pattern, literal: false }], value, ignoreCase);
}

/** `arn:partition:service:region:account:resource`: the first five colons separate; the resource keeps the rest. */
export function splitArn(value: string): string[] | null {
  const parts: string[] = [];
  let rest = value;
  for (let i = 0; i < 5; i++) {
    const colon = rest.indexOf(':');
    if (colon < 0) return null;
    parts.push(rest.slice(0, colon));
    rest = rest.slice(colon + 1);
  }
  parts.push(rest);
  return parts;
}

/** Splits pieces at the ARN's first five colons; a colon inside a literal piece separates nothing. */
function splitPieces(pieces: readonly PatternPiece[]): PatternPiece[][] {
  const segments: PatternPiece[][] = [[]];
  for (const piece of pieces) {
    if (piece.literal) {
      segments.at(-1)!.push(piece);
      continue;
    }
    let text = piece.text;
    while (segments.length < 6 && text.includes(':')) {
      const colon = text.indexOf(':');
      segments.at(-1)!.push({ text: text.slice(0, colon), literal: false });
      segments.push([]);
      text = text.slice(colon + 1);
    }
    segments.at(-1)!.push({ text, literal: false });
  }
  return segments;
}

/**
 * ArnEquals/ArnLike (IAM: they behave identically): each of the six colon-separated parts is
 * matched on its own, so `*` never spans a colon before the resource. A value that is not an
 * ARN matches nothing. A pattern of fewer than six parts (`*`) is matched against the whole value.
 */
export function matchArn(pieces: readonly PatternPiece[], value: string): boolean {
  const valueParts = splitArn(value);
  if (!valueParts) return false;
  const patternParts = splitPieces(pieces);
  if (patternParts.length < 6) return matchPieces(pieces, value);
  return patternParts.every((part, i) => matchPieces(part, valueParts[i]!));
}
