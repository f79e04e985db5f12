// The Condition block's logic, each case reproducing an example or rule of the IAM User Guide
// (the page is named in each test): AND across operators and keys, OR across values (NOR when
// negated), set operators on multivalued keys, case rules, ARN segments, policy variables.
import { describe, expect, it } from 'vitest';
import { decide, holds } from './helpers.js';

/** `${NAME}` in a policy value. */
const pv = (name: string) => `\${${name}}`;

describe('combining (Conditions with multiple context keys or values)', () => {
  // "If your policy statement has multiple condition operators, the condition operators are evaluated using a logical AND."
  it('several operators: all must hold', () => {
    const c = { StringEquals: { 'sts:ExternalId': 'x1' }, StringLike: { 'sts:RoleSessionName': 'ci-*' } };
    expect(holds(c, { 'sts:ExternalId': 'x1', 'sts:RoleSessionName': 'ci-7' })).toBe(true);
    expect(holds(c, { 'sts:ExternalId': 'x1', 'sts:RoleSessionName': 'me' })).toBe(false);
  });
  // "… multiple context keys attached to a single condition operator, the context keys are evaluated using a logical AND."
  it('several keys in one operator: all must hold', () => {
    const c = { StringEquals: { 'sts:ExternalId': 'x1', 'sts:RoleSessionName': 'ci' } };
    expect(holds(c, { 'sts:ExternalId': 'x1', 'sts:RoleSessionName': 'ci' })).toBe(true);
    expect(holds(c, { 'sts:ExternalId': 'x1', 'sts:RoleSessionName': 'other' })).toBe(false);
  });
  // "If a single condition operator includes multiple values for a context key, those values are evaluated using a logical OR."
  it('several values for one key: any one', () => {
    const c = { StringEquals: { 'sts:RoleSessionName': ['alice', 'bob'] } };
    expect(holds(c, { 'sts:RoleSessionName': 'bob' })).toBe(true);
    expect(holds(c, { 'sts:RoleSessionName': 'carol' })).toBe(false);
  });
  // "If a single negated matching condition operator includes multiple values for a context key, those values are evaluated using a logical NOR."
  it('several values for a negated operator: none of them', () => {
    const c = { StringNotEquals: { 'sts:RoleSessionName': ['alice', 'bob'] } };
    expect(holds(c, { 'sts:RoleSessionName': 'carol' })).toBe(true);
    expect(holds(c, { 'sts:RoleSessionName': 'bob' })).toBe(false);
  });
});

describe('an empty value list (IAM accepts one)', () => {
  it('matches nothing, so its negation holds for any present value', () => {
    expect(holds({ StringEquals: { 'sts:ExternalId': [] } }, { 'sts:ExternalId': 'x' })).toBe(false);
    expect(holds({ StringNotEquals: { 'sts:ExternalId': [] } }, { 'sts:ExternalId': 'x' })).toBe(true);
    expect(holds({ Null: { 'sts:ExternalId': [] } }, {})).toBe(false);
  });
});

