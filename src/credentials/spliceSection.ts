// Rewrites ONE section of an INI text and keeps every other byte identical: comments, spacing,
// line endings, other sections, a missing final newline. Pure: text in, text out.
import type { IniDocument, IniEntry, IniSection } from './ini.js';

export interface SectionChange {
  /** Keys to set, in the order new ones are appended. Existing keys are replaced in place. */
  set: ReadonlyArray<readonly [key: string, value: string]>;
  /** Keys to delete (with their continuation lines). */
  remove?: readonly string[];
}

interface Edit {
  start: number;
  end: number;
  text: string;
}

/** Renders a new `[name]` section with `key = value` lines, each ending with `eol`. */
export function renderSection(name: string, set: SectionChange['set'], eol = '\n'): string {
  return `[${name}]${eol}${set.map(([k, v]) => `${k} = ${v}${eol}`).join('')}`;
}

function replaceEntry(doc: IniDocument, entry: IniEntry, value: string): Edit {
  const { text } = doc;
  let head = text.slice(entry.start, entry.valueStart);
  if (entry.valueStart === entry.valueEnd && value && !/\s$/.test(head)) head += ' ';
  // Trailing spaces of the key line stay; continuation lines of the old value go; the last line's terminator stays.
  const tail = text.slice(entry.valueEnd, entry.keyLineContentEnd) + terminatorBefore(text, entry.end);
  return { start: entry.start, end: entry.end, text: head + value + tail };
}

function terminatorBefore(text: string, end: number): string {
  if (text.slice(end - 2, end) === '\r\n') return '\r\n';
  const c = text[end - 1];
  return c === '\n' || c === '\r' ? c : '';
}

function lineContentEnd(text: string, end: number): number {
  return end - terminatorBefore(text, end).length;
}

function insertLines(doc: IniDocument, at: number, lines: string[]): Edit {
  const { text, eol } = doc;
  if (lines.length === 0) return { start: at, end: at, text: '' };
  const atEofWithoutNewline = at === text.length && at > 0 && terminatorBefore(text, at) === '';
  // A file that ended without a newline still ends without one.
  const body = atEofWithoutNewline ? eol + lines.join(eol) : lines.map((l) => l + eol).join('');
  return { start: at, end: at, text: body };
}

function appendSection(doc: IniDocument, name: string, set: SectionChange['set']): Edit {
  const { text, eol } = doc;
  const end = text.length;
  let prefix = '';
  if (text.trim() !== '') {
    const contentEnd = lineContentEnd(text, end);
    const lastLine = text.slice(lineStart(text, contentEnd), contentEnd);
    // End the last line if needed, then leave one blank line before the new header.
    if (contentEnd === end) prefix = eol + eol;
    else if (lastLine.trim() !== '') prefix = eol;
  }
  return { start: end, end, text: prefix + renderSection(name, set, eol) };
}

function lineStart(text: string, pos: number): number {
  let i = pos;
  while (i > 0 && text[i - 1] !== '\n' && text[i - 1] !== '\r') i--;
  return i;
}

function sectionEdits(doc: IniDocument, section: IniSection, change: SectionChange): Edit[] {
  const edits: Edit[] = [];
  const remove = new Set((change.remove ?? []).map((k) => k.toLowerCase()));
  const added: string[] = [];
  for (const entry of section.entries) {
    const next = change.set.find(([k]) => k.toLowerCase() === entry.key);
    if (next) edits.push(replaceEntry(doc, entry, next[1]));
    else if (remove.has(entry.key)) edits.push({ start: entry.start, end: entry.end, text: '' });
  }
  for (const [k, v] of change.set) if (!section.entries.some((e) => e.key === k.toLowerCase())) added.push(`${k} = ${v}`);
  const last = section.entries.at(-1);
  const at = last ? last.end : section.bodyStart;
  // Match the indentation of the key line we insert after (botocore tolerates an equal indent, not a deeper one).
  const indent = last?.indent ?? '';
  edits.push(
    insertLines(
      doc,
      at,
      added.map((l) => indent + l),
    ),
  );
  return edits;
}

/**
 * Returns `doc.text` with section `[name]` changed (created at the end when absent). Every byte
 * outside the changed keys' lines is kept.
 */
export function spliceSection(doc: IniDocument, name: string, change: SectionChange): string {
  const section = doc.sections.find((s) => s.name === name);
  const edits = section ? sectionEdits(doc, section, change) : [appendSection(doc, name, change.set)];
  // Apply in text order; at one position an insertion comes before a removal starting there.
  edits.sort((a, b) => a.start - b.start || a.end - a.start - (b.end - b.start));
  let out = '';
  let pos = 0;
  for (const e of edits) {
    out += doc.text.slice(pos, e.start) + e.text;
    pos = e.end;
  }
  return out + doc.text.slice(pos);
}
