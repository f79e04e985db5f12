// buildTrustRequest: the context keys AWS puts in an assume-role request, and only those it puts
// (an absent key is not an empty one: Null, IfExists and negated operators tell them apart).
import { describe, expect, it } from 'vitest';
import { buildTrustRequest } from '../../../src/mock/trust/index.js';

const NOW = new Date('2025-06-01T12:00:00.789Z');
const A = '123456789012';

describe('buildTrustRequest for AssumeRole', () => {
  it('a user: the clock, its ARN, account, type and user name; nothing implied', () => {
    const r = buildTrustRequest({ action: 'sts:AssumeRole', now: NOW, caller: { arn: `arn:aws:iam::${A}:user/division/alice`, account: A } });
    expect(r).toEqual({
      action: 'sts:AssumeRole',
      impliedActions: [],
      principal: { kind: 'aws', arn: `arn:aws:iam::${A}:user/division/alice`, account: A },
      context: {
        'aws:CurrentTime': '2025-06-01T12:00:00Z',
        'aws:EpochTime': '1748779200',
        'aws:PrincipalArn': `arn:aws:iam::${A}:user/division/alice`,
        'aws:PrincipalAccount': A,
        'aws:PrincipalType': 'User',
        'aws:username': 'alice',
      },
    });
  });

  // Global condition keys, aws:PrincipalArn: for a role session "the request context returns the ARN of the role, not the ARN of the user that assumed the role".
  it('a role session: aws:PrincipalArn is the role’s ARN (given with its path, or derived)', () => {
    const session = `arn:aws:sts::${A}:assumed-role/ci/run-1`;
    const given = buildTrustRequest({ action: 'sts:AssumeRole', now: NOW, caller: { arn: session, account: A, roleArn: `arn:aws:iam::${A}:role/build/ci` } });
    expect(given.context['aws:PrincipalArn']).toBe(`arn:aws:iam::${A}:role/build/ci`);
    expect(given.context['aws:PrincipalType']).toBe('AssumedRole');
    expect(given.context['aws:username']).toBeUndefined();
    expect(given.principal).toEqual({ kind: 'aws', arn: session, account: A, roleArn: `arn:aws:iam::${A}:role/build/ci` });
    const derived = buildTrustRequest({ action: 'sts:AssumeRole', now: NOW, caller: { arn: session, account: A } });
    expect(derived.context['aws:PrincipalArn']).toBe(`arn:aws:iam::${A}:role/ci`);
  });

  it('the root user is of type Account', () => {
    expect(buildTrustRequest({ action: 'sts:AssumeRole', now: NOW, caller: { arn: `arn:aws:iam::${A}:root`, account: A } }).context['aws:PrincipalType']).toBe(
      'Account',
    );
  });

  it('parameters become sts: keys; tags aws:RequestTag/* and the multivalued aws:TagKeys; both imply their actions', () => {
    const r = buildTrustRequest({
      action: 'sts:AssumeRole',
      now: NOW,
      caller: { arn: `arn:aws:iam::${A}:user/ci`, account: A },
      roleSessionName: 'ci-1',
      externalId: 'x-1',
      sourceIdentity: 'diego',
      tags: [
        { key: 'team', value: 'platform' },
        { key: 'Cost', value: '' },
      ],
      transitiveTagKeys: ['team'],
      sourceIp: '203.0.113.7',
    });
    expect(r.impliedActions).toEqual(['sts:TagSession', 'sts:SetSourceIdentity']);
    expect(r.context).toMatchObject({
      'sts:RoleSessionName': 'ci-1',
      'sts:ExternalId': 'x-1',
      'sts:SourceIdentity': 'diego',
      'aws:RequestTag/team': 'platform',
      'aws:RequestTag/Cost': '',
      'aws:TagKeys': ['team', 'Cost'],
      'sts:TransitiveTagKeys': ['team'],
      'aws:SourceIp': '203.0.113.7',
    });
  });

  it('MFA: absent for long-term keys, false for temporary credentials without it, true with its age', () => {
    const caller = { arn: `arn:aws:iam::${A}:user/ci`, account: A };
    const none = buildTrustRequest({ action: 'sts:AssumeRole', now: NOW, caller }).context;
    expect(none['aws:MultiFactorAuthPresent']).toBeUndefined();
    expect(none['aws:MultiFactorAuthAge']).toBeUndefined();
    const temp = buildTrustRequest({ action: 'sts:AssumeRole', now: NOW, caller, mfa: { present: false } }).context;
    expect([temp['aws:MultiFactorAuthPresent'], temp['aws:MultiFactorAuthAge']]).toEqual(['false', undefined]);
    const mfa = buildTrustRequest({
      action: 'sts:AssumeRole',
      now: NOW,
      caller,
      mfa: { present: true, authenticatedAt: new Date(NOW.getTime() - 90_500) },
    }).context;
    expect([mfa['aws:MultiFactorAuthPresent'], mfa['aws:MultiFactorAuthAge']]).toEqual(['true', '90']);
  });

  it('needs the caller', () => {
    expect(() => buildTrustRequest({ action: 'sts:AssumeRole', now: NOW })).toThrow(TypeError);
  });
});

