// Where a JSON.parse failure happened, without the input: Node 20's messages quote a piece of
// the text (which may be a secret key or a private JWK member), so only the position is kept.

/** " at line L, column C" from a JSON.parse error's "position N", or "" when it names none. */
export function jsonSyntaxPlace(cause: unknown, text: string): string {
  const match = /\bposition (\d+)\b/.exec(cause instanceof Error ? cause.message : '');
  if (!match) return '';
  const position = Math.min(Number(match[1]), text.length);
  const before = text.slice(0, position);
  const line = before.split('\n').length;
  const column = position - before.lastIndexOf('\n');
  return ` at line ${line}, column ${column}`;
}
