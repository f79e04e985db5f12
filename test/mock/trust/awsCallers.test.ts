// Trust policies for signed AWS callers as the IAM User Guide writes them: cross-account with an
// external id, MFA required, an explicit Deny on a session name, session tags, source identity;
// with the reason and AWS's refusal words.
import { describe, expect, it } from 'vitest';
import { ACCOUNT, NOW, refusedAt, run } from './helpers.js';

describe('cross-account access with an external id (IAM user guide, "How to use an external ID")', () => {
  const policy = {
    Version: '2012-10-17',
    Statement: {
      Effect: 'Allow',
      Principal: { AWS: '111122223333' },
      Action: 'sts:AssumeRole',
      Condition: { StringEquals: { 'sts:ExternalId': 'Example-Corp-42' } },
    },
  };
  const partner = { arn: 'arn:aws:iam::111122223333:user/partner', account: '111122223333' };
  const role = `arn:aws:iam::${ACCOUNT}:role/partner-access`;
  it('the partner with the external id may, without it or with another may not', () => {
    expect(run(policy, { action: 'sts:AssumeRole', caller: partner, roleArn: role, externalId: 'Example-Corp-42' }).decision.allowed).toBe(true);
    const missing = run(policy, { action: 'sts:AssumeRole', caller: partner, roleArn: role });
    expect(missing.message).toBe(`User: arn:aws:iam::111122223333:user/partner is not authorized to perform: sts:AssumeRole on resource: ${role}`);
    expect(missing.line).toContain('requires StringEquals sts:ExternalId "Example-Corp-42" and the request has no such key');
    expect(run(policy, { action: 'sts:AssumeRole', caller: partner, roleArn: role, externalId: 'guess' }).decision.allowed).toBe(false);
  });
  it('a caller of a third account is refused on the Principal', () => {
    const other = run(policy, {
      action: 'sts:AssumeRole',
      caller: { arn: 'arn:aws:iam::999999999999:user/x', account: '999999999999' },
      roleArn: role,
      externalId: 'Example-Corp-42',
    });
    expect(refusedAt(other.decision)).toMatchObject({ element: 'Principal', seen: ['arn:aws:iam::999999999999:user/x', 'account 999999999999'] });
  });
});

describe('MFA required (IAM user guide, "Configuring MFA-protected API access")', () => {
  const policy = {
    Version: '2012-10-17',
    Statement: {
      Effect: 'Allow',
      Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
      Action: 'sts:AssumeRole',
      Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' }, NumericLessThan: { 'aws:MultiFactorAuthAge': '3600' } },
    },
  };
  const caller = { arn: `arn:aws:iam::${ACCOUNT}:user/alice`, account: ACCOUNT };
  const base = { action: 'sts:AssumeRole' as const, caller, roleArn: `arn:aws:iam::${ACCOUNT}:role/admin` };
  it('a code checked just now passes; long-term keys without MFA do not (the key is absent)', () => {
    expect(run(policy, { ...base, mfa: { present: true, authenticatedAt: NOW } }).decision.allowed).toBe(true);
    const none = run(policy, base);
    expect(refusedAt(none.decision)).toMatchObject({ condition: { key: 'aws:MultiFactorAuthPresent', seen: null } });
  });
  it('MFA two hours old fails the age, and temporary credentials without MFA fail the flag', () => {
    const old = run(policy, { ...base, mfa: { present: true, authenticatedAt: new Date(NOW.getTime() - 7200_000) } });
    expect(refusedAt(old.decision)).toMatchObject({ condition: { operator: 'NumericLessThan', key: 'aws:MultiFactorAuthAge', seen: '7200' } });
    expect(run(policy, { ...base, mfa: { present: false } }).decision.allowed).toBe(false);
  });
  // The Deny form the IAM docs recommend: BoolIfExists false, so long-term keys (no key at all) are denied too.
  it('Deny with BoolIfExists aws:MultiFactorAuthPresent false catches the absent key', () => {
    const deny = {
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Principal: { AWS: ACCOUNT }, Action: 'sts:AssumeRole' },
        {
          Sid: 'NoMfaNoRole',
          Effect: 'Deny',
          Principal: { AWS: '*' },
          Action: 'sts:AssumeRole',
          Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } },
        },
      ],
    };
    const { decision, line } = run(deny, base);
    expect(decision).toMatchObject({ allowed: false, reason: { kind: 'explicitDeny', statement: { index: 1, sid: 'NoMfaNoRole' } } });
    expect(line).toBe(
      'denied sts:AssumeRole: explicit Deny in Statement[1] (Sid "NoMfaNoRole"), where BoolIfExists aws:MultiFactorAuthPresent "false" held (the request has no such key)',
    );
    expect(run(deny, { ...base, mfa: { present: true, authenticatedAt: NOW } }).decision.allowed).toBe(true);
  });
});

