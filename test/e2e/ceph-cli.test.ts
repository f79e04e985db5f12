// The BUILT binary against a REAL Ceph radosgw 16.2 (one cluster for this file): the profile it
// writes works for AWS CLI v2's S3 calls on the same gateway, and Ceph's refusals reach the user
// with Ceph's own code on stderr and exit 1 (SPEC §1–§4).
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempHome } from '../helpers/cli.js';
import { AWS_CLI_V2, awsCliV2, radosgw, skipWithout } from '../helpers/peers.js';
import { startCeph, type RunningCeph } from '../peers/ceph.js';

const skip = skipWithout(radosgw());
const ISO_UTC = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,9})?Z$/;

function aws(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(AWS_CLI_V2, args, { env, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

/** Seconds from now until an ISO time. */
const secondsUntil = (iso: string) => (Date.parse(iso) - Date.now()) / 1000;

describe.skipIf(skip)('sts-cli against a real Ceph radosgw', () => {
  let ceph: RunningCeph;
  const home = tempHome();
  /** Source keys in the environment, as SPEC §2 reads them. */
  const sourceEnv = (secret?: string): NodeJS.ProcessEnv => ({
    ...home.env,
    AWS_ACCESS_KEY_ID: ceph.accessKeyId,
    AWS_SECRET_ACCESS_KEY: secret ?? ceph.secretAccessKey,
  });
  const assume = (args: string[], env = sourceEnv()) => runCli(['assume', '--endpoint-url', ceph.endpoint, ...args], { env });

  beforeAll(async () => {
    ceph = await startCeph();
  });
  afterAll(async () => {
    await ceph?.stop();
    home.cleanup();
  });

  it('assume --profile x writes a profile that AWS CLI v2 uses for S3 on the same gateway', async () => {
    const r = await assume(['--role-arn', ceph.roleArn, '--role-session-name', 'ceph-e2e', '--profile', 'x']);
    expect(r.stderr).toContain('assumed-role/S3Access/ceph-e2e');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    const file = readFileSync(home.credentialsFile, 'utf8');
    expect(file).toMatch(/^\[x\]$/m);
    expect(file).toMatch(/^aws_access_key_id *= *[A-Za-z0-9]{19}$/m);
    expect(file).toMatch(/^aws_session_token *= *\S{100,}$/m);
    const expires = /^x_security_token_expires *= *(\S+)$/m.exec(file)?.[1] ?? '';
    expect(expires).toMatch(ISO_UTC);
    expect(Math.abs(secondsUntil(expires) - 3600)).toBeLessThan(60);
    expect(file).not.toContain(ceph.secretAccessKey);

    if (skipWithout(awsCliV2())) return;
    // No source keys in this environment: only the profile can make this call succeed.
    const list = await aws(['s3api', 'list-buckets', '--profile', 'x', '--endpoint-url', ceph.endpoint, '--region', 'us-east-1', '--output', 'json'], home.env);
    expect(list.stderr).toBe('');
    expect(list.code).toBe(0);
    expect(JSON.parse(list.stdout)).toHaveProperty('Buckets');

    // exec hands the same credentials to a child process through its environment.
    const viaExec = await runCli(
      ['exec', '--profile', 'x', '--', AWS_CLI_V2, 's3api', 'list-buckets', '--endpoint-url', ceph.endpoint, '--region', 'us-east-1', '--output', 'json'],
      {
        env: home.env,
        timeoutMs: 60_000,
      },
    );
    expect(viaExec.code).toBe(0);
    expect(JSON.parse(viaExec.stdout)).toHaveProperty('Buckets');
  });

  it("--format json: Ceph's values, AssumeRoleId as AssumedRoleId, the nanosecond Expiration as ISO 8601 UTC", async () => {
    const r = await assume(['--role-arn', ceph.roleArn, '--role-session-name', 'ceph-json', '--format', 'json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.Credentials.AccessKeyId).toMatch(/^[A-Za-z0-9]{19}$/);
    expect(out.Credentials.SecretAccessKey).toMatch(/^[A-Za-z0-9]{39}$/);
    expect(out.Credentials.SessionToken.length).toBeGreaterThan(100);
    expect(out.Credentials.Expiration).toMatch(ISO_UTC);
    expect(Math.abs(secondsUntil(out.Credentials.Expiration) - 3600)).toBeLessThan(60);
    expect(out.AssumedRoleUser).toEqual({
      Arn: 'arn:aws:sts:::assumed-role/S3Access/ceph-json',
      AssumedRoleId: expect.stringMatching(/^[0-9a-f-]{36}:ceph-json$/),
    });
  });

  it('the role with a path, for 12 hours (--duration 12h)', async () => {
    const r = await assume(['--role-arn', ceph.pathRoleArn, '--role-session-name', 'ceph-12h', '--duration', '12h', '--format', 'json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.AssumedRoleUser.Arn).toBe('arn:aws:sts:::assumed-role/app/S3AccessLong/ceph-12h');
    expect(Math.abs(secondsUntil(out.Credentials.Expiration) - 43200)).toBeLessThan(60);
  });

  it("refusals carry Ceph's code on stderr and exit 1", async () => {
    const cases: Array<[string[], NodeJS.ProcessEnv | undefined, string]> = [
      [['--role-arn', ceph.roleArn, '--duration', '2h'], undefined, 'InvalidArgument'], // above the role's 3600 s
      [['--role-arn', ceph.pathRoleArn, '--duration-seconds', '43201'], undefined, 'InvalidArgument'],
      [['--role-arn', ceph.roleArn], sourceEnv('not-the-right-secret-0123456789'), 'AccessDenied'],
      [['--role-arn', 'arn:aws:iam:::role/NoSuchRole'], undefined, 'NoSuchEntity'],
    ];
    const results = await Promise.all(cases.map(([args, env]) => assume([...args, '--format', 'json'], env)));
    results.forEach((r, i) => {
      const code = cases[i]![2];
      expect({ code: r.code, hasServiceCode: r.stderr.includes(code) }, `${code}: ${r.stderr}`).toEqual({ code: 1, hasServiceCode: true });
      expect(r.stdout).toBe('');
      expect(r.stderr).not.toMatch(/^\s+at /m); // no stack trace without --debug
      expect(r.stderr).not.toContain('not-the-right-secret');
      expect(r.stderr).not.toContain(ceph.secretAccessKey);
    });
  });

  it('whoami says the server does not offer GetCallerIdentity (405 MethodNotAllowed) and exits 1', async () => {
    const withProfile = await runCli(['whoami', '--profile', 'x', '--endpoint-url', ceph.endpoint], { env: home.env });
    const withKeys = await runCli(['whoami', '--endpoint-url', ceph.endpoint], { env: sourceEnv() });
    for (const r of [withProfile, withKeys]) {
      expect(r.code, r.stderr).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain('MethodNotAllowed');
      expect(r.stderr).toContain('GetCallerIdentity');
      expect(r.stderr).toContain('405');
    }
  });
  it('doctor tells the real radosgw by its answers: Ceph RGW, no GetCallerIdentity in 16.2 (a warning), exit 0', async () => {
    const r = await runCli(['doctor', '--endpoint-url', ceph.endpoint, '--format', 'json'], { env: sourceEnv(), timeoutMs: 60_000 });
    const checks = new Map((JSON.parse(r.stdout).checks as Array<{ id: string; status: string; detail: string }>).map((c) => [c.id, c]));
    expect(checks.get('dialect')).toMatchObject({
      status: 'passed',
      detail: "Ceph RGW: it answers S3-style <Error> documents with radosgw's request ids (tx…)",
    });
    expect(checks.get('identity')).toMatchObject({ status: 'warning', detail: 'the endpoint does not offer GetCallerIdentity (MethodNotAllowed)' });
    expect(checks.get('clock')?.status).toBe('passed');
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain(ceph.secretAccessKey);
  });
});
