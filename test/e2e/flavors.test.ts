// sts-cli assume and assume-web-identity round-trip against every flavor of the mock, as a user
// would run them: the built binary, a profile written, then read back by env.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startMockSts } from '../../src/mock/index.js';
import { runCli, tempHome, withoutSecretFlagWarnings } from '../helpers/cli.js';

const flavors = [
  { flavor: 'aws', role: 'arn:aws:iam::123456789012:role/app', auth: [] as string[], arn: /^arn:aws:sts::123456789012:assumed-role\/app\/flavor$/ },
  { flavor: 'minio', role: 'arn:minio:iam:::role/anything', auth: [], arn: /^$/ },
  { flavor: 'ceph', role: 'arn:aws:iam:::role/app/S3Access', auth: [], arn: /^arn:aws:sts:::assumed-role\/app\/S3Access\/flavor$/ },
  {
    flavor: 'ecs',
    role: 'urn:ecs:iam::ns1:role/s3role',
    auth: ['--auth', 'ecs-token', '--auth-token', 'test'],
    arn: /^urn:ecs:sts::ns1:assumed-role\/s3role\/flavor$/,
  },
] as const;

let home: ReturnType<typeof tempHome>;
beforeEach(() => {
  home = tempHome();
});
afterEach(() => home.cleanup());

describe.each(flavors)('the $flavor flavor', ({ flavor, role, auth, arn }) => {
  it('assume writes a profile that env reads back', async () => {
    const sts = await startMockSts({ port: 0, flavor });
    try {
      const env = { ...home.env, AWS_ACCESS_KEY_ID: sts.accessKeyId, AWS_SECRET_ACCESS_KEY: sts.secretAccessKey, AWS_ENDPOINT_URL_STS: sts.url };
      const json = await runCli(['assume', ...auth, '--role-arn', role, '--role-session-name', 'flavor', '--format', 'json'], { env });
      expect(withoutSecretFlagWarnings(json.stderr)).not.toContain('sts-cli:');
      expect(json.code).toBe(0);
      const parsed = JSON.parse(json.stdout);
      expect(parsed.AssumedRoleUser?.Arn ?? '').toMatch(arn);
      expect(Date.parse(parsed.Credentials.Expiration)).toBeGreaterThan(Date.now());

      const stored = await runCli(['assume', ...auth, '--role-arn', role, '--profile', flavor], { env });
      expect(stored.code).toBe(0);
      const exported = await runCli(['env', '--profile', flavor, '--format', 'process'], { env: home.env });
      expect(exported.code).toBe(0);
      expect(JSON.parse(exported.stdout).SessionToken.length).toBeGreaterThan(20);
    } finally {
      await sts.close();
    }
  });

  it('assume-web-identity with a token from the mock issuer', async () => {
    const sts = await startMockSts({ port: 0, flavor });
    try {
      const jwt = await sts.mintWebIdentityToken({ sub: 'ci', aud: 'sts-cli' });
      // Dell ECS serves STS under /sts; web identity is an unsigned form POST, so the path goes in the URL.
      const endpoint = flavor === 'ecs' ? `${sts.url}/sts` : sts.url;
      const r = await runCli(['assume-web-identity', '--role-arn', role, '--role-session-name', 'flavor', '--web-identity-token', jwt, '--format', 'json'], {
        env: { ...home.env, AWS_ENDPOINT_URL_STS: endpoint },
      });
      expect(withoutSecretFlagWarnings(r.stderr)).not.toContain('sts-cli:');
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout).Credentials.AccessKeyId.length).toBeGreaterThanOrEqual(16);
    } finally {
      await sts.close();
    }
  });
});
