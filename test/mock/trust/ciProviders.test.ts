// Trust policies for CI and workload identity as their providers' documentation writes them
// (GitHub, GitHub Enterprise Server, GitLab, EKS, Cognito, Google, Ceph with Keycloak, the mock's
// own issuer), against requests built as the mock builds them, with the reason and AWS's words.
import { describe, expect, it } from 'vitest';
import { ACCOUNT, NOW, refusedAt, run } from './helpers.js';

const iat = Math.floor(NOW.getTime() / 1000);

describe('GitHub Actions (GitHub docs, "Configuring OpenID Connect in Amazon Web Services")', () => {
  const ISSUER = 'https://token.actions.githubusercontent.com';
  const policy = {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'GitHubMain',
        Effect: 'Allow',
        Principal: { Federated: `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com` },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: {
          StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' },
          StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:octo-org/*:ref:refs/heads/main' },
        },
      },
    ],
  };
  // The claims of SPEC §9, as GitHub's runners issue them.
  const claims = (over: Record<string, unknown> = {}) => ({
    iss: ISSUER,
    sub: 'repo:octo-org/octo-repo:ref:refs/heads/main',
    aud: 'sts.amazonaws.com',
    repository: 'octo-org/octo-repo',
    repository_owner: 'octo-org',
    ref: 'refs/heads/main',
    sha: 'e3b0c44298fc1c149afbf4c8996fb924',
    workflow: 'deploy',
    job_workflow_ref: 'octo-org/octo-repo/.github/workflows/deploy.yml@refs/heads/main',
    actor: 'octocat',
    event_name: 'push',
    run_id: '42',
    iat,
    nbf: iat,
    exp: iat + 300,
    ...over,
  });
  const web = (c: Record<string, unknown>) => ({
    action: 'sts:AssumeRoleWithWebIdentity' as const,
    token: { issuer: ISSUER, claims: c },
    roleArn: `arn:aws:iam::${ACCOUNT}:role/deploy`,
    roleSessionName: 'gh-42',
  });

  it('a push to main in the org may assume the role', () => {
    const { decision, line } = run(policy, web(claims()));
    expect(decision).toEqual({ allowed: true, grants: [{ action: 'sts:AssumeRoleWithWebIdentity', statement: { index: 0, sid: 'GitHubMain' } }] });
    expect(line).toBe('allowed: sts:AssumeRoleWithWebIdentity by Statement[0] (Sid "GitHubMain")');
  });

  it('another branch is refused on :sub, with the value seen', () => {
    const { decision, line, message } = run(policy, web(claims({ sub: 'repo:octo-org/octo-repo:ref:refs/heads/dev' })));
    expect(refusedAt(decision)).toMatchObject({ element: 'Condition', condition: { operator: 'StringLike', key: 'token.actions.githubusercontent.com:sub' } });
    expect(message).toBe('Not authorized to perform sts:AssumeRoleWithWebIdentity');
    expect(line).toBe(
      'denied sts:AssumeRoleWithWebIdentity: no Allow statement applies; the closest, Statement[0] (Sid "GitHubMain"), requires StringLike token.actions.githubusercontent.com:sub "repo:octo-org/*:ref:refs/heads/main" and saw "repo:octo-org/octo-repo:ref:refs/heads/dev"',
    );
  });

  // github/docs issue #28292: "specifying a branch in the subject claim only works if the branch does not refer to an environment".
  it('a job in an environment has an environment subject, which the branch pattern does not match', () => {
    const { decision } = run(policy, web(claims({ sub: 'repo:octo-org/octo-repo:environment:production', environment: 'production' })));
    expect(decision.allowed).toBe(false);
  });

  it('another org, and another audience, are refused', () => {
    expect(run(policy, web(claims({ sub: 'repo:evil-org/octo-repo:ref:refs/heads/main' }))).decision.allowed).toBe(false);
    const wrongAud = run(policy, web(claims({ aud: 'https://github.com/octo-org' })));
    expect(refusedAt(wrongAud.decision)).toMatchObject({ condition: { key: 'token.actions.githubusercontent.com:aud', seen: 'https://github.com/octo-org' } });
  });

  it('a token from another issuer is refused on the Principal', () => {
    const { decision, line } = run(policy, { ...web(claims()), token: { issuer: 'https://gitlab.com', claims: claims() } });
    expect(refusedAt(decision)).toMatchObject({ element: 'Principal' });
    expect(line).toContain(
      `names Principal Federated arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com but the caller is Federated https://gitlab.com`,
    );
  });

  it('a provider registered in another account does not match (the role’s account holds its provider)', () => {
    expect(run(policy, { ...web(claims()), roleArn: 'arn:aws:iam::999999999999:role/deploy' }).decision.allowed).toBe(false);
  });

  it('the token’s other claims are keys too (:job_workflow_ref, :actor)', () => {
    const reusable = {
      ...policy,
      Statement: [
        {
          ...policy.Statement[0],
          Condition: {
            StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com', 'token.actions.githubusercontent.com:actor': 'octocat' },
            StringLike: { 'token.actions.githubusercontent.com:job_workflow_ref': 'octo-org/octo-repo/.github/workflows/deploy.yml@*' },
          },
        },
      ],
    };
    expect(run(reusable, web(claims())).decision.allowed).toBe(true);
    expect(run(reusable, web(claims({ actor: 'mallory' }))).decision.allowed).toBe(false);
  });

  // GitHub Enterprise Server (GitHub docs): provider URL https://HOSTNAME/_services/token, so keys are HOSTNAME/_services/token:sub.
  it('GitHub Enterprise Server’s issuer has a path, and so do its keys', () => {
    const ghes = {
      Version: '2012-10-17',
      Statement: {
        Effect: 'Allow',
        Principal: { Federated: `arn:aws:iam::${ACCOUNT}:oidc-provider/ghe.example.com/_services/token` },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: { StringLike: { 'ghe.example.com/_services/token:sub': 'repo:octo-org/*' } },
      },
    };
    const input = { ...web(claims()), token: { issuer: 'https://ghe.example.com/_services/token', claims: claims() } };
    expect(run(ghes, input).decision.allowed).toBe(true);
  });

  // github/docs PR 17463 replaced "ForAllValues:StringEquals" with "StringEquals" in this example: with ForAllValues the
  // single value still has to match, but a token without the claim passes (IAM: set operators on single-valued keys are "overly permissive").
  it('the docs’ older ForAllValues:StringEquals form: matches the right sub, and passes a token lacking it', () => {
    const old = {
      Version: '2012-10-17',
      Statement: {
        Effect: 'Allow',
        Principal: { Federated: `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com` },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: {
          'ForAllValues:StringEquals': {
            'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com',
            'token.actions.githubusercontent.com:sub': 'repo:octo-org/octo-repo:ref:refs/heads/octo-branch',
          },
        },
      },
    };
    expect(run(old, web(claims({ sub: 'repo:octo-org/octo-repo:ref:refs/heads/octo-branch' }))).decision.allowed).toBe(true);
    expect(run(old, web(claims())).decision.allowed).toBe(false);
    const { sub: _sub, ...noSub } = claims();
    expect(run(old, web(noSub)).decision.allowed).toBe(true);
  });
});

describe('GitLab CI (GitLab docs, "Configure OpenID Connect in AWS")', () => {
  const policy = {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Federated: `arn:aws:iam::${ACCOUNT}:oidc-provider/gitlab.com` },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: {
          StringEquals: { 'gitlab.com:aud': 'https://gitlab.com', 'gitlab.com:ref_protected': 'true' },
          StringLike: { 'gitlab.com:sub': 'project_path:mygroup/myproject:ref_type:branch:ref:main' },
        },
      },
    ],
  };
  const claims = (over: Record<string, unknown> = {}) => ({
    iss: 'https://gitlab.com',
    aud: 'https://gitlab.com',
    sub: 'project_path:mygroup/myproject:ref_type:branch:ref:main',
    namespace_path: 'mygroup',
    project_path: 'mygroup/myproject',
    ref: 'main',
    ref_type: 'branch',
    ref_protected: 'true',
    ...over,
  });
  const input = (c: Record<string, unknown>) => ({
    action: 'sts:AssumeRoleWithWebIdentity' as const,
    token: { issuer: 'https://gitlab.com', claims: c },
    roleArn: `arn:aws:iam::${ACCOUNT}:role/gitlab`,
  });
  it('the protected main branch may; a merge request branch may not', () => {
    expect(run(policy, input(claims())).decision.allowed).toBe(true);
    expect(run(policy, input(claims({ sub: 'project_path:mygroup/myproject:ref_type:branch:ref:feature', ref: 'feature' }))).decision.allowed).toBe(false);
    expect(refusedAt(run(policy, input(claims({ ref_protected: 'false' }))).decision)).toMatchObject({
      condition: { key: 'gitlab.com:ref_protected', seen: 'false' },
    });
  });
});

describe('EKS IAM roles for service accounts (EKS user guide)', () => {
  const OIDC = 'oidc.eks.us-west-2.amazonaws.com/id/EXAMPLED539D4633E53DE1B716D3041E';
  const policy = {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Federated: `arn:aws:iam::${ACCOUNT}:oidc-provider/${OIDC}` },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: { StringEquals: { [`${OIDC}:sub`]: 'system:serviceaccount:default:my-service-account', [`${OIDC}:aud`]: 'sts.amazonaws.com' } },
      },
    ],
  };
  // A projected service-account token: aud is a list, here of one.
  const claims = (over: Record<string, unknown> = {}) => ({
    iss: `https://${OIDC}`,
    aud: ['sts.amazonaws.com'],
    sub: 'system:serviceaccount:default:my-service-account',
    'kubernetes.io': { namespace: 'default', serviceaccount: { name: 'my-service-account' } },
    ...over,
  });
  const input = (c: Record<string, unknown>) => ({
    action: 'sts:AssumeRoleWithWebIdentity' as const,
    token: { issuer: `https://${OIDC}`, claims: c },
    roleArn: `arn:aws:iam::${ACCOUNT}:role/my-role`,
  });
  it('the service account may; another one in the namespace may not', () => {
    expect(run(policy, input(claims())).decision.allowed).toBe(true);
    expect(run(policy, input(claims({ sub: 'system:serviceaccount:default:other' }))).decision.allowed).toBe(false);
  });
  it('a token for two audiences is multivalued: StringEquals on :aud no longer matches, ForAnyValue does', () => {
    const two = claims({ aud: ['sts.amazonaws.com', 'vault'] });
    const { decision } = run(policy, input(two));
    expect(refusedAt(decision)).toMatchObject({ condition: { key: `${OIDC}:aud`, note: expect.stringContaining('multivalued') } });
    const forAny = JSON.parse(JSON.stringify(policy).replace('"StringEquals"', '"ForAnyValue:StringEquals"'));
    expect(run(forAny, input(two)).decision.allowed).toBe(true);
  });
});

describe('other providers', () => {
  // IAM and AWS STS condition keys, amr: the Cognito trust policy with ForAnyValue:StringLike on the multivalued amr.
  it('Cognito: aud and the multivalued amr', () => {
    const policy = {
      Version: '2012-10-17',
      Statement: {
        Effect: 'Allow',
        Principal: { Federated: 'cognito-identity.amazonaws.com' },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: {
          StringEquals: { 'cognito-identity.amazonaws.com:aud': 'us-east-2:identity-pool-id' },
          'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': 'unauthenticated' },
        },
      },
    };
    const input = (amr: unknown) => ({
      action: 'sts:AssumeRoleWithWebIdentity' as const,
      token: { issuer: 'https://cognito-identity.amazonaws.com', claims: { aud: 'us-east-2:identity-pool-id', sub: 'us-east-2:abc', amr } },
    });
    expect(run(policy, input(['unauthenticated'])).decision.allowed).toBe(true);
    expect(run(policy, input(['authenticated', 'accounts.google.com'])).decision.allowed).toBe(false);
  });
  // Same page, aud: with azp set, accounts.google.com:aud is azp and accounts.google.com:oaud the token's aud ("azp Field Set" example).
  it('Google: with azp set, :aud is azp and :oaud the token’s aud', () => {
    const policy = {
      Version: '2012-10-17',
      Statement: {
        Effect: 'Allow',
        Principal: { Federated: 'accounts.google.com' },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: {
          StringEquals: { 'accounts.google.com:aud': 'azp-value', 'accounts.google.com:oaud': 'aud-value', 'accounts.google.com:sub': 'sub-value' },
        },
      },
    };
    const input = (claims: Record<string, unknown>) => ({
      action: 'sts:AssumeRoleWithWebIdentity' as const,
      token: { issuer: 'https://accounts.google.com', claims },
    });
    expect(run(policy, input({ azp: 'azp-value', aud: 'aud-value', sub: 'sub-value' })).decision.allowed).toBe(true);
    expect(run(policy, input({ aud: 'aud-value', sub: 'sub-value' })).decision.allowed).toBe(false);
  });
  // Ceph's docs: a Keycloak realm as provider, tenant-less ARNs (arn:aws:iam:::oidc-provider/localhost:8080/auth/realms/demo).
  it('Ceph with Keycloak: an http issuer with a port, empty accounts', () => {
    const policy = {
      Version: '2012-10-17',
      Statement: {
        Effect: 'Allow',
        Principal: { Federated: ['arn:aws:iam:::oidc-provider/localhost:8080/auth/realms/demo'] },
        Action: ['sts:AssumeRoleWithWebIdentity'],
        Condition: { StringEquals: { 'localhost:8080/auth/realms/demo:sub': 'test' } },
      },
    };
    const input = {
      action: 'sts:AssumeRoleWithWebIdentity' as const,
      token: { issuer: 'http://localhost:8080/auth/realms/demo', claims: { sub: 'test' } },
      roleArn: 'arn:aws:iam:::role/demo',
    };
    expect(run(policy, input).decision.allowed).toBe(true);
    expect(run(policy, { ...input, roleArn: `arn:aws:iam::${ACCOUNT}:role/demo` }).decision.allowed).toBe(false);
  });
  it('the mock’s own issuer: keys prefixed with host and port', () => {
    const policy = {
      Version: '2012-10-17',
      Statement: {
        Effect: 'Allow',
        Principal: { Federated: `arn:aws:iam::${ACCOUNT}:oidc-provider/127.0.0.1:8900` },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: { StringEquals: { '127.0.0.1:8900:aud': 'sts-cli', '127.0.0.1:8900:sub': 'ci' } },
      },
    };
    const input = { action: 'sts:AssumeRoleWithWebIdentity' as const, token: { issuer: 'http://127.0.0.1:8900', claims: { sub: 'ci', aud: 'sts-cli' } } };
    expect(run(policy, input).decision.allowed).toBe(true);
  });
});
