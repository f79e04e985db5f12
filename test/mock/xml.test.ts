// The XML writer: text escaped, and the mock's own SafeText (keys, tokens, dates) written as it is,
// which holds only because every flavor's key alphabets need no escaping.
import { describe, expect, it } from 'vitest';
import { flavors } from '../../src/mock/flavors.js';
import { escapeXml, renderNode, SafeText } from '../../src/mock/xml.js';

describe('renderNode', () => {
  it('escapes text and drops what XML cannot carry; writes SafeText verbatim', () => {
    expect(renderNode(['A', 'x<&>"\'\u0001y'])).toBe('<A>x&lt;&amp;&gt;&quot;&apos;y</A>');
    expect(renderNode(['A', [['B', new SafeText('QUJD+/=')], null]])).toBe('<A><B>QUJD+/=</B></A>');
  });

  it('every flavor draws keys and secrets from characters XML carries unescaped (base64 tokens too)', () => {
    for (const [name, spec] of Object.entries(flavors)) {
      for (const shape of [spec.identity.accessKey, spec.identity.secretKey]) {
        const chars = `${shape.prefix}${shape.alphabet}`;
        expect(escapeXml(chars), name).toBe(chars);
        expect(chars, name).toMatch(/^[A-Za-z0-9+/=]*$/);
      }
    }
  });
});
