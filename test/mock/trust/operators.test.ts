// Every condition operator × (a value that matches, one that does not, the key absent), plain and
// with IfExists, through parseTrustPolicy and evaluateTrust. The absent-key column is IAM's rule
// (Condition operators page, "Important"): "If the key that you specify in a policy condition is
// not present in the request context, the values do not match and the condition is false. If the
// policy condition requires that the key is not matched, such as StringNotLike or ArnNotLike, and
// the right key is not present, the condition is true. This logic applies to all condition
// operators except ...IfExists and Null check."; IfExists: "If the key is not present, evaluate the
// condition element as true."
import { describe, expect, it } from 'vitest';
import { holds } from './helpers.js';

interface Row {
  operator: string;
  key: string;
  policy: string;
  /** A request value the positive operator matches, and one it does not. */
  match: string;
  noMatch: string;
  negated?: boolean;
}

const positive: Row[] = [
  { operator: 'StringEquals', key: 'sts:RoleSessionName', policy: 'ci-main', match: 'ci-main', noMatch: 'CI-main' },
  { operator: 'StringEqualsIgnoreCase', key: 'sts:RoleSessionName', policy: 'ci-main', match: 'CI-MAIN', noMatch: 'ci-dev' },
  {
    operator: 'StringLike',
    key: 'token.actions.githubusercontent.com:sub',
    policy: 'repo:org/*:ref:refs/heads/?ain',
    match: 'repo:org/app:ref:refs/heads/main',
    noMatch: 'repo:org/app:ref:refs/heads/dev',
  },
  { operator: 'NumericEquals', key: 'aws:MultiFactorAuthAge', policy: '10', match: '10.0', noMatch: '11' },
  { operator: 'NumericLessThan', key: 'aws:MultiFactorAuthAge', policy: '3600', match: '3599', noMatch: '3600' },
  { operator: 'NumericLessThanEquals', key: 'aws:MultiFactorAuthAge', policy: '3600', match: '3600', noMatch: '3601' },
  { operator: 'NumericGreaterThan', key: 'aws:MultiFactorAuthAge', policy: '10', match: '10.5', noMatch: '10' },
  { operator: 'NumericGreaterThanEquals', key: 'aws:MultiFactorAuthAge', policy: '10', match: '10', noMatch: '9' },
  // An ISO policy value against an epoch request value: the same instant.
  { operator: 'DateEquals', key: 'aws:EpochTime', policy: '2025-01-01T00:00:00Z', match: '1735689600', noMatch: '1735689601' },
  { operator: 'DateLessThan', key: 'aws:CurrentTime', policy: '2025-06-01', match: '2025-05-31T23:59:59Z', noMatch: '2025-06-01T00:00:00Z' },
  { operator: 'DateLessThanEquals', key: 'aws:CurrentTime', policy: '2025-06-01T00:00:00Z', match: '2025-06-01T00:00:00Z', noMatch: '2025-06-01T00:00:01Z' },
  { operator: 'DateGreaterThan', key: 'aws:CurrentTime', policy: '2025-06-01T02:00:00+02:00', match: '2025-06-01T00:00:01Z', noMatch: '2025-06-01T00:00:00Z' },
  { operator: 'DateGreaterThanEquals', key: 'aws:EpochTime', policy: '1735689600', match: '1735689600', noMatch: '1735689599' },
  { operator: 'Bool', key: 'aws:MultiFactorAuthPresent', policy: 'true', match: 'true', noMatch: 'false' },
  // The Binary section's example value: "QmluYXJ5VmFsdWVJbkJhc2U2NA==" is base64 of "BinaryValueInBase64".
  { operator: 'BinaryEquals', key: 'test:blob', policy: 'QmluYXJ5VmFsdWVJbkJhc2U2NA==', match: 'BinaryValueInBase64', noMatch: 'binaryvalueinbase64' },
  // The IP address section's example: 203.0.113.0/24.
  { operator: 'IpAddress', key: 'aws:SourceIp', policy: '203.0.113.0/24', match: '203.0.113.7', noMatch: '198.51.100.7' },
  {
    operator: 'ArnEquals',
    key: 'aws:PrincipalArn',
    policy: 'arn:aws:iam::123456789012:role/ci-*',
    match: 'arn:aws:iam::123456789012:role/ci-deploy',
    noMatch: 'arn:aws:iam::999999999999:role/ci-deploy',
  },
  {
    operator: 'ArnLike',
    key: 'aws:PrincipalArn',
    policy: 'arn:aws:iam::123456789012:role/ci-?',
    match: 'arn:aws:iam::123456789012:role/ci-1',
    noMatch: 'arn:aws:iam::123456789012:role/ci-12',
  },
];

