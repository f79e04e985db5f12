// Principal and NotPrincipal as IAM matches them (AWS JSON policy elements: Principal and
// NotPrincipal pages), Action/NotAction, and explicit Deny winning over Allow.
import { describe, expect, it } from 'vitest';
import type { TrustPrincipal } from '../../../src/mock/trust/index.js';
import { ACCOUNT, alice, decide } from './helpers.js';

const bob: TrustPrincipal = { kind: 'aws', arn: 'arn:aws:iam::444455556666:user/Bob', account: '444455556666' };
const session: TrustPrincipal = {
  kind: 'aws',
  arn: `arn:aws:sts::${ACCOUNT}:assumed-role/ci/run-42`,
  account: ACCOUNT,
  roleArn: `arn:aws:iam::${ACCOUNT}:role/build/ci`,
};
const root: TrustPrincipal = { kind: 'aws', arn: `arn:aws:iam::${ACCOUNT}:root`, account: ACCOUNT };
const github: TrustPrincipal = { kind: 'federated', issuer: 'https://token.actions.githubusercontent.com', account: ACCOUNT };

const allow = (principal: unknown, action: unknown = 'sts:AssumeRole') => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: principal, Action: action }],
});
const allowed = (document: unknown, who: TrustPrincipal, action = 'sts:AssumeRole') => decide(document, {}, who, action).allowed;

describe('Principal', () => {
  // Principal page: "The account ARN and the shortened account ID behave the same way … does not limit permissions to only the root user".
  it('an account id and arn:…:root both name every principal of the account', () => {
    for (const p of [ACCOUNT, `arn:aws:iam::${ACCOUNT}:root`]) {
      expect(allowed(allow({ AWS: p }), alice)).toBe(true);
      expect(allowed(allow({ AWS: p }), session)).toBe(true);
      expect(allowed(allow({ AWS: p }), root)).toBe(true);
      expect(allowed(allow({ AWS: p }), bob)).toBe(false);
    }
  });
  // Principal page: "you grant permissions to each principal. This is a logical OR".
  it('a list names each of its principals', () => {
    expect(allowed(allow({ AWS: [ACCOUNT, '444455556666'] }), bob)).toBe(true);
  });
  it('a user ARN names that user only; the user name part is case-sensitive (Principal page note)', () => {
    expect(allowed(allow({ AWS: `arn:aws:iam::${ACCOUNT}:user/alice` }), alice)).toBe(true);
    expect(allowed(allow({ AWS: `arn:aws:iam::${ACCOUNT}:user/Alice` }), alice)).toBe(false);
    expect(allowed(allow({ AWS: `arn:aws:iam::${ACCOUNT}:user/bob` }), alice)).toBe(false);
  });
  // Principal page, IAM role principals: a role's sessions act as the role ("role session principal").
  it('a role ARN names the sessions of that role (role chaining), path included', () => {
    expect(allowed(allow({ AWS: `arn:aws:iam::${ACCOUNT}:role/build/ci` }), session)).toBe(true);
    expect(allowed(allow({ AWS: `arn:aws:iam::${ACCOUNT}:role/ci` }), session)).toBe(false);
    const pathless: TrustPrincipal = { kind: 'aws', arn: `arn:aws:sts::${ACCOUNT}:assumed-role/ci/run-42`, account: ACCOUNT };
    expect(allowed(allow({ AWS: `arn:aws:iam::${ACCOUNT}:role/ci` }), pathless)).toBe(true);
  });
  it('an assumed-role session ARN names that session only', () => {
    expect(allowed(allow({ AWS: `arn:aws:sts::${ACCOUNT}:assumed-role/ci/run-42` }), session)).toBe(true);
    expect(allowed(allow({ AWS: `arn:aws:sts::${ACCOUNT}:assumed-role/ci/run-43` }), session)).toBe(false);
  });
  // Principal page, All principals: "Principal": "*" and {"AWS": "*"}.
  it('"*" names everyone, {"AWS": "*"} every AWS principal but no web identity', () => {
    expect(allowed(allow('*'), bob)).toBe(true);
    expect(allowed(allow('*', 'sts:AssumeRoleWithWebIdentity'), github, 'sts:AssumeRoleWithWebIdentity')).toBe(true);
    expect(allowed(allow({ AWS: '*' }), bob)).toBe(true);
    expect(allowed(allow({ AWS: '*' }, 'sts:AssumeRoleWithWebIdentity'), github, 'sts:AssumeRoleWithWebIdentity')).toBe(false);
  });
  it('Federated oidc-provider/HOST[/PATH] names tokens of that issuer, in the role’s account', () => {
    const p = (arn: string) => allow({ Federated: arn }, 'sts:AssumeRoleWithWebIdentity');
    const on = (doc: unknown, who: TrustPrincipal) => allowed(doc, who, 'sts:AssumeRoleWithWebIdentity');
    expect(on(p(`arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com`), github)).toBe(true);
    expect(on(p(`arn:aws:iam::999999999999:oidc-provider/token.actions.githubusercontent.com`), github)).toBe(false);
    expect(on(p(`arn:aws:iam::${ACCOUNT}:oidc-provider/gitlab.com`), github)).toBe(false);
    // GitHub Enterprise Server's issuer has a path: https://HOSTNAME/_services/token.
    const ghes: TrustPrincipal = { kind: 'federated', issuer: 'https://ghe.example.com/_services/token' };
    expect(on(p(`arn:aws:iam::${ACCOUNT}:oidc-provider/ghe.example.com/_services/token`), ghes)).toBe(true);
    expect(on(p(`arn:aws:iam::${ACCOUNT}:oidc-provider/ghe.example.com`), ghes)).toBe(false);
    // Principal page, web identity session principals: {"Federated": "accounts.google.com"}.
    expect(on(p('accounts.google.com'), { kind: 'federated', issuer: 'https://accounts.google.com' })).toBe(true);
    // An AWS caller is never a federated one.
    expect(allowed(allow({ Federated: `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com` }), alice)).toBe(false);
  });
  // EKS Pod Identity's trust policy (EKS user guide): {"Service": "pods.eks.amazonaws.com"}, [sts:AssumeRole, sts:TagSession].
  it('Service names that service', () => {
    const doc = allow({ Service: 'pods.eks.amazonaws.com' }, ['sts:AssumeRole', 'sts:TagSession']);
    expect(decide(doc, {}, { kind: 'service', service: 'pods.eks.amazonaws.com' }, 'sts:AssumeRole', ['sts:TagSession']).allowed).toBe(true);
    expect(allowed(doc, { kind: 'service', service: 'ec2.amazonaws.com' })).toBe(false);
    expect(allowed(doc, alice)).toBe(false);
  });
});

