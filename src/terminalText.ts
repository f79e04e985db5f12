// Text that came from the network or from a request, made safe for a terminal or a log (SPEC §11):
// control characters are written out visibly, so an endpoint cannot set the clipboard (OSC 52),
// retitle the window, erase a line or reorder text with a bidi override.

export interface EscapeOptions {
  /** Keep line feeds (for text printed as several lines, such as a stack); default false. */
  keepNewlines?: boolean;
}

// C0 controls but the tab, DEL, C1 controls, and the invisible characters that reorder or split
// what a reader sees: bidi marks, embeddings, overrides and isolates, and the Unicode line and
// paragraph separators. A line feed is matched too and kept only when asked.
const UNSAFE = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

function visible(char: string): string {
  return `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/**
 * `text` with every terminal control character written as `\uXXXX` (ESC becomes `\u001b`), so
 * that it shows instead of acting. Tabs stay; line feeds stay only with `keepNewlines`. A
 * backslash is left alone, so escaping twice changes nothing.
 */
export function escapeControl(text: string, options: EscapeOptions = {}): string {
  return text.replace(UNSAFE, (char) => (char === '\n' && options.keepNewlines ? char : visible(char)));
}
