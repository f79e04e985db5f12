// parseTrustPolicy: what IAM refuses (MalformedPolicyDocument) is refused when the mock starts,
// with the role and the element named; what IAM accepts comes back ready to evaluate. Cases marked
// "moto" are among the documents getmoto/moto's tests/test_iam/test_iam_policies.py records with
// IAM's answer (its invalid_policy_document_test_cases and valid_policy_documents).
import { describe, expect, it } from 'vitest';
import { TrustPolicyError } from '../../../src/errors.js';
import { parseTrustPolicy, TRUST_POLICY_MAX_CHARS } from '../../../src/mock/trust/index.js';

const WHERE = 'roles[2].trustPolicy';
const ok = { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:root' }, Action: 'sts:AssumeRole' };
const policy = (...statements: unknown[]) => ({ Version: '2012-10-17', Statement: statements });

function refusal(document: unknown): TrustPolicyError {
  try {
    parseTrustPolicy(document, WHERE, { source: 'mock.json' });
  } catch (e) {
    if (e instanceof TrustPolicyError) return e;
    throw e;
  }
  throw new Error('parseTrustPolicy accepted the document');
}

describe('parseTrustPolicy refuses', () => {
  const cases: [string, unknown, string, RegExp][] = [
    ['text that is not JSON', '{"Version": "2012-10-17",\n x}', WHERE, /not valid JSON at line 2, column 2/],
    ['JSON text cut short', '{"Version": "2012-10-17", "Statement": [', WHERE, /is not valid JSON/],
    ['a document that is not an object', ['x'], WHERE, /must be a JSON object/],
    ['an unknown Version', { Version: '2012-10-18', Statement: ok }, `${WHERE}.Version`, /"2012-10-17"/],
    ['an Id that is a list (moto)', { Version: '2012-10-17', Id: ['cd3a'], Statement: ok }, `${WHERE}.Id`, /must be a string/],
    ['a Sid that is an object (moto)', policy({ ...ok, Sid: {} }), `${WHERE}.Statement[0].Sid`, /got \{\}/],
    ['a list inside Action (moto)', policy({ ...ok, Action: [[]] }), `${WHERE}.Statement[0].Action[0]`, /must be a string/],
    ['a Version that is a date object', { Version: 20121017, Statement: ok }, `${WHERE}.Version`, /got 20121017/],
    ['a missing Statement', { Version: '2012-10-17' }, WHERE, /has no Statement/],
    ['an empty Statement list', policy(), `${WHERE}.Statement`, /at least one statement/],
    ['a misspelt top-level element', { Version: '2012-10-17', Statements: [ok] }, `${WHERE}.Statements`, /did you mean "Statement"/],
    ['a statement that is not an object', policy('Allow'), `${WHERE}.Statement[0]`, /must be an object/],
    ['an Effect other than Allow or Deny', policy(ok, { ...ok, Effect: 'Permit' }), `${WHERE}.Statement[1].Effect`, /"Allow" or "Deny" \(got "Permit"\)/],
    // moto: "Effect": "denY", "aLLow", "allow" → "The policy failed legacy parsing"; "invalid" → "Syntax errors in policy."
    ['a lower-case Effect (moto)', policy({ ...ok, Effect: 'allow' }), `${WHERE}.Statement[0].Effect`, /got "allow"/],
    ['a mixed-case Effect (moto)', policy({ ...ok, Effect: 'denY' }), `${WHERE}.Statement[0].Effect`, /got "denY"/],
    ['a missing Effect', policy({ Principal: ok.Principal, Action: ok.Action }), `${WHERE}.Statement[0].Effect`, /is missing/],
    ['Principal and NotPrincipal together', policy({ ...ok, NotPrincipal: { AWS: '*' } }), `${WHERE}.Statement[0]`, /both Principal and NotPrincipal/],
    ['no Principal', policy({ Effect: 'Allow', Action: 'sts:AssumeRole' }), `${WHERE}.Statement[0]`, /needs a Principal/],
    ['Action and NotAction together', policy({ ...ok, NotAction: 'sts:TagSession' }), `${WHERE}.Statement[0]`, /both Action and NotAction/],
    ['no Action', policy({ Effect: 'Allow', Principal: { AWS: '*' } }), `${WHERE}.Statement[0]`, /needs an Action/],
    ['a Resource (IAM: "Has prohibited field Resource")', policy({ ...ok, Resource: '*' }), `${WHERE}.Statement[0].Resource`, /prohibited field Resource/],
    ['a misspelt statement element', policy({ ...ok, Condtion: {} }), `${WHERE}.Statement[0].Condtion`, /did you mean "Condition"/],
    [
      'a lower-case element name',
      policy({ Effect: 'Allow', principal: { AWS: '*' }, Action: 'sts:AssumeRole' }),
      `${WHERE}.Statement[0].principal`,
      /did you mean "Principal"/,
    ],
    ['a Sid with punctuation', policy({ ...ok, Sid: 'allow-ci' }), `${WHERE}.Statement[0].Sid`, /letters and digits/],
    ['a repeated Sid', policy({ ...ok, Sid: 'A' }, { ...ok, Sid: 'A' }), `${WHERE}.Statement[1].Sid`, /repeats "A"/],
    [
      'an action of another service (IAM: "AssumeRole policy may only specify STS AssumeRole actions")',
      policy({ ...ok, Action: ['sts:AssumeRole', 's3:GetObject'] }),
      `${WHERE}.Statement[0].Action[1]`,
      /may only specify STS AssumeRole actions/,
    ],
    ['an STS action no trust policy holds', policy({ ...ok, Action: 'sts:GetCallerIdentity' }), `${WHERE}.Statement[0].Action`, /not an action a trust policy/],
    ['an action without its prefix', policy({ ...ok, Action: 'AssumeRole' }), `${WHERE}.Statement[0].Action`, /service prefix/],
    ['an empty action list', policy({ ...ok, Action: [] }), `${WHERE}.Statement[0].Action`, /at least one action/],
    [
      'a Principal string other than "*"',
      policy({ ...ok, Principal: 'arn:aws:iam::123456789012:root' }),
      `${WHERE}.Statement[0].Principal`,
      /"\*" or an object/,
    ],
    ['an empty Principal map', policy({ ...ok, Principal: {} }), `${WHERE}.Statement[0].Principal`, /names no principal/],
    ['an unknown principal type', policy({ ...ok, Principal: { Aws: '*' } }), `${WHERE}.Statement[0].Principal.Aws`, /did you mean "AWS"/],
    ['a CanonicalUser principal', policy({ ...ok, Principal: { CanonicalUser: 'abc' } }), `${WHERE}.Statement[0].Principal.CanonicalUser`, /bucket-policy/],
    // Principal page: "You cannot use a wildcard to match part of a principal name or ARN."
    [
      'a wildcard inside a principal ARN',
      policy({ ...ok, Principal: { AWS: 'arn:aws:iam::123456789012:role/*' } }),
      `${WHERE}.Statement[0].Principal.AWS`,
      /wildcard cannot match part/,
    ],
    [
      'an account id that is not 12 digits',
      policy({ ...ok, Principal: { AWS: ['123456789012', '1234'] } }),
      `${WHERE}.Statement[0].Principal.AWS[1]`,
      /not a principal IAM accepts/,
    ],
    [
      'a Federated principal that is no provider',
      policy({ ...ok, Principal: { Federated: 'token.actions.githubusercontent.com' } }),
      `${WHERE}.Statement[0].Principal.Federated`,
      /oidc-provider/,
    ],
    ['an empty principal list', policy({ ...ok, Principal: { AWS: [] } }), `${WHERE}.Statement[0].Principal.AWS`, /at least one principal/],
    ['a Condition that is not an object', policy({ ...ok, Condition: [] }), `${WHERE}.Statement[0].Condition`, /must be an object/],
    [
      'an unknown condition operator',
      policy({ ...ok, Condition: { StringLikee: { 'sts:ExternalId': 'x' } } }),
      `${WHERE}.Statement[0].Condition.StringLikee`,
      /not a condition operator IAM knows \(did you mean "StringLike"\?\)/,
    ],
    [
      'an unknown set operator',
      policy({ ...ok, Condition: { 'ForSomeValues:StringLike': { 'sts:ExternalId': 'x' } } }),
      `${WHERE}.Statement[0].Condition.ForSomeValues:StringLike`,
      /not a condition operator/,
    ],
    // Condition operators page: "You can add IfExists to the end of any condition operator name except the Null condition".
    [
      'NullIfExists',
      policy({ ...ok, Condition: { NullIfExists: { 'sts:ExternalId': 'true' } } }),
      `${WHERE}.Statement[0].Condition.NullIfExists`,
      /Null takes no IfExists/,
    ],
    [
      'an operator mapped to a list',
      policy({ ...ok, Condition: { StringLike: ['x'] } }),
      `${WHERE}.Statement[0].Condition.StringLike`,
      /must map condition keys/,
    ],
    [
      'a condition value that is an object',
      policy({ ...ok, Condition: { StringEquals: { 'sts:ExternalId': { a: 1 } } } }),
      `${WHERE}.Statement[0].Condition.StringEquals["sts:ExternalId"]`,
      /string, number or boolean/,
    ],
    [
      'a null in a value list',
      policy({ ...ok, Condition: { StringEquals: { 'sts:ExternalId': ['a', null] } } }),
      `${WHERE}.Statement[0].Condition.StringEquals["sts:ExternalId"][1]`,
      /got null/,
    ],
    [
      'a number that is not one',
      policy({ ...ok, Condition: { NumericLessThan: { 'aws:MultiFactorAuthAge': '1h' } } }),
      `${WHERE}.Statement[0].Condition.NumericLessThan["aws:MultiFactorAuthAge"]`,
      /"1h" is not a number/,
    ],
    [
      'a date that is not one',
      policy({ ...ok, Condition: { DateLessThan: { 'aws:CurrentTime': ['2025-01-01', '2025-02-30'] } } }),
      `${WHERE}.Statement[0].Condition.DateLessThan["aws:CurrentTime"][1]`,
      /not a date/,
    ],
    [
      'a Bool that is neither true nor false',
      policy({ ...ok, Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'yes' } } }),
      `${WHERE}.Statement[0].Condition.Bool["aws:MultiFactorAuthPresent"]`,
      /"true" or "false"/,
    ],
    [
      'a Null value that is neither true nor false',
      policy({ ...ok, Condition: { Null: { 'sts:ExternalId': 'absent' } } }),
      `${WHERE}.Statement[0].Condition.Null["sts:ExternalId"]`,
      /"true" or "false"/,
    ],
    [
      'an IP range that is not one',
      policy({ ...ok, Condition: { IpAddress: { 'aws:SourceIp': '10.0.0.0/33' } } }),
      `${WHERE}.Statement[0].Condition.IpAddress["aws:SourceIp"]`,
      /not an IP address/,
    ],
    [
      'binary that is not base64',
      policy({ ...ok, Condition: { BinaryEquals: { 'test:blob': 'not base64!' } } }),
      `${WHERE}.Statement[0].Condition.BinaryEquals["test:blob"]`,
      /not base64/,
    ],
    [
      'a policy over IAM’s size quota',
      policy({ ...ok, Condition: { StringEquals: { 'sts:ExternalId': Array.from({ length: 400 }, (_, i) => `external-${i}`) } } }),
      WHERE,
      new RegExp(`at most ${TRUST_POLICY_MAX_CHARS}`),
    ],
  ];

  it.each(cases)('%s', (_name, document, place, reason) => {
    const e = refusal(document);
    expect(e.place).toBe(place);
    expect(e.reason).toMatch(reason);
    expect(e.code).toBe('ERR_TRUST_POLICY');
    expect(e.exitCode).toBe(2);
    expect(e.message).toBe(`Invalid trust policy in mock.json at ${place}: ${e.reason}.`);
    expect(e.hint).toMatch(/IAM would refuse it too/);
  });

  it('a single Statement object is named without an index', () => {
    expect(refusal({ Version: '2012-10-17', Statement: { ...ok, Effect: 'x' } }).place).toBe(`${WHERE}.Statement.Effect`);
  });

  it('names no source when none is given', () => {
    expect(() => parseTrustPolicy({ Statement: { ...ok, Effect: 'x' } }, WHERE)).toThrow(
      /^Invalid trust policy at roles\[2\]\.trustPolicy\.Statement\.Effect: /,
    );
  });

  it('does not quote JSON text around a syntax error (it may hold anything)', () => {
    const e = refusal('{"Statement": [{"Effect": "Allow", "Sid": "s3cr3tvalue" oops}]}');
    expect(e.message).not.toContain('s3cr3tvalue');
    expect(e.message).not.toContain('oops');
  });
});

