// The XML writer: text escaped, and the mock's own SafeText (keys, tokens, dates) written as it is,
// which holds only because every flavor's key alphabets need no escaping.
import { describe, expect, it } from 'vitest';
import { flavors } from '../../src/mock/flavors.js';
import { credentialsNode } from '../../src/mock/issue.js';
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

  it('writes the credentials block, made as one piece of markup, element by element in the order clients read', () => {
    const creds = { accessKeyId: 'ASIAEXAMPLE', secretAccessKey: 's+/=', sessionToken: 'QUJD+/=', expiration: new Date('2030-01-02T03:04:05.678Z') };
    expect(renderNode(credentialsNode(flavors.aws.answer, creds))).toBe(
      '<Credentials><AccessKeyId>ASIAEXAMPLE</AccessKeyId><Expiration>2030-01-02T03:04:05Z</Expiration>' +
        '<SecretAccessKey>s+/=</SecretAccessKey><SessionToken>QUJD+/=</SessionToken></Credentials>',
    );
    expect(renderNode(credentialsNode(flavors.ceph.answer, creds))).toMatch(/<Expiration>2030-01-02T03:04:05\.\d{9}Z<\/Expiration><SecretAccessKey>/);
  });
});
