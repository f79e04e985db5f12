// Roles with a real IAM trust policy in the mock's config (SPEC §9), over HTTP: the policies
// people write (same-account users, cross-account with an external id, MFA required, an explicit
// Deny on a session-name pattern, session tags, source identity, role chaining, EKS and GitLab web
// identity), AWS's refusal words, the reason in the request log, and in the Message with `explain`.
// The policy language itself is tested in test/mock/trust/.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TrustPolicyError, UsageError } from '../../src/errors.js';
import { loadMockConfig, startMockSts, type MockConfig, type MockRequestLog, type MockSts } from '../../src/mock/index.js';
import { totp } from '../../src/mock/totp.js';
import { call, credentialsOf } from './call.js';

const A = '123456789012';
const PARTNER = '111122223333';
const role = (name: string) => `arn:aws:iam::${A}:role/${name}`;
const alice = { accessKeyId: 'AKIAALICE0000000TEST', secretAccessKey: 'alice-secret-key-0123456789abcdefghijklm' };
const bob = { accessKeyId: 'AKIABOB00000000TEST1', secretAccessKey: 'bob-secret-key-0123456789abcdefghijklmno' };
const partner = { accessKeyId: 'AKIAPARTNER00000TEST', secretAccessKey: 'partner-secret-key-0123456789abcdefghij' };
const TOTP_SECRET = 'JBSWY3DPEHPK3PXP';
const MFA_SERIAL = `arn:aws:iam::${A}:mfa/alice`;
const EKS = 'https://oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE';
const EKS_HOST = EKS.slice('https://'.length);

// An IAM policy variable, written as IAM reads it (not a JavaScript template).
const USERNAME_VARIABLE = ['$', '{aws:username}'].join('');

const allow = (principal: unknown, action: unknown = 'sts:AssumeRole', condition?: unknown) => ({
  Effect: 'Allow',
  Principal: principal,
  Action: action,
  ...(condition ? { Condition: condition } : {}),
});
const policy = (...statements: unknown[]) => ({ Version: '2012-10-17', Statement: statements });

const config: MockConfig = {
  account: A,
  users: [
    { ...alice, name: 'alice' },
    { ...bob, name: 'bob' },
    { ...partner, name: 'partner', account: PARTNER },
  ],
  roles: [
    { arn: role('deploy'), trustPolicy: policy(allow({ AWS: `arn:aws:iam::${A}:user/alice` })) },
    { arn: role('partner-access'), trustPolicy: policy(allow({ AWS: PARTNER }, 'sts:AssumeRole', { StringEquals: { 'sts:ExternalId': 'Example-Corp-42' } })) },
    {
      arn: role('admin'),
      // The JSON text form, as IAM's CLI takes it.
      trustPolicy: JSON.stringify(
        policy(
          allow({ AWS: `arn:aws:iam::${A}:root` }, 'sts:AssumeRole', {
            Bool: { 'aws:MultiFactorAuthPresent': 'true' },
            NumericLessThan: { 'aws:MultiFactorAuthAge': '3600' },
          }),
        ),
      ),
      mfa: { serialNumber: MFA_SERIAL, totpSecret: TOTP_SECRET },
    },
    {
      arn: role('ops'),
      trustPolicy: policy(
        allow({ AWS: A }),
        allow({ AWS: A }, 'sts:TagSession', {
          StringEquals: { 'aws:RequestTag/team': 'ops' },
          'ForAllValues:StringEquals': { 'aws:TagKeys': ['team', 'env'] },
        }),
        {
          Sid: 'NoBreakGlass',
          Effect: 'Deny',
          Principal: { AWS: '*' },
          Action: 'sts:AssumeRole',
          Condition: { StringLike: { 'sts:RoleSessionName': 'break-glass-*' } },
        },
      ),
    },
    {
      arn: role('audited'),
      trustPolicy: policy(allow({ AWS: A }, ['sts:AssumeRole', 'sts:SetSourceIdentity'], { StringEquals: { 'sts:SourceIdentity': USERNAME_VARIABLE } })),
    },
    { arn: role('chained'), trustPolicy: policy(allow({ AWS: role('deploy') })) },
    {
      arn: role('irsa'),
      trustPolicy: policy(
        allow({ Federated: `arn:aws:iam::${A}:oidc-provider/${EKS_HOST}` }, 'sts:AssumeRoleWithWebIdentity', {
          StringEquals: { [`${EKS_HOST}:sub`]: 'system:serviceaccount:payments:api', [`${EKS_HOST}:aud`]: 'sts.amazonaws.com' },
        }),
      ),
    },
  ],
};