describe('parseTrustPolicy accepts', () => {
  it('the same policy as an object or as JSON text', () => {
    const document = policy(ok);
    expect(parseTrustPolicy(JSON.stringify(document, null, 2), WHERE)).toEqual(parseTrustPolicy(document, WHERE));
  });

  it('a policy without Version or Id (IAM reads it as 2008-10-17), and an Id', () => {
    expect(parseTrustPolicy({ Statement: ok }, WHERE).version).toBeNull();
    expect(parseTrustPolicy({ Version: '2008-10-17', Id: 'trust', Statement: [ok] }, WHERE).version).toBe('2008-10-17');
  });

  it('the empty Sid the IAM console writes, and unique Sids', () => {
    const parsed = parseTrustPolicy(policy({ ...ok, Sid: '' }, { ...ok, Sid: '' }, { ...ok, Sid: 'Ci1' }), WHERE);
    expect(parsed.statements.map((s) => s.sid)).toEqual(['', '', 'Ci1']);
  });

  it('numbers and booleans as condition values, read as strings', () => {
    const parsed = parseTrustPolicy(
      policy({ ...ok, Condition: { NumericLessThan: { 'aws:MultiFactorAuthAge': 3600 }, Bool: { 'aws:MultiFactorAuthPresent': true } } }),
      WHERE,
    );
    expect(parsed.statements[0]!.conditions.map((c) => c.values)).toEqual([['3600'], ['true']]);
  });

  it('operators in canonical spelling whatever the case, with their parts', () => {
    const parsed = parseTrustPolicy(policy({ ...ok, Condition: { 'forallvalues:stringlikeifexists': { 'aws:TagKeys': 'a*' } } }), WHERE);
    expect(parsed.statements[0]!.conditions[0]).toMatchObject({
      operator: 'ForAllValues:StringLikeIfExists',
      base: 'StringLike',
      set: 'ForAllValues',
      ifExists: true,
    });
  });

  it('every principal form: account id, root, user, role, session, federated user, *, providers, services; Ceph’s empty account', () => {
    const principal = {
      AWS: [
        '*',
        '123456789012',
        'arn:aws:iam::123456789012:root',
        'arn:aws:iam::123456789012:user/division/alice',
        'arn:aws:iam::123456789012:role/ci',
        'arn:aws:sts::123456789012:assumed-role/ci/session-1',
        'arn:aws:sts::123456789012:federated-user/bob',
        'arn:aws-us-gov:iam::123456789012:root',
        'arn:aws:iam:::user/testuser',
      ],
      Federated: [
        'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com',
        'arn:aws:iam::123456789012:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B716D3041E',
        'arn:aws:iam:::oidc-provider/localhost:8080/auth/realms/demo',
        'arn:aws:iam::123456789012:saml-provider/Okta',
        'accounts.google.com',
        'cognito-identity.amazonaws.com',
      ],
      Service: 'pods.eks.amazonaws.com',
    };
    const set = parseTrustPolicy(policy({ ...ok, Principal: principal }), WHERE).statements[0]!.principal.set;
    expect(set.aws).toHaveLength(9);
    expect(set.aws.slice(0, 3)).toEqual([{ kind: 'any' }, { kind: 'account', account: '123456789012' }, { kind: 'account', account: '123456789012' }]);
    expect(set.federated).toHaveLength(6);
    expect(set.service).toEqual(['pods.eks.amazonaws.com']);
    expect(set.written[0]).toBe('AWS *');
  });

  it('every trust action and wildcards over them', () => {
    const actions = [
      'sts:AssumeRole',
      'sts:AssumeRoleWithWebIdentity',
      'sts:AssumeRoleWithSAML',
      'sts:TagSession',
      'sts:SetSourceIdentity',
      'sts:SetContext',
      'sts:*',
      'sts:Assume*',
      '*',
      'STS:assumerole',
    ];
    expect(parseTrustPolicy(policy({ ...ok, Action: actions }), WHERE).statements[0]!.action.patterns).toEqual(actions);
  });

  // moto, valid documents: "Condition": {}, {"DateGreaterThan": {}}, {"a": {}}, {"x": {}, "y": {}}, {"DateGreaterThan": {"a": []}}.
  it('an empty Condition block, operators with no keys (even unknown ones), keys without a prefix, an empty value list', () => {
    const conditions = (c: unknown) => parseTrustPolicy(policy({ ...ok, Condition: c }), WHERE).statements[0]!.conditions;
    expect(conditions({})).toEqual([]);
    expect(conditions({ DateGreaterThan: {} })).toEqual([]);
    expect(conditions({ x: {}, y: {} })).toEqual([]);
    expect(conditions({ DateGreaterThan: { a: [] } })).toMatchObject([{ operator: 'DateGreaterThan', key: 'a', values: [] }]);
    expect(conditions({ StringEqualsIfExists: { a: 'asf' }, 'ForAnyValue:StringEqualsIfExists': { a: 'asf' } })).toHaveLength(2);
  });

  it('ISO 8601 dates of every W3C precision and epoch seconds', () => {
    // moto, valid: "2019-07-01T13:20:15Z", "2016-12-13T21:20:37.593194+00:00", "-292275054".
    const dates = [
      '2025',
      '2025-06',
      '2025-06-01',
      '2025-06-01T10:20+02:00',
      '2025-06-01T10:20:30Z',
      '2025-06-01T10:20:30.123Z',
      '1735689600',
      '2016-12-13T21:20:37.593194+00:00',
      '-292275054',
    ];
    expect(() => parseTrustPolicy(policy({ ...ok, Condition: { DateLessThan: { 'aws:CurrentTime': dates } } }), WHERE)).not.toThrow();
  });
});
