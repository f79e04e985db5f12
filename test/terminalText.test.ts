// SPEC §11: terminal control characters from the network or a request are shown, never acted on.
import { describe, expect, it } from 'vitest';
import { escapeControl } from '../src/terminalText.js';

// Nothing a terminal acts on may survive: C0 (but the tab), DEL, C1, bidi controls, line separators.
const ACTIVE = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

describe('escapeControl', () => {
  it.each([
    ['OSC 52 (set the clipboard)', '\u001b]52;c;Y3VybCBldmlsLnNoIHwgc2g=\u0007', '\\u001b]52;c;Y3VybCBldmlsLnNoIHwgc2g=\\u0007'],
    ['OSC 0 (window title), ST-terminated', '\u001b]0;pwned\u001b\\', '\\u001b]0;pwned\\u001b\\'],
    ['CSI line erase and cursor up', 'ok\u001b[2K\u001b[1Aforged', 'ok\\u001b[2K\\u001b[1Aforged'],
    ['carriage return over a line', 'AccessDenied\rAll good', 'AccessDenied\\u000dAll good'],
    ['a C1 CSI (one byte)', 'x\u009b2Ky', 'x\\u009b2Ky'],
    ['DEL and NUL', 'a\u007fb\u0000c', 'a\\u007fb\\u0000c'],
    ['a backspace', 'secret\b\b\b\b\b\bpublic', 'secret\\u0008\\u0008\\u0008\\u0008\\u0008\\u0008public'],
    ['a right-to-left override', 'role/\u202etxt.exe', 'role/\\u202etxt.exe'],
    ['a bidi isolate', 'a\u2066b\u2069c', 'a\\u2066b\\u2069c'],
    ['a line separator', 'a\u2028b', 'a\\u2028b'],
    ['a line feed (one line stays one line)', 'Access denied.\nsts-cli: all good', 'Access denied.\\u000asts-cli: all good'],
  ])('shows %s instead of acting on it', (_what, input, shown) => {
    const out = escapeControl(input);
    expect(out).toBe(shown);
    expect(out).not.toMatch(ACTIVE);
  });

  it('keeps tabs, printable Unicode and backslashes as they are', () => {
    const text = 'Zugriff verweigert\tfür Rolle «ops» 日本 ✓ C:\\path \\u001b';
    expect(escapeControl(text)).toBe(text);
  });

  it('keeps line feeds when asked, still escaping a carriage return', () => {
    expect(escapeControl('one\ntwo\r\nthree', { keepNewlines: true })).toBe('one\ntwo\\u000d\nthree');
  });

  it('escaping twice changes nothing', () => {
    const once = escapeControl('\u001b]52;c;x\u0007\u202e\n');
    expect(escapeControl(once)).toBe(once);
  });

  it('every character 0..0x9f but the printable ones and the tab is escaped', () => {
    for (let code = 0; code <= 0x9f; code++) {
      const char = String.fromCharCode(code);
      const printable = (code >= 0x20 && code < 0x7f) || code === 0x09;
      expect(escapeControl(char) === char).toBe(printable);
    }
  });
});