let mock: MockSts;
let explaining: MockSts;
const log: MockRequestLog[] = [];

beforeAll(async () => {
  mock = await startMockSts({ config, issuer: EKS, onRequest: (e) => log.push(e) });
  explaining = await startMockSts({ config, issuer: EKS, explain: true });
});
afterAll(async () => {
  await Promise.all([mock, explaining].map((m) => m?.close()));
});

const assume = (
  roleArn: string,
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string },
  extra: Record<string, string> = {},
  on = mock,
) => call(on.url, { Action: 'AssumeRole', Version: '2011-06-15', RoleArn: roleArn, RoleSessionName: 'session', ...extra }, { credentials });
const message = (answer: Awaited<ReturnType<typeof call>>) => answer.xml.ErrorResponse?.Error?.Message as string;
const lastReason = () => log.findLast((e) => e.status === 403)?.detail;

describe('AssumeRole against a role’s trust policy', () => {
  it('lets the named user in and refuses another in AWS’s words; the log says why', async () => {
    expect((await assume(role('deploy'), alice)).status).toBe(200);
    const refused = await assume(role('deploy'), bob);
    expect([refused.status, refused.code]).toEqual([403, 'AccessDenied']);
    expect(message(refused)).toBe(`User: arn:aws:iam::${A}:user/bob is not authorized to perform: sts:AssumeRole on resource: ${role('deploy')}`);
    expect(lastReason()).toBe(
      `denied sts:AssumeRole: no Allow statement applies; the closest, Statement[0], names Principal AWS arn:aws:iam::${A}:user/alice but the caller is arn:aws:iam::${A}:user/bob, account ${A}`,
    );
  });

  it('cross-account: the partner account with the external id only', async () => {
    expect((await assume(role('partner-access'), partner, { ExternalId: 'Example-Corp-42' })).status).toBe(200);
    const without = await assume(role('partner-access'), partner);
    expect(message(without)).toBe(
      `User: arn:aws:iam::${PARTNER}:user/partner is not authorized to perform: sts:AssumeRole on resource: ${role('partner-access')}`,
    );
    expect(lastReason()).toContain('requires StringEquals sts:ExternalId "Example-Corp-42" and the request has no such key');
    expect((await assume(role('partner-access'), alice, { ExternalId: 'Example-Corp-42' })).code).toBe('AccessDenied');
  });

  it('MFA required: refused without a code, allowed with the device’s current code, a wrong code refused as AWS does', async () => {
    const none = await assume(role('admin'), alice);
    expect(none.code).toBe('AccessDenied');
    expect(lastReason()).toContain('requires Bool aws:MultiFactorAuthPresent "true" and the request has no such key');
    expect((await assume(role('admin'), alice, { SerialNumber: MFA_SERIAL, TokenCode: totp(TOTP_SECRET, new Date()) })).status).toBe(200);
    const wrong = await assume(role('admin'), alice, { SerialNumber: MFA_SERIAL, TokenCode: totp(TOTP_SECRET, new Date(), 5) });
    // AWS's text ends with a space, which the XML reader trims.
    expect(message(wrong)).toBe('MultiFactorAuthentication failed with invalid MFA one time pass code.');
  });

  it('temporary credentials without MFA have aws:MultiFactorAuthPresent false, and chaining names the first role', async () => {
    const session = credentialsOf(await assume(role('deploy'), alice));
    const chained = await assume(role('admin'), session);
    expect(chained.code).toBe('AccessDenied');
    expect(lastReason()).toContain('requires Bool aws:MultiFactorAuthPresent "true" and saw "false"');
    // Principal AWS: the deploy role's ARN covers its sessions.
    expect((await assume(role('chained'), session)).status).toBe(200);
    expect((await assume(role('chained'), alice)).code).toBe('AccessDenied');
  });

  it('session tags need sts:TagSession with the tag conditions; the explicit Deny on a session name wins', async () => {
    const tags = (team: string, key2 = 'env') => ({
      'Tags.member.1.Key': 'team',
      'Tags.member.1.Value': team,
      'Tags.member.2.Key': key2,
      'Tags.member.2.Value': 'prod',
    });
    expect((await assume(role('ops'), bob)).status).toBe(200);
    expect((await assume(role('ops'), bob, tags('ops'))).status).toBe(200);
    const otherTeam = await assume(role('ops'), bob, tags('dev'));
    expect(message(otherTeam)).toBe(`User: arn:aws:iam::${A}:user/bob is not authorized to perform: sts:TagSession on resource: ${role('ops')}`);
    expect(lastReason()).toContain('requires StringEquals aws:RequestTag/team "ops" and saw "dev"');
    expect((await assume(role('ops'), bob, tags('ops', 'cost-center'))).code).toBe('AccessDenied');
    expect(lastReason()).toContain('requires ForAllValues:StringEquals aws:TagKeys ["team", "env"] and saw ["team", "cost-center"]');
    const breakGlass = await assume(role('ops'), bob, { RoleSessionName: 'break-glass-bob' });
    expect(breakGlass.code).toBe('AccessDenied');
    expect(lastReason()).toBe(
      'denied sts:AssumeRole: explicit Deny in Statement[2] (Sid "NoBreakGlass"), where StringLike sts:RoleSessionName "break-glass-*" held (saw "break-glass-bob")',
    );
  });

  it('source identity: sts:SetSourceIdentity with the caller’s own user name (a policy variable); a role without that action refuses one', async () => {
    expect((await assume(role('audited'), alice, { SourceIdentity: 'alice' })).status).toBe(200);
    expect((await assume(role('audited'), alice, { SourceIdentity: 'bob' })).code).toBe('AccessDenied');
    expect(lastReason()).toContain(`requires StringEquals sts:SourceIdentity "${USERNAME_VARIABLE}" and saw "bob"`);
    const unset = await assume(role('deploy'), alice, { SourceIdentity: 'alice' });
    expect(message(unset)).toBe(`User: arn:aws:iam::${A}:user/alice is not authorized to perform: sts:SetSourceIdentity on resource: ${role('deploy')}`);
  });
});