describe('an explicit Deny on a session-name pattern', () => {
  const policy = {
    Version: '2012-10-17',
    Statement: [
      { Sid: 'Team', Effect: 'Allow', Principal: { AWS: ACCOUNT }, Action: 'sts:AssumeRole' },
      {
        Sid: 'NoBreakGlass',
        Effect: 'Deny',
        Principal: { AWS: '*' },
        Action: 'sts:AssumeRole',
        Condition: { StringLike: { 'sts:RoleSessionName': 'breakglass-*' } },
      },
    ],
  };
  const base = {
    action: 'sts:AssumeRole' as const,
    caller: { arn: `arn:aws:iam::${ACCOUNT}:user/bob`, account: ACCOUNT },
    roleArn: `arn:aws:iam::${ACCOUNT}:role/ops`,
  };
  it('wins over the Allow, and says which statement and condition', () => {
    expect(run(policy, { ...base, roleSessionName: 'bob-laptop' }).decision.allowed).toBe(true);
    const { decision, line, message } = run(policy, { ...base, roleSessionName: 'breakglass-bob' });
    expect(decision).toEqual({
      allowed: false,
      action: 'sts:AssumeRole',
      reason: {
        kind: 'explicitDeny',
        statement: { index: 1, sid: 'NoBreakGlass' },
        conditions: [{ operator: 'StringLike', key: 'sts:RoleSessionName', expected: ['breakglass-*'], seen: 'breakglass-bob', matched: true }],
      },
    });
    expect(line).toBe(
      'denied sts:AssumeRole: explicit Deny in Statement[1] (Sid "NoBreakGlass"), where StringLike sts:RoleSessionName "breakglass-*" held (saw "breakglass-bob")',
    );
    expect(message).toBe(`User: arn:aws:iam::${ACCOUNT}:user/bob is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::${ACCOUNT}:role/ops`);
  });
});

