// A pure INI tokenizer that reads the AWS credentials and config files exactly as botocore
// does (Python's configparser.RawConfigParser, strict, no interpolation), and keeps every
// section's character range so a writer can splice one section and leave every other byte.
//
// botocore's rules, mirrored here:
// - `[a.b]` is one flat section name (everything between the first `[` and the last `]`);
// - full-line comments start with `#` or `;` (after optional spaces); a value is never cut
//   at an inline `;` or `#`;
// - `key = value` or `key: value`, the key ends at the first `=` or `:`; keys are trimmed and
//   lower-cased, values trimmed; section names are case-sensitive;
// - a line indented deeper than its key line continues that key's value (botocore's nested
//   `s3 =\n  max_concurrent = 2`); blank lines inside such a value are kept;
// - a duplicate section or a duplicate key in one section is an error, as botocore refuses it.

/** One `key = value` with its continuation lines. */
export interface IniEntry {
  /** Lower-cased, as botocore reads it. */
  key: string;
  /** Continuation lines joined with `\n`, trimmed, as botocore reads it. */
  value: string;
  /** 1-based line number of the key line. */
  line: number;
  /** Character range from the start of the key line to the end of its last continuation line (terminator included). */
  start: number;
  end: number;
  /** Range of the value text on the key line. */
  valueStart: number;
  valueEnd: number;
  /** End of the key line's content, before its terminator. */
  keyLineContentEnd: number;
  /** Leading whitespace of the key line. */
  indent: string;
}

export interface IniSection {
  name: string;
  /** 1-based line number of the `[name]` header. */
  line: number;
  /** Start of the header line. */
  start: number;
  /** Just after the header line's terminator. */
  bodyStart: number;
  /** Start of the next header line, or the end of the text. */
  end: number;
  entries: IniEntry[];
}

export interface IniDocument {
  text: string;
  /** The line terminator the file uses (its first one), `\n` for a file without any. */
  eol: '\n' | '\r\n' | '\r';
  sections: IniSection[];
}

/** The text cannot be read as botocore reads it; `line` is 1-based. */
export class IniSyntaxError extends Error {
  constructor(
    readonly line: number,
    readonly reason: string,
  ) {
    super(`line ${line}: ${reason}`);
    this.name = 'IniSyntaxError';
  }
}

interface Line {
  content: string;
  start: number;
  contentEnd: number;
  end: number;
}

// Python reads text files with universal newlines: \r\n, \n and a lone \r all end a line.
// Found by a regular expression, not a loop over characters: `list` reads hundreds of profiles at
// start-up, before the JIT has compiled anything.
function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  const terminators = /\r\n|\n|\r/g;
  let pos = 0;
  for (let m = terminators.exec(text); m !== null; m = terminators.exec(text)) {
    lines.push({ content: text.slice(pos, m.index), start: pos, contentEnd: m.index, end: m.index + m[0].length });
    pos = m.index + m[0].length;
  }
  if (pos < text.length) lines.push({ content: text.slice(pos), start: pos, contentEnd: text.length, end: text.length });
  return lines;
}

function detectEol(text: string): IniDocument['eol'] {
  const m = /\r\n|\n|\r/.exec(text);
  return (m?.[0] as IniDocument['eol'] | undefined) ?? '\n';
}

const shortened = (text: string) => (text.length > 40 ? `${text.slice(0, 40)}...` : text);

// configparser's SECTCRE (`\[(?P<header>.+)\]`, greedy, matched at the start) and OPTCRE.
const SECTION = /^\[(.+)\]/;
const OPTION = /^(.*?)\s*([=:])\s*(.*)$/;

/** Reads INI text as botocore does. Throws IniSyntaxError (with the line number) when botocore could not read it either. */
export function parseIni(text: string): IniDocument {
  const sections: IniSection[] = [];
  const names = new Set<string>();
  let section: IniSection | undefined;
  let entry: IniEntry | undefined;
  let parts: string[] = [];
  let indentLevel = 0;
  const finish = () => {
    if (entry) entry.value = parts.join('\n').trimEnd();
  };
  const lines = splitLines(text);
  lines.forEach((line, index) => {
    const lineNo = index + 1;
    const stripped = line.content.trim();
    const isComment = stripped.startsWith('#') || stripped.startsWith(';');
    if (!stripped || isComment) {
      // configparser keeps blank lines inside a multi-line value (not comment lines).
      if (!isComment && entry) parts.push('');
      return;
    }
    const indent = line.content.search(/\S/);
    if (entry && indent > indentLevel) {
      parts.push(stripped);
      entry.end = line.end;
      return;
    }
    indentLevel = indent;
    const header = SECTION.exec(stripped);
    if (header) {
      const name = header[1]!;
      if (names.has(name)) throw new IniSyntaxError(lineNo, `section [${name}] appears twice`);
      names.add(name);
      finish();
      entry = undefined;
      if (section) section.end = line.start;
      section = { name, line: lineNo, start: line.start, bodyStart: line.end, end: text.length, entries: [] };
      sections.push(section);
      return;
    }
    const option = OPTION.exec(stripped);
    // `[default` with no `]`: say so, rather than what it is not (botocore reads `[a = b` in a section as a key).
    if (stripped.startsWith('[') && (!section || !option?.[1])) throw new IniSyntaxError(lineNo, `section header '${shortened(stripped)}' has no closing ']'`);
    if (!section) throw new IniSyntaxError(lineNo, 'text before the first [section] header');
    if (!option?.[1]) {
      throw new IniSyntaxError(lineNo, 'this line is neither a [section] header, a key = value pair, a comment nor an indented continuation');
    }
    const key = option[1].trimEnd().toLowerCase();
    if (section.entries.some((e) => e.key === key)) throw new IniSyntaxError(lineNo, `key "${key}" appears twice in [${section.name}]`);
    finish();
    const valueText = option[3]!;
    const valueStart = line.start + indent + stripped.length - valueText.length;
    entry = {
      key,
      value: valueText,
      line: lineNo,
      start: line.start,
      end: line.end,
      valueStart,
      valueEnd: valueStart + valueText.length,
      keyLineContentEnd: line.contentEnd,
      indent: line.content.slice(0, indent),
    };
    parts = [valueText];
    section.entries.push(entry);
  });
  finish();
  return { text, eol: detectEol(text), sections };
}

/** Section name → key → value, as botocore's raw_config_parse returns it (`[DEFAULT]` keys inherited by every section). */
export function iniSections(doc: IniDocument): Map<string, Record<string, string>> {
  const defaults = doc.sections.find((s) => s.name === 'DEFAULT');
  const base: Record<string, string> = {};
  for (const e of defaults?.entries ?? []) base[e.key] = e.value;
  const out = new Map<string, Record<string, string>>();
  for (const s of doc.sections) {
    if (s === defaults) continue;
    const values: Record<string, string> = { ...base };
    for (const e of s.entries) values[e.key] = e.value;
    out.set(s.name, values);
  }
  return out;
}