describe('AssumeRoleWithWebIdentity against a role’s trust policy', () => {
  const web = (token: string, roleArn = role('irsa'), on = mock) =>
    call(
      on.url,
      { Action: 'AssumeRoleWithWebIdentity', Version: '2011-06-15', RoleArn: roleArn, RoleSessionName: 'pod', WebIdentityToken: token },
      { credentials: null },
    );

  it('EKS (IRSA): the mock named as the cluster’s issuer (issuer option) passes the policy EKS documents', async () => {
    expect(mock.issuer).toBe(EKS);
    const ok = await web(await mock.mintWebIdentityToken({ sub: 'system:serviceaccount:payments:api', aud: 'sts.amazonaws.com' }));
    expect(ok.status).toBe(200);
    expect(ok.text).toContain(`<Provider>${EKS_HOST}</Provider>`);
    const token = await mock.mintWebIdentityToken({ sub: 'system:serviceaccount:default:other', aud: 'sts.amazonaws.com' });
    const refused = await web(token);
    expect([refused.status, refused.code, message(refused)]).toEqual([403, 'AccessDenied', 'Not authorized to perform sts:AssumeRoleWithWebIdentity']);
    expect(lastReason()).toContain(`requires StringEquals ${EKS_HOST}:sub "system:serviceaccount:payments:api" and saw "system:serviceaccount:default:other"`);
    // The reason holds claims, never the token.
    expect(JSON.stringify(log)).not.toContain(token.split('.')[2]!.slice(0, 24));
    // A GitHub token of the same mock names another Federated principal.
    const github = await fetch(`${mock.url}/oidc/github`, { headers: { authorization: 'Bearer x' } });
    expect((await web(((await github.json()) as { value: string }).value)).code).toBe('AccessDenied');
    expect(lastReason()).toContain(
      `names Principal Federated arn:aws:iam::${A}:oidc-provider/${EKS_HOST} but the caller is Federated https://token.actions.githubusercontent.com`,
    );
  });

  it('GitLab: id_tokens claims with StringLike on project_path and ref', async () => {
    const gitlab = await startMockSts({
      issuer: 'https://gitlab.example.com',
      config: {
        roles: [
          {
            arn: role('gitlab'),
            trustPolicy: policy(
              allow({ Federated: `arn:aws:iam::${A}:oidc-provider/gitlab.example.com` }, 'sts:AssumeRoleWithWebIdentity', {
                StringEquals: { 'gitlab.example.com:aud': 'https://gitlab.example.com' },
                StringLike: { 'gitlab.example.com:sub': 'project_path:mygroup/*:ref_type:branch:ref:main' },
              }),
            ),
          },
        ],
      },
    });
    try {
      const token = (sub: string) => gitlab.mintWebIdentityToken({ sub, aud: 'https://gitlab.example.com', namespace_path: 'mygroup', ref: 'main' });
      expect((await web(await token('project_path:mygroup/app:ref_type:branch:ref:main'), role('gitlab'), gitlab)).status).toBe(200);
      expect((await web(await token('project_path:mygroup/app:ref_type:branch:ref:feature'), role('gitlab'), gitlab)).code).toBe('AccessDenied');
    } finally {
      await gitlab.close();
    }
  });
});

