// End to end: `assume --profile NAME` with the AWS world around it (SPEC §7), through the built
// binary. A profile whose settings the written keys would clash with is refused before anything is
// sent (exit 2, a free name offered), --force writes anyway; a name the SDKs misread is refused; a
// non-AWS endpoint and a given region are recorded in the config file's [profile NAME] with every
// other byte kept, after which boto3, @aws-sdk/client-sts, AWS CLI v2 and `sts-cli whoami` reach the
// same server with no flags.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type MockSts, startMockSts } from '../../src/mock/index.js';
import { runCli, tempHome } from '../helpers/cli.js';
import { AWS_CLI_V2, awsCliV2, boto3, skipWithout } from '../helpers/peers.js';

const ROLE = 'arn:aws:iam::123456789012:role/dev';
const REPO = new URL('../..', import.meta.url).pathname;
let sts: MockSts;
// Counts what reaches it: a refusal must come before anything is sent.
let counter: Server;
let counterUrl: string;
let received = 0;
let home: ReturnType<typeof tempHome>;

beforeAll(async () => {
  sts = await startMockSts({ port: 0 });
  counter = createServer((_req, res) => {
    received += 1;
    res.writeHead(500).end();
  });
  await new Promise<void>((resolve) => counter.listen(0, '127.0.0.1', resolve));
  counterUrl = `http://127.0.0.1:${(counter.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await sts.close();
  await new Promise((resolve) => counter.close(resolve));
});
beforeEach(() => {
  home = tempHome();
  received = 0;
  mkdirSync(`${home.home}/.aws`, { mode: 0o700 });
});
afterEach(() => home.cleanup());

const keysEnv = () => ({ ...home.env, AWS_ACCESS_KEY_ID: sts.accessKeyId, AWS_SECRET_ACCESS_KEY: sts.secretAccessKey });
const assume = (args: string[], env: NodeJS.ProcessEnv = keysEnv()) => runCli(['assume', '--role-arn', ROLE, '--role-session-name', 'write', ...args], { env });

/** Runs a peer without blocking this process, which serves the mock it calls. */
function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 80_000);
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** The environment a tool sees afterwards: the two files, no keys, no endpoint. */
const toolEnv = () => ({
  PATH: process.env.PATH,
  HOME: home.home,
  AWS_SHARED_CREDENTIALS_FILE: home.credentialsFile,
  AWS_CONFIG_FILE: home.configFile,
  AWS_EC2_METADATA_DISABLED: 'true',
});

describe('a destination the written keys would clash with', () => {
  for (const [key, config] of [
    ['role_arn', `[profile dev]\nrole_arn = ${ROLE}\nsource_profile = base\n`],
    ['web_identity_token_file', `[profile dev]\nrole_arn = ${ROLE}\nweb_identity_token_file = /var/run/token\n`],
    ['credential_process', '[profile dev]\ncredential_process = /bin/creds --secret-flag hunter2\n'],
  ] as const) {
    it(`[profile dev] with ${key}: exit 2, nothing sent, nothing written, a free name offered`, async () => {
      writeFileSync(home.configFile, config, { mode: 0o600 });
      const r = await assume(['--endpoint-url', counterUrl, '--profile', 'dev']);
      expect(r.code).toBe(2);
      expect(received).toBe(0);
      expect(r.stderr).toContain(`[profile dev] of ${home.configFile} has ${key}`);
      expect(r.stderr).toContain('--profile dev-sts');
      expect(r.stderr).toContain('--force');
      expect(r.stderr).not.toContain('hunter2');
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(existsSync(home.credentialsFile)).toBe(false);
      expect(readFileSync(home.configFile, 'utf8')).toBe(config);
    });
  }

  it('the free name skips names already taken', async () => {
    writeFileSync(home.configFile, `[profile dev]\nrole_arn = ${ROLE}\n[profile dev-sts]\nregion = x\n`, { mode: 0o600 });
    const r = await assume(['--endpoint-url', counterUrl, '--profile', 'dev']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--profile dev-sts-2');
  });

  it('--force writes the keys and leaves the role profile as it is', async () => {
    const config = `[profile dev]\nrole_arn = ${ROLE}\nsource_profile = base\n`;
    writeFileSync(home.configFile, config, { mode: 0o600 });
    const r = await assume(['--endpoint-url', sts.url, '--profile', 'dev', '--force']);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(home.credentialsFile, 'utf8')).toMatch(/^\[dev\]\naws_access_key_id = ASIA/);
    expect(readFileSync(home.configFile, 'utf8')).toBe(config);
    expect(r.stderr).toContain(`Did not record region = us-east-1 and endpoint_url = ${sts.url} in [profile dev] of ${home.configFile}, which has role_arn.`);
  });
});

describe('profile names', () => {
  it('a name the SDKs would read differently: exit 2, nothing sent', async () => {
    for (const name of ['my profile', 'a;b', '__proto__', ' dev']) {
      const r = await assume(['--endpoint-url', counterUrl, '--profile', name]);
      expect(r.code, name).toBe(2);
      expect(r.stderr).toContain('(--profile) cannot be used');
    }
    expect(received).toBe(0);
    expect(existsSync(home.credentialsFile)).toBe(false);
  });

  it('a name only the config file header cannot hold: refused when it would be recorded there, written with --no-write-config', async () => {
    const refused = await assume(['--endpoint-url', counterUrl, '--profile', 'it"s']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('botocore reads as quoting in a [profile NAME] header');
    expect(received).toBe(0);
    const written = await assume(['--endpoint-url', sts.url, '--profile', 'it"s', '--no-write-config']);
    expect(written.code, written.stderr).toBe(0);
    expect(readFileSync(home.credentialsFile, 'utf8')).toContain('[it"s]');
    expect(existsSync(home.configFile)).toBe(false);
  });
});

describe('recording the endpoint and region in the config file', () => {
  const CONFIG = '# kept as it is\n[default]\nregion = eu-west-1\n\n[profile minio]\noutput = json ; not a comment\n';

  it('writes [profile NAME] with every other byte kept, 0600, and the tools reach the same server with no flags', async () => {
    writeFileSync(home.configFile, CONFIG, { mode: 0o644 });
    const r = await assume(['--endpoint-url', sts.url, '--profile', 'minio']);
    expect(r.code, r.stderr).toBe(0);
    // The region the call was signed for: [default]'s, as the AWS CLI reads it for keys from the environment.
    expect(readFileSync(home.configFile, 'utf8')).toBe(`${CONFIG}region = eu-west-1\nendpoint_url = ${sts.url}\n`);
    expect(statSync(home.configFile).mode & 0o777).toBe(0o600);
    expect(r.stderr).toContain(`Recorded region = eu-west-1 and endpoint_url = ${sts.url} for profile minio in ${home.configFile}`);
    const secret = /aws_secret_access_key = (\S+)/.exec(readFileSync(home.credentialsFile, 'utf8'))![1]!;
    expect(r.stderr).not.toContain(secret);

    const whoami = await runCli(['whoami', '--profile', 'minio', '--format', 'json'], { env: toolEnv() });
    expect(whoami.code, whoami.stderr).toBe(0);
    const arn = (JSON.parse(whoami.stdout) as { Arn: string }).Arn;
    expect(arn).toBe('arn:aws:sts::123456789012:assumed-role/dev/write');

    // The JS SDK v3 reads endpoint_url and region from the profile (configured endpoints).
    const js = await run(
      process.execPath,
      [
        '--no-warnings',
        '-e',
        "const { STSClient, GetCallerIdentityCommand } = require('@aws-sdk/client-sts'); new STSClient({}).send(new GetCallerIdentityCommand({})).then((r) => console.log(r.Arn), (e) => { console.error(e.message); process.exit(1); });",
      ],
      { ...toolEnv(), AWS_PROFILE: 'minio' },
    );
    expect(js.code, js.stderr).toBe(0);
    expect(js.stdout.trim()).toBe(arn);
  });

  it('boto3 reads the profile and reaches the same server', async () => {
    if (skipWithout(boto3())) return;
    await assume(['--endpoint-url', sts.url, '--profile', 'py', '--region', 'eu-central-1']);
    const py = await run(
      'python3',
      ['-c', 'import boto3; s = boto3.Session(profile_name="py"); print(s.region_name, s.client("sts").get_caller_identity()["Arn"])'],
      toolEnv(),
    );
    expect(py.code, py.stderr).toBe(0);
    expect(py.stdout.trim()).toBe('eu-central-1 arn:aws:sts::123456789012:assumed-role/dev/write');
  }, 90_000);

  it('AWS CLI v2 reads the profile (2.13+ with no flags; older ones ignore endpoint_url and need --endpoint-url)', async () => {
    if (skipWithout(awsCliV2())) return;
    await assume(['--endpoint-url', sts.url, '--profile', 'cli']);
    const version = execFileSync(AWS_CLI_V2, ['--version'], { encoding: 'utf8' });
    const [, minor] = /aws-cli\/2\.(\d+)/.exec(version)!;
    const endpointFlag = Number(minor) >= 13 ? [] : ['--endpoint-url', sts.url];
    const cli = await run(AWS_CLI_V2, ['--profile', 'cli', 'sts', 'get-caller-identity', '--output', 'json', ...endpointFlag], toolEnv());
    expect(cli.code, cli.stderr).toBe(0);
    expect((JSON.parse(cli.stdout) as { Arn: string }).Arn).toBe('arn:aws:sts::123456789012:assumed-role/dev/write');
    // The AWS CLI (Python) starts slowly on a busy machine.
  }, 90_000);

  it('the endpoint from AWS_ENDPOINT_URL_STS is recorded too; a region the profile has is kept unless --region says otherwise', async () => {
    writeFileSync(home.configFile, '[profile s3]\nregion = eu-west-3\n', { mode: 0o600 });
    const viaEnv = await assume(['--profile', 's3'], { ...keysEnv(), AWS_ENDPOINT_URL_STS: sts.url });
    expect(viaEnv.code, viaEnv.stderr).toBe(0);
    expect(readFileSync(home.configFile, 'utf8')).toBe(`[profile s3]\nregion = eu-west-3\nendpoint_url = ${sts.url}\n`);
    await assume(['--endpoint-url', sts.url, '--profile', 's3', '--region', 'ap-south-1']);
    expect(readFileSync(home.configFile, 'utf8')).toBe(`[profile s3]\nregion = ap-south-1\nendpoint_url = ${sts.url}\n`);
  });

  it('warns when another setting of the profile wins over what was recorded', async () => {
    writeFileSync(home.credentialsFile, '[p]\nregion = us-west-1\n', { mode: 0o600 });
    const r = await assume(['--endpoint-url', sts.url, '--profile', 'p', '--region', 'eu-north-1']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('but the AWS tools will read region = us-west-1 from another setting of that profile');
  });

  it('--no-write-config leaves the config file alone', async () => {
    writeFileSync(home.configFile, CONFIG, { mode: 0o600 });
    const r = await assume(['--endpoint-url', sts.url, '--profile', 'minio', '--no-write-config', '--region', 'eu-west-2']);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(home.configFile, 'utf8')).toBe(CONFIG);
  });

  it('a config file that does not parse: exit 5, nothing sent, nothing written', async () => {
    writeFileSync(home.configFile, '[profile minio]\nthis is not a key\n', { mode: 0o600 });
    const r = await assume(['--endpoint-url', counterUrl, '--profile', 'minio']);
    expect(r.code).toBe(5);
    expect(r.stderr).toContain(`Cannot parse ${home.configFile}, line 2`);
    expect(received).toBe(0);
    expect(existsSync(home.credentialsFile)).toBe(false);
    expect(readFileSync(home.configFile, 'utf8')).toBe('[profile minio]\nthis is not a key\n');
  });
});
