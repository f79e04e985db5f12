// Splicing rewrites one section and nothing else: exact expected texts, byte for byte.
import { describe, expect, it } from 'vitest';
import { parseIni } from '../../src/credentials/ini.js';
import { renderSection, spliceSection } from '../../src/credentials/spliceSection.js';

const splice = (text: string, name: string, set: Array<[string, string]>, remove: string[] = []) => spliceSection(parseIni(text), name, { set, remove });

describe('spliceSection', () => {
  it('replaces values in place, keeping key spelling, spacing and trailing text', () => {
    const text = '[x]\n  AWS_Access_Key_Id   =   OLD   \nregion = eu\n';
    expect(splice(text, 'x', [['aws_access_key_id', 'NEW']])).toBe('[x]\n  AWS_Access_Key_Id   =   NEW   \nregion = eu\n');
  });

  it('appends new keys after the last key, before trailing comments and blank lines', () => {
    const text = '[x]\nregion = eu\n; note\n\n[y]\nk = v\n';
    expect(
      splice(text, 'x', [
        ['a', '1'],
        ['b', '2'],
      ]),
    ).toBe('[x]\nregion = eu\na = 1\nb = 2\n; note\n\n[y]\nk = v\n');
  });

  it('removes keys with their continuation lines', () => {
    const text = '[x]\naws_security_token = old\n  continued\nregion = eu\n';
    expect(splice(text, 'x', [], ['aws_security_token'])).toBe('[x]\nregion = eu\n');
  });

  it('replaces a multi-line value by one line', () => {
    expect(splice('[x]\nk =\n  a = 1\n  b = 2\nj = 3\n', 'x', [['k', 'v']])).toBe('[x]\nk = v\nj = 3\n');
  });

  it('removes the last key and inserts at the same place', () => {
    expect(splice('[x]\na = 1\nold = 2\n[y]\n', 'x', [['n', '3']], ['old'])).toBe('[x]\na = 1\nn = 3\n[y]\n');
  });

  it('keeps CRLF and uses it for new lines', () => {
    const text = '[x]\r\nk = v\r\n\r\n[y]\r\nj = 1\r\n';
    expect(
      splice(text, 'x', [
        ['k', 'w'],
        ['n', '1'],
      ]),
    ).toBe('[x]\r\nk = w\r\nn = 1\r\n\r\n[y]\r\nj = 1\r\n');
    expect(splice(text, 'z', [['n', '1']])).toBe(`${text}\r\n[z]\r\nn = 1\r\n`);
  });

  it('keeps a missing final newline missing', () => {
    expect(splice('[x]\nk = v', 'x', [['n', '1']])).toBe('[x]\nk = v\nn = 1');
    expect(splice('[x]\nk = v', 'x', [['k', 'w']])).toBe('[x]\nk = w');
    expect(splice('[x]', 'x', [['n', '1']])).toBe('[x]\nn = 1');
    expect(splice('[x]\nk = v', 'y', [['n', '1']])).toBe('[x]\nk = v\n\n[y]\nn = 1\n');
  });

  it('appends a new section after one blank line, not more', () => {
    expect(splice('', 'x', [['k', 'v']])).toBe('[x]\nk = v\n');
    expect(splice('[a]\nk = v\n', 'x', [['k', 'v']])).toBe('[a]\nk = v\n\n[x]\nk = v\n');
    expect(splice('[a]\nk = v\n\n', 'x', [['k', 'v']])).toBe('[a]\nk = v\n\n[x]\nk = v\n');
  });

  it('fills an empty section right after its header', () => {
    expect(splice('[x]\n# c\n[y]\n', 'x', [['k', 'v']])).toBe('[x]\nk = v\n# c\n[y]\n');
  });

  it('adds a space when the old value was empty', () => {
    expect(splice('[x]\nk =\n', 'x', [['k', 'v']])).toBe('[x]\nk = v\n');
  });

  it('renders a section', () => {
    expect(renderSection('a.b', [['k', 'v']], '\r\n')).toBe('[a.b]\r\nk = v\r\n');
  });
});