describe('set operators (Single-valued vs. multivalued context keys; multivalued context key examples)', () => {
  const values = ['PostDateTime', 'Message', 'Tags'];
  // Creating a Condition That Tests Multiple Key Values: request [PostDateTime, UserName] vs policy
  // [PostDateTime, Message, Tags]: "There's no match for UserName, so the condition operator returns false".
  it('ForAllValues: every request value must match some policy value (the DynamoDB Thread example)', () => {
    const c = { 'ForAllValues:StringLike': { 'dynamodb:requestedAttributes': values } };
    expect(holds(c, { 'dynamodb:requestedAttributes': ['PostDateTime', 'UserName'] })).toBe(false);
    expect(holds(c, { 'dynamodb:requestedAttributes': ['PostDateTime', 'Message'] })).toBe(true);
  });
  // Same page: a Deny with ForAnyValue [ID, PostDateTime] and a request [UserName, Message, PostDateTime] "the condition is true".
  it('ForAnyValue: one request value matching one policy value is enough (the PutItem Deny example)', () => {
    const c = { 'ForAnyValue:StringLike': { 'dynamodb:requestedAttributes': ['ID', 'PostDateTime'] } };
    expect(holds(c, { 'dynamodb:requestedAttributes': ['UserName', 'Message', 'PostDateTime'] })).toBe(true);
    expect(holds(c, { 'dynamodb:requestedAttributes': ['UserName'] })).toBe(false);
  });
  // Multivalued context key examples: "The ForAllValues set operator also returns true if there are no context keys in the request";
  // and (multi-value conditions page) "… ForAnyValue returns false".
  it('an absent key: ForAllValues true, ForAnyValue false', () => {
    expect(holds({ 'ForAllValues:StringEquals': { 'aws:TagKeys': ['team'] } }, {})).toBe(true);
    expect(holds({ 'ForAnyValue:StringEquals': { 'aws:TagKeys': ['team'] } }, {})).toBe(false);
    expect(holds({ 'ForAllValues:StringEquals': { 'aws:TagKeys': ['team'] } }, { 'aws:TagKeys': [] })).toBe(true);
    expect(holds({ 'ForAnyValue:StringEquals': { 'aws:TagKeys': ['team'] } }, { 'aws:TagKeys': [] })).toBe(false);
  });
  it('IfExists on a set operator: an absent key is true for ForAnyValue too', () => {
    expect(holds({ 'ForAnyValue:StringEqualsIfExists': { 'aws:TagKeys': ['team'] } }, {})).toBe(true);
  });

  const matrix: [string, (string[] | undefined)[], boolean[]][] = [
    // request:                         absent   [a]    [a, x]  [x, y]
    ['ForAnyValue:StringEquals', [undefined, ['a'], ['a', 'x'], ['x', 'y']], [false, true, true, false]],
    ['ForAllValues:StringEquals', [undefined, ['a'], ['a', 'x'], ['x', 'y']], [true, true, false, false]],
    ['ForAnyValue:StringNotEquals', [undefined, ['a'], ['a', 'x'], ['x', 'y']], [false, false, true, true]],
    ['ForAllValues:StringNotEquals', [undefined, ['a'], ['a', 'x'], ['x', 'y']], [true, false, false, true]],
    // Without a set operator a multivalued key matches nothing (IAM: "Multivalued context keys require a condition set operator").
    ['StringEquals', [undefined, ['a'], ['a', 'x'], ['x', 'y']], [false, false, false, false]],
    ['StringNotEquals', [undefined, ['a'], ['a', 'x'], ['x', 'y']], [true, false, false, false]],
  ];
  it.each(matrix)('%s against absent, [a], [a, x], [x, y] with policy [a, b]', (operator, requests, expected) => {
    const got = requests.map((r) => holds({ [operator]: { 'aws:TagKeys': ['a', 'b'] } }, r === undefined ? {} : { 'aws:TagKeys': r }));
    expect(got).toEqual(expected);
  });

  // Multivalued context key examples, "Deny a single policy condition value for a multivalued context key":
  // ForAllValues:StringNotLike "key1*" is true when no tag key starts with key1 (and when there are no tags).
  it('ForAllValues:StringNotLike key1* (the DenyRestrictedTags example)', () => {
    const c = { 'ForAllValues:StringNotLike': { 'aws:TagKeys': 'key1*' } };
    expect(holds(c, { 'aws:TagKeys': ['key2', 'key3'] })).toBe(true);
    expect(holds(c, { 'aws:TagKeys': ['key1a', 'key2'] })).toBe(false);
    expect(holds(c, {})).toBe(true);
  });
  // Same page, the newer form: Null false + ForAllValues:StringLike [key1*, key2*, key3*] keeps the absent key from matching.
  it('Null false guards ForAllValues against the absent key', () => {
    const c = { Null: { 'aws:TagKeys': 'false' }, 'ForAllValues:StringLike': { 'aws:TagKeys': ['key1*', 'key2*', 'key3*'] } };
    expect(holds(c, {})).toBe(false);
    expect(holds(c, { 'aws:TagKeys': ['key1x', 'key3'] })).toBe(true);
    expect(holds(c, { 'aws:TagKeys': ['key1x', 'other'] })).toBe(false);
  });
  // Single-valued vs. multivalued: "Using a condition set operator with a single-valued context key can lead to overly permissive policies":
  // the single value is a set of one, and an absent key passes ForAllValues.
  it('a set operator on a single-valued key reads it as a set of one', () => {
    expect(
      holds(
        { 'ForAnyValue:StringLike': { 'token.actions.githubusercontent.com:sub': 'repo:org/*' } },
        { 'token.actions.githubusercontent.com:sub': 'repo:org/app' },
      ),
    ).toBe(true);
    expect(holds({ 'ForAllValues:StringEquals': { 'sts:RoleSessionName': 'ci' } }, { 'sts:RoleSessionName': 'me' })).toBe(false);
    expect(holds({ 'ForAllValues:StringEquals': { 'sts:RoleSessionName': 'ci' } }, {})).toBe(true);
  });
  it('set operators work with the other families too', () => {
    expect(holds({ 'ForAnyValue:NumericLessThan': { 'test:sizes': '10' } }, { 'test:sizes': ['20', '5'] })).toBe(true);
    expect(holds({ 'ForAllValues:NumericLessThan': { 'test:sizes': '10' } }, { 'test:sizes': ['20', '5'] })).toBe(false);
    expect(
      holds({ 'ForAllValues:ArnLike': { 'test:arns': 'arn:aws:iam::*:role/ci-*' } }, { 'test:arns': ['arn:aws:iam::1:role/ci-a', 'arn:aws:iam::2:role/ci-b'] }),
    ).toBe(true);
  });
  it('a multivalued key with a single value still needs a set operator', () => {
    expect(holds({ StringEquals: { 'aws:TagKeys': 'team' } }, { 'aws:TagKeys': ['team'] })).toBe(false);
    expect(holds({ 'ForAnyValue:StringEquals': { 'aws:TagKeys': 'team' } }, { 'aws:TagKeys': ['team'] })).toBe(true);
  });
});