describe('serve --explain (the explain option)', () => {
  it('adds the reason to the Message after AWS’s words; without it the Message is AWS’s alone', async () => {
    const refused = await assume(role('ops'), bob, { RoleSessionName: 'break-glass-1' }, explaining);
    expect(message(refused)).toBe(
      `User: arn:aws:iam::${A}:user/bob is not authorized to perform: sts:AssumeRole on resource: ${role('ops')} ` +
        '(sts-cli: denied sts:AssumeRole: explicit Deny in Statement[2] (Sid "NoBreakGlass"), where StringLike sts:RoleSessionName "break-glass-*" held (saw "break-glass-1"))',
    );
    expect(message(await assume(role('ops'), bob, { RoleSessionName: 'break-glass-1' }))).not.toContain('sts-cli:');
  });

  it('explains the short trust form too', async () => {
    const short = await startMockSts({ explain: true, config: { roles: [{ arn: role('short'), trust: { users: ['alice'] } }] } });
    try {
      const refused = await assume(role('short'), { accessKeyId: 'test', secretAccessKey: 'test' }, {}, short);
      expect(message(refused)).toBe(
        `User: arn:aws:iam::${A}:user/test is not authorized to perform: sts:AssumeRole on resource: ${role('short')} (sts-cli: arn:aws:iam::${A}:user/test is not in the role's trust.users)`,
      );
    } finally {
      await short.close();
    }
  });
});

