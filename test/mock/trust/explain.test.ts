// The one-line reason (explainTrustDecision) and AWS's wording (trustRefusalMessage): each kind of
// refusal, values quoted so a claim cannot break the line, and no token anywhere.
import { describe, expect, it } from 'vitest';
import { buildTrustRequest, evaluateTrust, explainTrustDecision, parseTrustPolicy, trustRefusalMessage } from '../../../src/mock/trust/index.js';
import { ACCOUNT, alice, decide } from './helpers.js';

const line = (...args: Parameters<typeof decide>) => explainTrustDecision(decide(...args));
const statement = (extra: Record<string, unknown>) => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole', ...extra }],
});

describe('explainTrustDecision', () => {
  it('a policy with no Allow statement', () => {
    const doc = { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Principal: { AWS: '999999999999' }, Action: 'sts:AssumeRole' }] };
    expect(line(doc, {})).toBe('denied sts:AssumeRole: the trust policy has no Allow statement');
  });
  it('an explicit Deny without conditions', () => {
    const doc = { Version: '2012-10-17', Statement: [{ Sid: 'Nobody', Effect: 'Deny', Principal: '*', Action: 'sts:*' }] };
    expect(line(doc, {})).toBe('denied sts:AssumeRole: explicit Deny in Statement[0] (Sid "Nobody"), which has no Condition');
  });
  it('a Principal that names someone else, with every identity of the caller', () => {
    const session = { kind: 'aws' as const, arn: `arn:aws:sts::${ACCOUNT}:assumed-role/ci/run`, account: ACCOUNT };
    expect(line(statement({ Principal: { AWS: ['111122223333', 'arn:aws:iam::111122223333:role/x'] } }), {}, session)).toBe(
      `denied sts:AssumeRole: no Allow statement applies; the closest, Statement[0], names Principal AWS 111122223333, AWS arn:aws:iam::111122223333:role/x but the caller is arn:aws:sts::${ACCOUNT}:assumed-role/ci/run, arn:aws:iam::${ACCOUNT}:role/ci, account ${ACCOUNT}`,
    );
  });
  it('a NotPrincipal that excludes the caller', () => {
    const doc = {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', NotPrincipal: { AWS: [alice.kind === 'aws' ? alice.arn : '', ACCOUNT] }, Action: 'sts:AssumeRole' }],
    };
    expect(line(doc, {})).toBe(
      `denied sts:AssumeRole: no Allow statement applies; the closest, Statement[0], excludes the caller (arn:aws:iam::${ACCOUNT}:user/alice, account ${ACCOUNT}) with NotPrincipal AWS arn:aws:iam::${ACCOUNT}:user/alice, AWS ${ACCOUNT}`,
    );
  });
  it('NotAction that excludes the action', () => {
    const doc = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, NotAction: ['sts:TagSession', 'sts:SetSourceIdentity'] }] };
    expect(line(doc, {}, alice, 'sts:AssumeRole', ['sts:TagSession'])).toBe(
      'denied sts:TagSession: no Allow statement applies; the closest, Statement[0], excludes sts:TagSession with NotAction ["sts:TagSession", "sts:SetSourceIdentity"]',
    );
  });
  it('picks the closest Allow: right principal and action over a wrong one, then the most conditions met', () => {
    const doc = {
      Version: '2012-10-17',
      Statement: [
        { Sid: 'Other', Effect: 'Allow', Principal: { AWS: '111122223333' }, Action: 'sts:AssumeRole' },
        {
          Sid: 'TwoWrong',
          Effect: 'Allow',
          Principal: { AWS: ACCOUNT },
          Action: 'sts:AssumeRole',
          Condition: { StringEquals: { 'sts:ExternalId': 'a', 'sts:RoleSessionName': 'b' } },
        },
        {
          Sid: 'OneWrong',
          Effect: 'Allow',
          Principal: { AWS: ACCOUNT },
          Action: 'sts:AssumeRole',
          Condition: { StringEquals: { 'sts:ExternalId': 'x', 'sts:RoleSessionName': 'b' } },
        },
      ],
    };
    expect(line(doc, { 'sts:ExternalId': 'x', 'sts:RoleSessionName': 'c' })).toBe(
      'denied sts:AssumeRole: no Allow statement applies; the closest, Statement[2] (Sid "OneWrong"), requires StringEquals sts:RoleSessionName "b" and saw "c"',
    );
  });
  it('says why a present value did not count', () => {
    expect(line(statement({ Condition: { StringEquals: { 'aws:TagKeys': 'a' } } }), { 'aws:TagKeys': ['a'] })).toContain(
      'requires StringEquals aws:TagKeys "a" and saw ["a"] (the key is multivalued, so it matches only with ForAnyValue: or ForAllValues:)',
    );
    expect(line(statement({ Condition: { StringEquals: { 'sts:RoleSessionName': '$' + '{aws:username}' } } }), { 'sts:RoleSessionName': 'x' })).toContain(
      '(the policy variable $' + '{aws:username} has no value in this request)',
    );
    expect(line(statement({ Condition: { NumericLessThan: { 'aws:MultiFactorAuthAge': '60' } } }), { 'aws:MultiFactorAuthAge': 'soon' })).toContain(
      '("soon" is not a number)',
    );
  });
  it('quotes values as JSON, so newlines and quotes stay inside one line, and shortens long ones', () => {
    const text = line(statement({ Condition: { StringEquals: { 'idp.example.com:sub': 'ci' } } }), { 'idp.example.com:sub': `a"b\nc${'x'.repeat(300)}` });
    expect(text).not.toContain('\n');
    expect(text).toContain('saw "a\\"b\\nc');
    expect(text).toContain('x…"');
    expect(text.length).toBeLessThan(400);
  });
  it('an allowed call names the statement for each action', () => {
    const doc = {
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole' },
        { Sid: 'Tags', Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:TagSession' },
      ],
    };
    expect(line(doc, {}, alice, 'sts:AssumeRole', ['sts:TagSession'])).toBe(
      'allowed: sts:AssumeRole by Statement[0], sts:TagSession by Statement[1] (Sid "Tags")',
    );
  });
});

