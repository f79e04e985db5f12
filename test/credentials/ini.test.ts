// The tokenizer must read exactly what botocore reads: unit cases, then the same texts fed to
// botocore's own raw_config_parse (real python3) and compared key by key.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { iniSections, IniSyntaxError, parseIni } from '../../src/credentials/ini.js';
import { botocore, skipWithout } from '../helpers/peers.js';

const read = (text: string) => Object.fromEntries(iniSections(parseIni(text)));

const CASES: Record<string, string> = {
  dotted: '[a.b]\nk = v\n[profile a.b.c]\nregion = x\n',
  inlineMarkers: '[x]\nnote = value ; not a comment # nor this\nurl=http://h/#frag;x\n',
  comments: '# c\n; c\n[x]\n  # indented comment\nk=v\n\t; tab comment\n',
  spacing: '[x]\n  key   =   spaced value   \nKEY2:colon: value\nEmpty =\n',
  nested: '[profile x]\ns3 =\n  max_concurrent = 2\n  addressing_style = path\nregion = eu\n',
  blankInsideValue: '[x]\nk = first\n\n  second\nj = 1\n',
  indentedHeaderIsContinuation: '[x]\nk = v\n  [y]\nj = 1\n',
  crlf: '[x]\r\nk = v\r\n\r\n[y]\r\nj = 2\r\n',
  loneCr: '[x]\rk = v\r[y]\rj = 2',
  noFinalNewline: '[x]\nk = v',
  headerJunk: '[x] trailing junk\nk = v\n[a]b]\nj = 1\n',
  defaults: '[DEFAULT]\nregion = eu\n[x]\nk = v\n[y]\nregion = us\n',
  keyWithSpaces: '[x]\nmy key = v\n',
  unicode: '[ünï]\nk = 🙂 café\n',
};

const BAD: Record<string, number> = {
  '# ok\nk = v\n[x]\n': 2,
  '[x]\nk = v\njust words\n': 3,
  '[x]\n= value\n': 2,
  '[x]\nk = 1\n[y]\n[x]\n': 4,
  '[x]\nk = 1\nK = 2\n': 3,
  '[]\n': 1,
};

describe('parseIni', () => {
  it('a header without its closing ] is reported as such, not as text before the first header (issue 8)', () => {
    const reason = (text: string) => {
      try {
        parseIni(text);
      } catch (error) {
        return (error as IniSyntaxError).message;
      }
      return '';
    };
    expect(reason('[default\naws_access_key_id = A\n')).toBe("line 1: section header '[default' has no closing ']'");
    expect(reason('[a]\nk = v\n[profile dev\nregion = x\n')).toBe("line 3: section header '[profile dev' has no closing ']'");
    // botocore reads this one as a key of [a]: so do we.
    expect(parseIni('[a]\n[k = v\n').sections[0]!.entries[0]!.key).toBe('[k');
  });

  it('reads [a.b] as one flat section and keeps ; and # inside values', () => {
    expect(read(CASES.dotted!)).toEqual({ 'a.b': { k: 'v' }, 'profile a.b.c': { region: 'x' } });
    expect(read(CASES.inlineMarkers!).x).toEqual({ note: 'value ; not a comment # nor this', url: 'http://h/#frag;x' });
  });

  it('trims and lower-cases keys, splits at the first = or :', () => {
    expect(read(CASES.spacing!).x).toEqual({ key: 'spaced value', key2: 'colon: value', empty: '' });
  });

  it('joins indented continuation lines (botocore nested values)', () => {
    expect(read(CASES.nested!)['profile x']).toEqual({ s3: '\nmax_concurrent = 2\naddressing_style = path', region: 'eu' });
    expect(read(CASES.blankInsideValue!).x).toEqual({ k: 'first\n\nsecond', j: '1' });
  });

  it('records ranges: a section runs from its header to the next one', () => {
    const text = '# head\n[x]\nk = v\n; c\n[y]\nj = 1';
    const doc = parseIni(text);
    const [x, y] = doc.sections;
    expect(text.slice(x!.start, x!.end)).toBe('[x]\nk = v\n; c\n');
    expect(text.slice(x!.entries[0]!.start, x!.entries[0]!.end)).toBe('k = v\n');
    expect(text.slice(x!.entries[0]!.valueStart, x!.entries[0]!.valueEnd)).toBe('v');
    expect(text.slice(y!.start, y!.end)).toBe('[y]\nj = 1');
    expect(x!.line).toBe(2);
    expect(y!.entries[0]!.line).toBe(6);
  });

  it('detects the line terminator', () => {
    expect(parseIni(CASES.crlf!).eol).toBe('\r\n');
    expect(parseIni('[x]\nk=v\n').eol).toBe('\n');
    expect(parseIni('').eol).toBe('\n');
  });

  it.each(Object.entries(BAD))('refuses %j with the line number', (text, line) => {
    let caught: unknown;
    try {
      parseIni(text);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(IniSyntaxError);
    expect((caught as IniSyntaxError).line).toBe(line);
  });
});

describe.skipIf(skipWithout(botocore()))('parseIni agrees with botocore raw_config_parse', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sts-ini-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const python = `
import json, sys, botocore.configloader as c, botocore.exceptions as e
out = {}
for path in sys.argv[1:]:
    try:
        out[path] = c.raw_config_parse(path, parse_subsections=False)
    except e.ConfigParseError:
        out[path] = 'ERROR'
print(json.dumps(out))`;
  const all = { ...CASES, ...Object.fromEntries(Object.keys(BAD).map((t, i) => [`bad${i}`, t])) };
  const files = Object.entries(all).map(([name, text]) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return [name, path, text] as const;
  });
  const answers = JSON.parse(
    execFileSync('python3', ['-c', python, ...files.map((f) => f[1])], {
      encoding: 'utf8',
      env: { ...process.env, PYTHONIOENCODING: 'utf-8', LC_ALL: 'C.UTF-8' },
    }),
  ) as Record<string, unknown>;

  it.each(files)('%s', (_name, path, text) => {
    let ours: unknown;
    try {
      ours = read(text);
    } catch (error) {
      expect(error).toBeInstanceOf(IniSyntaxError);
      ours = 'ERROR';
    }
    expect(ours).toEqual(answers[path]);
  });
});