describe('NotPrincipal (NotPrincipal page)', () => {
  const everyoneExcept = (...names: string[]) => ({
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole' },
      { Effect: 'Deny', NotPrincipal: { AWS: names }, Action: 'sts:AssumeRole' },
    ],
  });
  // "Example IAM user in the same or a different account": NotPrincipal lists Bob and his account.
  it('Deny + NotPrincipal [user, account] denies everyone but that user', () => {
    const doc = everyoneExcept('arn:aws:iam::444455556666:user/Bob', 'arn:aws:iam::444455556666:root');
    expect(allowed(doc, bob)).toBe(true);
    expect(allowed(doc, alice)).toBe(false);
  });
  // "If the NotPrincipal element contained only Bob's ARN, the effect of the policy might be to explicitly deny access to the AWS account that contains the user Bob."
  it('listing the user without the account denies the user too', () => {
    expect(allowed(everyoneExcept('arn:aws:iam::444455556666:user/Bob'), bob)).toBe(false);
  });
  // "Example IAM role in the same or different account": session, role and account listed together.
  it('Deny + NotPrincipal [session, role, account] spares that session only', () => {
    const s = 'arn:aws:sts::444455556666:assumed-role/cross-account-read-only-role/cross-account-audit-app';
    const r = 'arn:aws:iam::444455556666:role/cross-account-read-only-role';
    const audit: TrustPrincipal = { kind: 'aws', arn: s, account: '444455556666' };
    expect(allowed(everyoneExcept(s, r, 'arn:aws:iam::444455556666:root'), audit)).toBe(true);
    // "If the NotPrincipal element was missing the ARN of the role, the effect of the policy might be to explicitly deny access to the role."
    expect(allowed(everyoneExcept(s, 'arn:aws:iam::444455556666:root'), audit)).toBe(false);
    const other: TrustPrincipal = { kind: 'aws', arn: 'arn:aws:sts::444455556666:assumed-role/cross-account-read-only-role/other', account: '444455556666' };
    expect(allowed(everyoneExcept(s, r, 'arn:aws:iam::444455556666:root'), other)).toBe(false);
  });
  // "NotPrincipal With Allow … allows all principals except the one named".
  it('Allow + NotPrincipal allows everyone else, web identities included', () => {
    const doc = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', NotPrincipal: { AWS: 'arn:aws:iam::444455556666:user/Bob' }, Action: '*' }] };
    expect(allowed(doc, alice)).toBe(true);
    expect(allowed(doc, github, 'sts:AssumeRoleWithWebIdentity')).toBe(true);
    expect(allowed(doc, bob)).toBe(true); // Bob's account is not listed, so the statement still covers him.
    const both = {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', NotPrincipal: { AWS: ['arn:aws:iam::444455556666:user/Bob', '444455556666'] }, Action: '*' }],
    };
    expect(allowed(both, bob)).toBe(false);
  });
});