describe('trustRefusalMessage', () => {
  const doc = parseTrustPolicy(
    { Version: '2012-10-17', Statement: { Effect: 'Allow', Principal: { AWS: '999999999999' }, Action: 'sts:AssumeRole' } },
    'roles[0].trustPolicy',
  );
  it('AssumeRole: the caller, the action and the role, as AWS says it', () => {
    const request = buildTrustRequest({
      action: 'sts:AssumeRole',
      now: new Date(),
      caller: { arn: `arn:aws:sts::${ACCOUNT}:assumed-role/ci/run`, account: ACCOUNT },
    });
    const decision = evaluateTrust(doc, request);
    if (decision.allowed) throw new Error('allowed');
    expect(trustRefusalMessage(request, decision, `arn:aws:iam::${ACCOUNT}:role/r`)).toBe(
      `User: arn:aws:sts::${ACCOUNT}:assumed-role/ci/run is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::${ACCOUNT}:role/r`,
    );
  });
  it('web identity: no more than AWS says, and never the token', () => {
    // A JWT's three parts; only the decoded claims reach the trust code.
    const token = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJjaSJ9.c2lnbmF0dXJlLXRoYXQtbXVzdC1uZXZlci1sZWFr';
    const claims = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;
    const request = buildTrustRequest({ action: 'sts:AssumeRoleWithWebIdentity', now: new Date(), token: { issuer: 'https://idp.example.com', claims } });
    const decision = evaluateTrust(doc, request);
    if (decision.allowed) throw new Error('allowed');
    const said = [
      trustRefusalMessage(request, decision, 'arn:aws:iam::1:role/r'),
      explainTrustDecision(decision),
      JSON.stringify(decision),
      JSON.stringify(request),
    ].join('\n');
    expect(said).toContain('Not authorized to perform sts:AssumeRoleWithWebIdentity');
    for (const part of token.split('.')) expect(said).not.toContain(part);
    expect(said).toContain('Federated https://idp.example.com');
  });
});
