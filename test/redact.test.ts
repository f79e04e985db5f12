// The one secret-masking function: every shape a secret travels in here is masked; other text is not touched.
import { describe, expect, it } from 'vitest';
import { mask, redact } from '../src/redact.js';

const SECRET = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY';
const JWT = 'eyJhbGciOiJFZERTQSJ9.eyJzdWIiOiJjaSJ9.c2lnbmF0dXJlLXNpZ25hdHVyZQ';

describe('redact', () => {
  it.each([
    ['XML element', `<Credentials><SecretAccessKey>${SECRET}</SecretAccessKey></Credentials>`],
    ['prefixed XML element', `<ns2:SessionToken>${SECRET}</ns2:SessionToken>`],
    ['form field', `Action=AssumeRoleWithWebIdentity&WebIdentityToken=${encodeURIComponent(SECRET)}&Version=2011-06-15`],
    ['query parameter', `GET /?X-Amz-Security-Token=${encodeURIComponent(SECRET)}&X-Amz-Date=20261123T000000Z`],
    ['header', `x-amz-security-token: ${SECRET}`],
    ['INI line', `aws_secret_access_key = ${SECRET}`],
    ['shell export', `export AWS_SECRET_ACCESS_KEY='${SECRET}'`],
    ['JSON', `{"SecretAccessKey": "${SECRET}"}`],
  ])('masks a secret in a %s', (_shape, text) => {
    const out = redact(text);
    expect(out).not.toContain(SECRET);
    expect(out).toContain('****');
  });

  it('masks signatures, JWTs and known values anywhere', () => {
    const sig = 'a'.repeat(64);
    expect(redact(`Authorization: AWS4-HMAC-SHA256 Credential=AKID/20261123/us-east-1/sts/aws4_request, SignedHeaders=host, Signature=${sig}`)).not.toContain(
      sig,
    );
    expect(redact(`token ${JWT} in a sentence`)).not.toContain(JWT.split('.')[2]);
    expect(redact(`the key is ${SECRET}.`, [SECRET])).toBe(`the key is ${mask(SECRET)}.`);
  });

  it('a form value is decoded before it is shortened, and a malformed escape is masked as written', () => {
    // mask() keeps the last four characters: of the decoded value, so `%2F` never shows half-cut.
    expect(redact(`Action=AssumeRole&TokenCode=${encodeURIComponent('abcdefghijk/mnop')}`)).toBe(`Action=AssumeRole&TokenCode=${mask('abcdefghijk/mnop')}`);
    const malformed = 'abcdefghijklm%E0%A4%A';
    expect(redact(`Action=AssumeRole&TokenCode=${malformed}`)).toBe(`Action=AssumeRole&TokenCode=${mask(malformed)}`);
  });

  // SPEC §11: whatever the XML's spelling. Each value is long enough that a leak of any part shows.
  const A = 'AAAAsecretpartoneAAAA';
  const B = 'BBBBsecretparttwoBBBB';
  it.each([
    ['a space before >', `<SecretAccessKey >${A}</SecretAccessKey >`],
    ['a line break in the tag', `<SecretAccessKey\n>${A}</SecretAccessKey\n>`],
    ['xmlns=""', `<SecretAccessKey xmlns="">${A}</SecretAccessKey>`],
    ['an attribute', `<SessionToken id="1" xmlns:x='y'>${A}</SessionToken>`],
    ['a declared prefix', `<ns:SessionToken xmlns:ns="urn:x">${A}</ns:SessionToken>`],
    ['a prefix with dots and dashes', `<my.ns-2:SessionToken>${A}</my.ns-2:SessionToken>`],
    ['CDATA', `<SecretAccessKey><![CDATA[${A}]]></SecretAccessKey>`],
    ['CDATA among text', `<SecretAccessKey>${A}<![CDATA[${B}]]></SecretAccessKey>`],
    ['a comment splitting the value', `<SecretAccessKey>${A}<!-- x -->${B}</SecretAccessKey>`],
    ['a child element splitting the value', `<SessionToken>${A}<x/>${B}</SessionToken>`],
    ['the value on its own lines', `<SessionToken>\n  ${A}\n  ${B}\n</SessionToken>`],
    ['lower case', `<sessiontoken>${A}</sessiontoken>`],
    ['no closing tag', `<Credentials><SecretAccessKey>${A}`],
    ['an unterminated CDATA', `<SecretAccessKey><![CDATA[${A}<${B}`],
    ['an attribute holding it', `<Credentials SecretAccessKey="${A}"/>`],
  ])('masks a secret XML element written with %s', (_spelling, xml) => {
    const out = redact(`<AssumeRoleResponse>${xml}<Expiration>2030-01-01T00:00:00Z</Expiration></AssumeRoleResponse>`);
    expect(out).not.toContain('secretpart');
    expect(out).toContain('****');
  });

  it('keeps the markup around a masked element', () => {
    expect(redact(`<a><SecretAccessKey >${A}</SecretAccessKey ><b>kept</b></a>`)).toBe(`<a><SecretAccessKey >${mask(A)}</SecretAccessKey ><b>kept</b></a>`);
    expect(redact(`<SecretAccessKey><![CDATA[${A}]]></SecretAccessKey>`)).toBe(`<SecretAccessKey>${mask(A)}</SecretAccessKey>`);
  });

  it('masking twice changes nothing', () => {
    const once = redact(`<SecretAccessKey>${A}</SecretAccessKey> aws_session_token = ${B}`);
    expect(redact(once)).toBe(once);
  });

  it.each([
    ['user and password', 'http://user:pa55word@127.0.0.1:9000/', 'http://****@127.0.0.1:9000/'],
    ['a user only', 'https://AKIDEXAMPLE@sts.example.com', 'https://****@sts.example.com'],
    ['an @ in the password', 'https://u:p@ss@sts.example.com/x', 'https://****@sts.example.com/x'],
    ['an encoded password', 'http://u:p%40ss%3A@h:1', 'http://****@h:1'],
  ])('masks the userinfo of a URL with %s', (_what, url, shown) => {
    expect(redact(`endpoint ${url}, region us-east-1`)).toBe(`endpoint ${shown}, region us-east-1`);
    expect(redact(url)).not.toMatch(/pa55word|AKIDEXAMPLE|p@ss|p%40ss/);
  });

  it('leaves e-mail addresses and URLs without userinfo alone', () => {
    for (const text of ['mail admin@example.com', 'https://sts.example.com/path?x=a@b', 'http://127.0.0.1:9000/ and ops@example.com']) {
      expect(redact(text)).toBe(text);
    }
  });

  it('leaves text without secrets exactly as it was', () => {
    const line = '2026-11-23T12:00:00.000Z 127.0.0.1 POST / AssumeRole 200 ASIAEXAMPLEEXAMPLE00 1.2ms';
    expect(redact(line)).toBe(line);
  });
});