describe('session tags (IAM user guide, "Pass session tags in AWS STS")', () => {
  const policy = {
    Version: '2012-10-17',
    Statement: {
      Effect: 'Allow',
      Principal: { AWS: ACCOUNT },
      Action: ['sts:AssumeRole', 'sts:TagSession'],
      Condition: { StringEquals: { 'aws:RequestTag/team': ['platform', 'data'] }, 'ForAllValues:StringEquals': { 'aws:TagKeys': ['team', 'cost-center'] } },
    },
  };
  const base = {
    action: 'sts:AssumeRole' as const,
    caller: { arn: `arn:aws:iam::${ACCOUNT}:user/ci`, account: ACCOUNT },
    roleArn: `arn:aws:iam::${ACCOUNT}:role/tagged`,
  };
  it('allowed tags pass, for sts:AssumeRole and the sts:TagSession they imply', () => {
    const { decision } = run(policy, {
      ...base,
      tags: [
        { key: 'team', value: 'platform' },
        { key: 'cost-center', value: '42' },
      ],
    });
    expect(decision).toMatchObject({ allowed: true, grants: [{ action: 'sts:AssumeRole' }, { action: 'sts:TagSession' }] });
  });
  it('a tag key outside the list fails ForAllValues on aws:TagKeys; another team fails aws:RequestTag/team', () => {
    const extra = run(policy, {
      ...base,
      tags: [
        { key: 'team', value: 'platform' },
        { key: 'owner', value: 'me' },
      ],
    });
    expect(refusedAt(extra.decision)).toMatchObject({ condition: { operator: 'ForAllValues:StringEquals', key: 'aws:TagKeys', seen: ['team', 'owner'] } });
    expect(extra.line).toContain('requires ForAllValues:StringEquals aws:TagKeys ["team", "cost-center"] and saw ["team", "owner"]');
    const sales = run(policy, { ...base, tags: [{ key: 'team', value: 'sales' }] });
    expect(refusedAt(sales.decision)).toMatchObject({ condition: { key: 'aws:RequestTag/team', seen: 'sales' } });
  });
  it('with no tags at all, aws:RequestTag/team is absent and StringEquals on it fails', () => {
    expect(refusedAt(run(policy, base).decision)).toMatchObject({ condition: { key: 'aws:RequestTag/team', seen: null } });
  });
  // aws-actions/configure-aws-credentials issue #54: "User: … is not authorized to perform: sts:TagSession on resource: …".
  it('tags sent to a role whose policy lacks sts:TagSession: refused on that action, in AWS’s words', () => {
    const noTag = { Version: '2012-10-17', Statement: { Effect: 'Allow', Principal: { AWS: ACCOUNT }, Action: 'sts:AssumeRole' } };
    const { decision, message, line } = run(noTag, { ...base, tags: [{ key: 'team', value: 'platform' }] });
    expect(decision).toMatchObject({ allowed: false, action: 'sts:TagSession' });
    expect(message).toBe(`User: arn:aws:iam::${ACCOUNT}:user/ci is not authorized to perform: sts:TagSession on resource: arn:aws:iam::${ACCOUNT}:role/tagged`);
    expect(line).toBe('denied sts:TagSession: no Allow statement applies; the closest, Statement[0], allows Action "sts:AssumeRole" but not sts:TagSession');
  });
  it('web identity tags come from the token’s https://aws.amazon.com/tags claim', () => {
    const web = {
      Version: '2012-10-17',
      Statement: {
        Effect: 'Allow',
        Principal: { Federated: `arn:aws:iam::${ACCOUNT}:oidc-provider/idp.example.com` },
        Action: ['sts:AssumeRoleWithWebIdentity', 'sts:TagSession'],
        Condition: { StringEquals: { 'aws:RequestTag/Project': 'Automation' } },
      },
    };
    const claims = { sub: 'svc', aud: 'sts', 'https://aws.amazon.com/tags': { principal_tags: { Project: ['Automation'] }, transitive_tag_keys: ['Project'] } };
    const input = {
      action: 'sts:AssumeRoleWithWebIdentity' as const,
      token: { issuer: 'https://idp.example.com', claims },
      roleArn: `arn:aws:iam::${ACCOUNT}:role/web`,
    };
    expect(run(web, input).decision).toMatchObject({ allowed: true, grants: [{ action: 'sts:AssumeRoleWithWebIdentity' }, { action: 'sts:TagSession' }] });
    const withoutTagSession = { ...web, Statement: { ...web.Statement, Action: 'sts:AssumeRoleWithWebIdentity' } };
    const refused = run(withoutTagSession, input);
    expect(refused.decision).toMatchObject({ allowed: false, action: 'sts:TagSession' });
    expect(refused.message).toBe('Not authorized to perform sts:AssumeRoleWithWebIdentity');
  });
});

describe('source identity (IAM user guide, sts:SourceIdentity: the AllowAdminUserAssumeRole example)', () => {
  const policy = {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'AllowAdminUserAssumeRole',
        Effect: 'Allow',
        Principal: { AWS: 'arn:aws:iam::111122223333:user/AdminUser' },
        Action: ['sts:AssumeRole', 'sts:SetSourceIdentity'],
        Condition: { StringEquals: { 'sts:SourceIdentity': 'DiegoRamirez' } },
      },
    ],
  };
  const base = {
    action: 'sts:AssumeRole' as const,
    caller: { arn: 'arn:aws:iam::111122223333:user/AdminUser', account: '111122223333' },
    roleArn: 'arn:aws:iam::111122223333:role/r',
  };
  it('AdminUser setting DiegoRamirez may; another source identity may not', () => {
    expect(run(policy, { ...base, sourceIdentity: 'DiegoRamirez' }).decision).toMatchObject({
      allowed: true,
      grants: [{}, { action: 'sts:SetSourceIdentity' }],
    });
    expect(run(policy, { ...base, sourceIdentity: 'Someone' }).decision.allowed).toBe(false);
  });
});