describe('case', () => {
  // Policy variables page: "Key names are case-insensitive. For example, aws:CurrentTime is equivalent to AWS:currenttime."
  it('condition key names are case-insensitive', () => {
    expect(holds({ DateGreaterThan: { 'AWS:currenttime': '2020-01-01' } }, { 'aws:CurrentTime': '2025-01-01T00:00:00Z' })).toBe(true);
    expect(
      holds(
        { StringEquals: { 'TOKEN.actions.githubusercontent.com:SUB': 'repo:o/r:ref:refs/heads/main' } },
        { 'token.actions.githubusercontent.com:sub': 'repo:o/r:ref:refs/heads/main' },
      ),
    ).toBe(true);
  });
  // Condition operators page: StringEquals "Exact matching, case sensitive"; StringLike "Case-sensitive matching"; ArnLike "Case-sensitive".
  it('values are case-sensitive except for the IgnoreCase operators', () => {
    expect(holds({ StringEquals: { 'sts:ExternalId': 'Abc' } }, { 'sts:ExternalId': 'abc' })).toBe(false);
    expect(holds({ StringLike: { 'sts:ExternalId': 'A*' } }, { 'sts:ExternalId': 'abc' })).toBe(false);
    expect(holds({ ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/Deploy' } }, { 'aws:PrincipalArn': 'arn:aws:iam::123456789012:role/deploy' })).toBe(
      false,
    );
    expect(holds({ StringNotEqualsIgnoreCase: { 'sts:ExternalId': 'Abc' } }, { 'sts:ExternalId': 'aBC' })).toBe(false);
  });
  it('operator names are read case-insensitively', () => {
    expect(holds({ stringequals: { 'sts:ExternalId': 'x1' } }, { 'sts:ExternalId': 'x1' })).toBe(true);
    expect(holds({ 'forallvalues:stringequalsifexists': { 'aws:TagKeys': 'a' } }, { 'aws:TagKeys': ['b'] })).toBe(false);
  });
});

describe('wildcards', () => {
  // StringLike: "multi-character match wildcards (*) and single-character match wildcards (?) anywhere in the string".
  it('* spans any run (none included), ? exactly one character', () => {
    expect(holds({ StringLike: { 'sts:RoleSessionName': 'ci-*' } }, { 'sts:RoleSessionName': 'ci-' })).toBe(true);
    expect(holds({ StringLike: { 'sts:RoleSessionName': 'ci-?' } }, { 'sts:RoleSessionName': 'ci-' })).toBe(false);
    expect(holds({ StringLike: { 'sts:RoleSessionName': 'a*b?c' } }, { 'sts:RoleSessionName': 'a..b.c' })).toBe(true);
    expect(holds({ StringLike: { 'sts:RoleSessionName': 'a.c' } }, { 'sts:RoleSessionName': 'abc' })).toBe(false);
    expect(holds({ StringEquals: { 'sts:RoleSessionName': 'ci-*' } }, { 'sts:RoleSessionName': 'ci-7' })).toBe(false);
  });
  // ARN operators page: pattern arn:aws:someservice:*:111122223333:finance/* against
  // arn:aws:someservice:us-east-2:999999999999:store/abc:111122223333:finance/document.txt: "With a StringLike condition, the match succeeds …
  // With an ArnLike condition, which matches elements between colons, the match fails."
  it('ArnLike matches each of the six parts on its own; StringLike does not', () => {
    const pattern = 'arn:aws:someservice:*:111122223333:finance/*';
    const value = 'arn:aws:someservice:us-east-2:999999999999:store/abc:111122223333:finance/document.txt';
    expect(holds({ StringLike: { 'aws:SourceArn': pattern } }, { 'aws:SourceArn': value })).toBe(true);
    expect(holds({ ArnLike: { 'aws:SourceArn': pattern } }, { 'aws:SourceArn': value })).toBe(false);
    expect(holds({ ArnEquals: { 'aws:SourceArn': pattern } }, { 'aws:SourceArn': value })).toBe(false);
    expect(holds({ ArnLike: { 'aws:SourceArn': pattern } }, { 'aws:SourceArn': 'arn:aws:someservice:us-east-2:111122223333:finance/a:b' })).toBe(true);
  });
});

describe('IfExists (Condition operators page, ...IfExists)', () => {
  // The RunInstance example: StringLikeIfExists on ec2:InstanceType ["t1.*", "t2.*", "m3.*"].
  it('checks the key only where it exists', () => {
    const c = { StringLikeIfExists: { 'ec2:InstanceType': ['t1.*', 't2.*', 'm3.*'] } };
    expect(holds(c, {})).toBe(true);
    expect(holds(c, { 'ec2:InstanceType': 't2.micro' })).toBe(true);
    expect(holds(c, { 'ec2:InstanceType': 'c5.large' })).toBe(false);
  });
  // "If you are using an "Effect": "Deny" element with a negated condition operator like StringNotEqualsIfExists, the request is still denied even if the tag is missing."
  it('a Deny with StringNotEqualsIfExists still denies when the key is missing', () => {
    const policy = {
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole' },
        { Effect: 'Deny', Principal: { AWS: '*' }, Action: 'sts:AssumeRole', Condition: { StringNotEqualsIfExists: { 'aws:RequestTag/team': 'ops' } } },
      ],
    };
    expect(decide(policy, {}).allowed).toBe(false);
    expect(decide(policy, { 'aws:RequestTag/team': 'dev' }).allowed).toBe(false);
    expect(decide(policy, { 'aws:RequestTag/team': 'ops' }).allowed).toBe(true);
  });
  // Date operators page: aws:TokenIssueTime "is not present … made using access keys", so DateGreaterThan on it is false.
  it('without IfExists an absent key fails (the aws:TokenIssueTime example)', () => {
    expect(holds({ DateGreaterThan: { 'aws:TokenIssueTime': '2020-01-01T00:00:01Z' } }, {})).toBe(false);
    expect(holds({ DateGreaterThanIfExists: { 'aws:TokenIssueTime': '2020-01-01T00:00:01Z' } }, {})).toBe(true);
  });
});

describe('policy variables (IAM policy elements: Variables and tags)', () => {
  // IAM and AWS STS condition keys, sts:RoleSessionName: RoleTrustPolicyRequireUsernameForSessionName,
  // StringLike {"sts:RoleSessionName": "${aws:username}"} — "does not allow anyone using temporary credentials … because the username variable is present for only IAM users".
  const c = { StringLike: { 'sts:RoleSessionName': pv('aws:username') } };
  it('substitute a single-valued key', () => {
    expect(holds(c, { 'aws:username': 'matjac', 'sts:RoleSessionName': 'matjac' })).toBe(true);
    expect(holds(c, { 'aws:username': 'matjac', 'sts:RoleSessionName': 'other' })).toBe(false);
  });
  it('leave the statement unmatched when the variable has no value, even for a negated operator', () => {
    expect(holds(c, { 'sts:RoleSessionName': 'matjac' })).toBe(false);
    expect(holds({ StringNotLike: { 'sts:RoleSessionName': pv('aws:username') } }, { 'sts:RoleSessionName': 'x' })).toBe(false);
  });
  // "Specifying default values": ${aws:userid, 'anonymous'}.
  it("take a default with the ', 'default'' form", () => {
    const d = { StringEquals: { 'sts:RoleSessionName': pv("aws:username, 'anonymous'") } };
    expect(holds(d, { 'sts:RoleSessionName': 'anonymous' })).toBe(true);
    expect(holds(d, { 'sts:RoleSessionName': 'anonymous', 'aws:username': 'bob' })).toBe(false);
  });
  // "Special characters": ${*}, ${?}, ${$} stand for the literal character.
  it('the * variable is a literal asterisk, and substituted text is never a wildcard', () => {
    expect(holds({ StringLike: { 'sts:RoleSessionName': `a${pv('*')}` } }, { 'sts:RoleSessionName': 'a*' })).toBe(true);
    expect(holds({ StringLike: { 'sts:RoleSessionName': `a${pv('*')}` } }, { 'sts:RoleSessionName': 'ab' })).toBe(false);
    expect(holds({ StringLike: { 'sts:RoleSessionName': pv('aws:username') } }, { 'aws:username': 'a*', 'sts:RoleSessionName': 'abc' })).toBe(false);
    expect(holds({ StringLike: { 'sts:RoleSessionName': `${pv('aws:username')}-*` } }, { 'aws:username': 'bob', 'sts:RoleSessionName': 'bob-1' })).toBe(true);
  });
  // Version page: with 2008-10-17 "variables such as ${aws:username} aren't recognized … treated as literal strings".
  it('are literal text under Version 2008-10-17 and with no Version', () => {
    expect(holds(c, { 'aws:username': 'matjac', 'sts:RoleSessionName': 'matjac' }, '2008-10-17')).toBe(false);
    expect(holds(c, { 'aws:username': 'matjac', 'sts:RoleSessionName': pv('aws:username') }, '2008-10-17')).toBe(true);
    const noVersion = { Statement: { Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole', Condition: c } };
    expect(decide(noVersion, { 'aws:username': 'matjac', 'sts:RoleSessionName': 'matjac' }).allowed).toBe(false);
  });
  // Single-valued vs. multivalued: "you cannot use multivalued context keys as policy variables".
  it('a multivalued key is no variable', () => {
    expect(holds({ StringEquals: { 'sts:RoleSessionName': pv('aws:TagKeys') } }, { 'aws:TagKeys': ['a'], 'sts:RoleSessionName': 'a' })).toBe(false);
  });
  it('work in ARN operators too', () => {
    const arn = { ArnLike: { 'aws:PrincipalArn': `arn:aws:iam::${pv('aws:PrincipalAccount')}:role/*` } };
    expect(holds(arn, { 'aws:PrincipalAccount': '123456789012', 'aws:PrincipalArn': 'arn:aws:iam::123456789012:role/x' })).toBe(true);
    expect(holds(arn, { 'aws:PrincipalAccount': '123456789012', 'aws:PrincipalArn': 'arn:aws:iam::999999999999:role/x' })).toBe(false);
  });
});
