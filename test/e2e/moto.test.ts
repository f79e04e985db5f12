// The built binary against moto's server: AWS's own response shape from code nobody here wrote,
// then AWS CLI v2 reads back the profile sts-cli wrote.
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AWS_CLI_V2, awsCliV2, motoServer, skipWithout } from '../helpers/peers.js';
import { runCli, tempHome } from '../helpers/cli.js';
import { startMoto, type Moto } from '../helpers/moto.js';

const skip = skipWithout(motoServer());

describe.skipIf(skip)('against moto_server', () => {
  let moto: Moto;
  const home = tempHome();
  beforeAll(async () => {
    moto = await startMoto();
  });
  afterAll(async () => {
    await moto?.stop();
    home.cleanup();
  });

  it('AssumeRole into a profile that AWS CLI v2 reads back unchanged', async () => {
    const env = {
      ...home.env,
      AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
      AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
      AWS_ENDPOINT_URL_STS: moto.url,
    };
    const r = await runCli(
      [
        'assume',
        '--role-arn',
        'arn:aws:iam::123456789012:role/moto-role',
        '--role-session-name',
        'moto-e2e',
        '--duration',
        '1h',
        '--profile',
        'moto',
        '--external-id',
        'ext-123',
        '--tags',
        'team=platform',
      ],
      { env },
    );
    expect(r.stderr).toContain('assumed-role/moto-role/moto-e2e');
    expect(r.code).toBe(0);
    const json = await runCli(['assume', '--role-arn', 'arn:aws:iam::123456789012:role/moto-role', '--format', 'json'], { env });
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout).AssumedRoleUser.AssumedRoleId).toMatch(/:sts-cli-\d+$/);

    if (skipWithout(awsCliV2())) return;
    const exported = JSON.parse(
      execFileSync(AWS_CLI_V2, ['configure', 'export-credentials', '--profile', 'moto', '--format', 'process'], { env: home.env, encoding: 'utf8' }),
    );
    const stored = await runCli(['env', '--profile', 'moto', '--format', 'env-no-export'], { env: home.env });
    const vars = Object.fromEntries(
      stored.stdout
        .trim()
        .split('\n')
        .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1).replace(/^'|'$/g, '')]),
    );
    expect(exported.AccessKeyId).toBe(vars.AWS_ACCESS_KEY_ID);
    expect(exported.SecretAccessKey).toBe(vars.AWS_SECRET_ACCESS_KEY);
    expect(exported.SessionToken).toBe(vars.AWS_SESSION_TOKEN);
    // The AWS CLI does not read x_security_token_expires (prompt tools do), so it reports no Expiration.
    expect(Date.parse(vars.AWS_CREDENTIAL_EXPIRATION!)).toBeGreaterThan(Date.now() + 3500_000);
  });

  it('AssumeRoleWithWebIdentity, unsigned', async () => {
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJjaSJ9.c2lnbmF0dXJl';
    const r = await runCli(
      [
        'assume-web-identity',
        '--role-arn',
        'arn:aws:iam::123456789012:role/web',
        '--role-session-name',
        'web-e2e',
        '--web-identity-token',
        jwt,
        '--format',
        'json',
      ],
      {
        env: { ...home.env, AWS_ENDPOINT_URL_STS: moto.url },
      },
    );
    expect(r.code).toBe(0);
    const parsed = JSON.parse(r.stdout);
    expect(parsed.Credentials.SessionToken.length).toBeGreaterThan(10);
    expect(parsed.AssumedRoleUser.Arn).toContain('assumed-role/web/web-e2e');
  });

  it('whoami with the temporary credentials', async () => {
    const env = { ...home.env, AWS_ENDPOINT_URL_STS: moto.url };
    const r = await runCli(['whoami', '--profile', 'moto'], { env });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Account: \d{12}$/m);
    expect(r.stdout).toMatch(/^Expires: .* \(in 59m|in 1h\)/m);
  });
});
