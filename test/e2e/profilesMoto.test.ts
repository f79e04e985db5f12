// Role profiles against moto's server (AWS's answers from code nobody here wrote): a chain of role
// profiles whose endpoint_url is moto, assumed hop by hop and cached, read back by AWS CLI v2.
import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempHome } from '../helpers/cli.js';
import { startMoto, type Moto } from '../helpers/moto.js';
import { AWS_CLI_V2, awsCliV2, motoServer, skipWithout } from '../helpers/peers.js';

const skip = skipWithout(motoServer());
const run = promisify(execFile);

describe.skipIf(skip)('role profiles against moto_server', () => {
  let moto: Moto;
  const home = tempHome();
  beforeAll(async () => {
    moto = await startMoto();
    mkdirSync(join(home.home, '.aws'), { recursive: true });
    writeFileSync(home.credentialsFile, '[base]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n');
    writeFileSync(
      home.configFile,
      `[profile ops]
role_arn = arn:aws:iam::123456789012:role/ops
source_profile = base
role_session_name = ops-session
endpoint_url = ${moto.url}
region = eu-central-1

[profile deploy]
role_arn = arn:aws:iam::123456789012:role/deploy
source_profile = ops
external_id = ext-42
duration_seconds = 1800
endpoint_url = ${moto.url}
region = eu-central-1
`,
    );
  });
  afterAll(async () => {
    await moto?.stop();
    home.cleanup();
  });

  it('assume PROFILE: the chain ops → deploy, its settings sent, the answer as AWS shapes it', async () => {
    const r = await runCli(['assume', 'deploy', '--role-session-name', 'from-flag', '--format', 'json'], { env: home.env });
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.AssumedRoleUser.Arn).toBe('arn:aws:sts::123456789012:assumed-role/deploy/from-flag');
    expect(out.Credentials.AccessKeyId).toMatch(/^ASIA/);
    // duration_seconds = 1800 reached moto.
    const minutes = (Date.parse(out.Credentials.Expiration) - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(25);
    expect(minutes).toBeLessThan(31);
    // The ops hop is cached: a second role on top of it costs one AssumeRole (moto answers new keys each time).
    const ops = await runCli(['assume', 'ops', '--format', 'json'], { env: home.env });
    expect(JSON.parse(ops.stdout).AssumedRoleUser.Arn).toBe('arn:aws:sts::123456789012:assumed-role/ops/ops-session');
    const again = await runCli(['assume', 'ops', '--format', 'json'], { env: home.env });
    expect(JSON.parse(again.stdout).Credentials.AccessKeyId).toBe(JSON.parse(ops.stdout).Credentials.AccessKeyId);
  });

  it('env, whoami and a profile AWS CLI v2 reads, all from the same cached session', { timeout: 60_000 }, async () => {
    const env = await runCli(['env', 'deploy', '--format', 'env-no-export'], { env: home.env });
    expect(env.code, env.stderr).toBe(0);
    const key = /^AWS_ACCESS_KEY_ID=(\S+)$/m.exec(env.stdout)![1];
    const who = await runCli(['whoami', 'deploy', '--format', 'json'], { env: home.env });
    expect(who.code, who.stderr).toBe(0);
    expect(JSON.parse(who.stdout).Arn).toMatch(/:assumed-role\/deploy\/sts-cli-\d+$/);
    const written = await runCli(['assume', 'deploy', '--profile', 'deploy-keys'], { env: home.env });
    expect(written.code, written.stderr).toBe(0);
    if (skipWithout(awsCliV2())) return;
    const { stdout } = await run(AWS_CLI_V2, ['configure', 'export-credentials', '--profile', 'deploy-keys', '--format', 'process'], { env: home.env });
    expect(JSON.parse(stdout).AccessKeyId).toBe(key);
  });
});