describe('Action, NotAction and Deny', () => {
  it('action names are case-insensitive and take wildcards', () => {
    expect(allowed(allow({ AWS: '*' }, 'STS:assumerole'), alice)).toBe(true);
    expect(allowed(allow({ AWS: '*' }, 'sts:Assume*'), alice)).toBe(true);
    expect(allowed(allow({ AWS: '*' }, 'sts:AssumeRol?'), alice)).toBe(true);
    expect(allowed(allow({ AWS: '*' }, 'sts:AssumeRole???????????????'), alice)).toBe(false); // 15 characters: WithWebIdentity
    expect(allowed(allow({ AWS: '*' }, '*'), alice)).toBe(true);
    expect(allowed(allow({ AWS: '*' }, 'sts:AssumeRoleWithWebIdentity'), alice)).toBe(false);
  });
  it('NotAction covers every action but the listed ones', () => {
    const doc = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, NotAction: 'sts:TagSession' }] };
    expect(decide(doc, {}, alice, 'sts:AssumeRole').allowed).toBe(true);
    expect(decide(doc, {}, alice, 'sts:AssumeRole', ['sts:TagSession']).allowed).toBe(false);
  });
  // Policy evaluation logic: an explicit deny in any policy overrides any allow.
  it('an explicit Deny wins over an Allow, whatever their order', () => {
    const deny = { Effect: 'Deny', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:user/alice` }, Action: 'sts:AssumeRole' };
    const grant = { Effect: 'Allow', Principal: { AWS: ACCOUNT }, Action: 'sts:AssumeRole' };
    expect(allowed({ Version: '2012-10-17', Statement: [grant, deny] }, alice)).toBe(false);
    expect(allowed({ Version: '2012-10-17', Statement: [deny, grant] }, alice)).toBe(false);
    expect(allowed({ Version: '2012-10-17', Statement: [deny, grant] }, session)).toBe(true);
  });
  it('a Deny on an implied action refuses only the calls that need it', () => {
    const doc = {
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Principal: { AWS: '*' }, Action: ['sts:AssumeRole', 'sts:TagSession'] },
        { Sid: 'NoTags', Effect: 'Deny', Principal: { AWS: '*' }, Action: 'sts:TagSession' },
      ],
    };
    expect(decide(doc, {}, alice, 'sts:AssumeRole').allowed).toBe(true);
    expect(decide(doc, {}, alice, 'sts:AssumeRole', ['sts:TagSession'])).toMatchObject({
      allowed: false,
      action: 'sts:TagSession',
      reason: { kind: 'explicitDeny' },
    });
  });
  it('without any Allow the answer is no (implicit deny)', () => {
    expect(allowed({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Principal: { AWS: '999999999999' }, Action: 'sts:AssumeRole' }] }, alice)).toBe(
      false,
    );
  });
  // Session tags page: "the trust policy of all roles … must have the sts:TagSession permission"; SetSourceIdentity likewise (sts:SourceIdentity key docs).
  it('every implied action must be allowed too, and is the one reported', () => {
    const doc = allow({ AWS: '*' });
    const d = decide(doc, {}, alice, 'sts:AssumeRole', ['sts:TagSession']);
    expect(d).toMatchObject({ allowed: false, action: 'sts:TagSession' });
    const both = decide(allow({ AWS: '*' }, ['sts:AssumeRole', 'sts:TagSession', 'sts:SetSourceIdentity']), {}, alice, 'sts:AssumeRole', [
      'sts:TagSession',
      'sts:SetSourceIdentity',
    ]);
    expect(both).toEqual({
      allowed: true,
      grants: [
        { action: 'sts:AssumeRole', statement: { index: 0 } },
        { action: 'sts:TagSession', statement: { index: 0 } },
        { action: 'sts:SetSourceIdentity', statement: { index: 0 } },
      ],
    });
  });
});