describe('buildTrustRequest for AssumeRoleWithWebIdentity', () => {
  const issuer = 'https://token.actions.githubusercontent.com';
  const P = 'token.actions.githubusercontent.com';

  it('claims become ISSUER:CLAIM keys; the principal is the issuer, in the role’s account', () => {
    const r = buildTrustRequest({
      action: 'sts:AssumeRoleWithWebIdentity',
      now: NOW,
      roleArn: `arn:aws:iam::${A}:role/path/deploy`,
      roleSessionName: 'gh',
      token: {
        issuer,
        claims: {
          sub: 'repo:o/r:ref:refs/heads/main',
          aud: ['sts.amazonaws.com'],
          amr: ['mfa'],
          run_id: 42,
          ref_protected: true,
          nested: { a: 1 },
          none: null,
          groups: ['a', 'b'],
        },
      },
    });
    expect(r.principal).toEqual({ kind: 'federated', issuer, account: A });
    expect(r.impliedActions).toEqual([]);
    expect(r.context).toEqual({
      'aws:CurrentTime': '2025-06-01T12:00:00Z',
      'aws:EpochTime': '1748779200',
      'sts:RoleSessionName': 'gh',
      [`${P}:sub`]: 'repo:o/r:ref:refs/heads/main',
      [`${P}:aud`]: 'sts.amazonaws.com',
      [`${P}:amr`]: ['mfa'],
      [`${P}:run_id`]: '42',
      [`${P}:ref_protected`]: 'true',
      [`${P}:groups`]: ['a', 'b'],
    });
  });

  it('no role ARN (MinIO): no account to check the provider against', () => {
    expect(buildTrustRequest({ action: 'sts:AssumeRoleWithWebIdentity', now: NOW, token: { issuer, claims: {} } }).principal).toEqual({
      kind: 'federated',
      issuer,
    });
  });

  it('the token’s session tags and source identity (AWS’s object form and Ceph’s list form)', () => {
    const aws = buildTrustRequest({
      action: 'sts:AssumeRoleWithWebIdentity',
      now: NOW,
      token: {
        issuer,
        claims: {
          'https://aws.amazon.com/tags': { principal_tags: { Project: ['Automation'], CostCenter: '12' }, transitive_tag_keys: ['Project'] },
          'https://aws.amazon.com/source_identity': 'diego',
        },
      },
    });
    expect(aws.impliedActions).toEqual(['sts:TagSession', 'sts:SetSourceIdentity']);
    expect(aws.context).toMatchObject({
      'aws:RequestTag/Project': 'Automation',
      'aws:RequestTag/CostCenter': '12',
      'aws:TagKeys': ['Project', 'CostCenter'],
      'sts:TransitiveTagKeys': ['Project'],
      'sts:SourceIdentity': 'diego',
      [`${P}:https://aws.amazon.com/source_identity`]: 'diego',
    });
    const ceph = buildTrustRequest({
      action: 'sts:AssumeRoleWithWebIdentity',
      now: NOW,
      token: {
        issuer: 'http://localhost:8080/auth/realms/quickstart',
        claims: { 'https://aws.amazon.com/tags': [{ principal_tags: { Department: ['Engineering', 'Marketing'] } }] },
      },
    });
    expect(ceph.context['aws:RequestTag/Department']).toBe('Engineering');
    expect(ceph.impliedActions).toEqual(['sts:TagSession']);
  });

  it('needs the token’s issuer and claims', () => {
    expect(() => buildTrustRequest({ action: 'sts:AssumeRoleWithWebIdentity', now: NOW })).toThrow(TypeError);
  });
});