const twins: Record<string, string> = {
  StringNotEquals: 'StringEquals',
  StringNotEqualsIgnoreCase: 'StringEqualsIgnoreCase',
  StringNotLike: 'StringLike',
  NumericNotEquals: 'NumericEquals',
  DateNotEquals: 'DateEquals',
  NotIpAddress: 'IpAddress',
  ArnNotEquals: 'ArnEquals',
  ArnNotLike: 'ArnLike',
};
const negated: Row[] = Object.entries(twins).map(([operator, twin]) => ({ ...positive.find((r) => r.operator === twin)!, operator, negated: true }));

describe.each([...positive, ...negated])('$operator on $key', (row) => {
  const test = (operator: string, value: string | undefined) =>
    holds({ [operator]: { [row.key]: row.policy } }, value === undefined ? {} : { [row.key]: value });

  it(`${row.negated ? 'is false for a value its positive twin matches' : 'matches its value'}`, () => {
    expect(test(row.operator, row.match)).toBe(!row.negated);
  });
  it(`${row.negated ? 'is true for a value its twin does not match' : 'does not match another value'}`, () => {
    expect(test(row.operator, row.noMatch)).toBe(!!row.negated);
  });
  it(`with the key absent is ${row.negated ? 'true (negated operator)' : 'false'}`, () => {
    expect(test(row.operator, undefined)).toBe(!!row.negated);
  });
  it('IfExists: the same on a present key, true on an absent one', () => {
    expect(test(`${row.operator}IfExists`, row.match)).toBe(!row.negated);
    expect(test(`${row.operator}IfExists`, row.noMatch)).toBe(!!row.negated);
    expect(test(`${row.operator}IfExists`, undefined)).toBe(true);
  });
});

describe('Null', () => {
  // Condition operators page, Null: "true (the key doesn't exist — it is null) or false (the key exists and its value is not null)".
  it('"true" holds when the key is absent, "false" when it is present', () => {
    expect(holds({ Null: { 'sts:ExternalId': 'true' } }, {})).toBe(true);
    expect(holds({ Null: { 'sts:ExternalId': 'true' } }, { 'sts:ExternalId': 'x1' })).toBe(false);
    expect(holds({ Null: { 'sts:ExternalId': 'false' } }, { 'sts:ExternalId': 'x1' })).toBe(true);
    expect(holds({ Null: { 'sts:ExternalId': 'false' } }, {})).toBe(false);
    expect(holds({ Null: { 'sts:ExternalId': false } }, { 'sts:ExternalId': 'x1' })).toBe(true);
  });
  it('an empty list counts as an absent key', () => {
    expect(holds({ Null: { 'aws:TagKeys': 'true' } }, { 'aws:TagKeys': [] })).toBe(true);
  });
});

describe('values of the wrong type in the request', () => {
  it('match neither a positive nor a negated operator', () => {
    expect(holds({ NumericLessThan: { 'aws:MultiFactorAuthAge': '3600' } }, { 'aws:MultiFactorAuthAge': 'soon' })).toBe(false);
    expect(holds({ NumericNotEquals: { 'aws:MultiFactorAuthAge': '3600' } }, { 'aws:MultiFactorAuthAge': 'soon' })).toBe(false);
    expect(holds({ DateNotEquals: { 'aws:CurrentTime': '2025-01-01' } }, { 'aws:CurrentTime': 'yesterday' })).toBe(false);
    expect(holds({ Bool: { 'aws:MultiFactorAuthPresent': 'false' } }, { 'aws:MultiFactorAuthPresent': 'maybe' })).toBe(false);
    expect(holds({ ArnNotLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/x' } }, { 'aws:PrincipalArn': 'not-an-arn' })).toBe(false);
    expect(holds({ NotIpAddress: { 'aws:SourceIp': '10.0.0.0/8' } }, { 'aws:SourceIp': 'localhost' })).toBe(false);
  });
});
