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

  it('leaves text without secrets exactly as it was', () => {
    const line = '2026-11-23T12:00:00.000Z 127.0.0.1 POST / AssumeRole 200 ASIAEXAMPLEEXAMPLE00 1.2ms';
    expect(redact(line)).toBe(line);
  });
});