describe('the ceph flavor', () => {
  it('evaluates the trust policy with Ceph’s empty account and refuses in Ceph’s S3 shape', async () => {
    const ceph = await startMockSts({
      flavor: 'ceph',
      config: {
        roles: [{ arn: 'arn:aws:iam:::role/S3Access', trustPolicy: policy(allow({ AWS: 'arn:aws:iam:::user/tester' })) }],
        users: [{ ...alice, name: 'tester' }, bob],
      },
    });
    try {
      expect((await assume('arn:aws:iam:::role/S3Access', alice, {}, ceph)).status).toBe(200);
      const refused = await assume('arn:aws:iam:::role/S3Access', bob, {}, ceph);
      expect([refused.status, refused.code]).toEqual([403, 'AccessDenied']);
      expect(refused.text).toMatch(/^<\?xml[^>]*>\s*<Error><Code>AccessDenied<\/Code>|^<Error><Code>AccessDenied<\/Code>/);
    } finally {
      await ceph.close();
    }
  });
});

describe('the minio flavor without RoleArn', () => {
  it('picks the first role whose trust policy allows the caller, and refuses when none does', async () => {
    const minio = await startMockSts({
      flavor: 'minio',
      config: {
        users: [{ ...alice, name: 'alice' }, bob],
        roles: [
          { arn: 'arn:minio:iam:::role/nobody', trustPolicy: policy(allow({ AWS: 'arn:minio:iam:::user/nobody' })) },
          { arn: 'arn:minio:iam:::role/alice', trustPolicy: policy(allow({ AWS: `arn:aws:iam::${A}:user/alice` })) },
        ],
      },
    });
    try {
      const noRole = (credentials: typeof alice) => call(minio.url, { Action: 'AssumeRole', Version: '2011-06-15' }, { credentials });
      expect((await noRole(alice)).status).toBe(200);
      expect((await noRole(bob)).code).toBe('AccessDenied');
    } finally {
      await minio.close();
    }
  });
});

describe('a trust policy that is not valid IAM is refused when the config loads', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'mock-trust-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const load = async (roles: unknown[]) => {
    const file = join(dir, `c${Math.random().toString(36).slice(2)}.json`);
    writeFileSync(file, JSON.stringify({ roles }));
    return {
      file,
      error: await loadMockConfig(file).then(
        () => null,
        (e: unknown) => e as Error,
      ),
    };
  };

  it('names the file, the role and the element, exit 2', async () => {
    const { file, error } = await load([
      { arn: role('ok'), trustPolicy: policy(allow({ AWS: A })) },
      { arn: role('bad'), trustPolicy: policy(allow({ AWS: A }), { Effect: 'Allow', Principal: { AWS: A }, Action: 'sts:AssumeRole', Resource: '*' }) },
    ]);
    expect(error).toBeInstanceOf(TrustPolicyError);
    expect([(error as TrustPolicyError).code, (error as TrustPolicyError).exitCode]).toEqual(['ERR_TRUST_POLICY', 2]);
    expect(error!.message).toBe(
      `Invalid trust policy in ${file} (role ${role('bad')}) at roles[1].trustPolicy.Statement[1].Resource: is not allowed in a trust policy (IAM: "Has prohibited field Resource"); the role is the resource.`,
    );
  });

  it('JSON text that does not parse, a policy without Version’s known values, and both trust forms on one role', async () => {
    expect((await load([{ arn: role('x'), trustPolicy: '{"Version": "2012-10-17", "Statement": [' }])).error!.message).toMatch(
      /\(role arn:aws:iam::123456789012:role\/x\) at roles\[0\]\.trustPolicy: is not valid JSON/,
    );
    expect((await load([{ arn: role('x'), trustPolicy: { Version: '2012-10-18', Statement: [allow({ AWS: A })] } }])).error!.message).toContain(
      'at roles[0].trustPolicy.Version: must be "2012-10-17"',
    );
    const both = (await load([{ arn: role('x'), trust: { users: ['alice'] }, trustPolicy: policy(allow({ AWS: A })) }])).error!;
    expect(both).toBeInstanceOf(UsageError);
    expect(both.message).toContain('roles[0] has both trust and trustPolicy; keep one');
  });
});
