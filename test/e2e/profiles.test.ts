// Role profiles from ~/.aws/config through the built binary (SPEC §7): chains of role profiles,
// credential_process and Environment sources, the cache (reused, --refresh, --no-cache, cache
// clear) counted by the mock's own request log, and every bad input of issue 10 with one sentence,
// its exit code, nothing sent and nothing written.
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { renewableSession } from '../../src/cli/renewableSession.js';
import { cachedSessionLookup } from '../../src/cli/session/cachedProfileSession.js';
import { configFilePath, credentialsFilePath } from '../../src/credentials/paths.js';
import { readSharedConfigFiles } from '../../src/credentials/readSharedConfigFiles.js';
import { type MockRequestLog, type MockSts, startMockSts } from '../../src/mock/index.js';
import { fakeContext } from '../cli/harness.js';
import { runCli, tempHome } from '../helpers/cli.js';
import { fifo, releaseFifos } from '../helpers/fifo.js';
import { AWS_CLI_V2, awsCliV2, boto3, skipWithout } from '../helpers/peers.js';

const ALICE = { accessKeyId: 'AKIAALICE00000000000', secretAccessKey: 'alice-secret-key-0123456789abcdefghijklm' };
const MID = 'arn:aws:iam::222222222222:role/mid';
const TOP = 'arn:aws:iam::333333333333:role/top';
const DEEP = 'arn:aws:iam::444444444444:role/deep';

// The mock runs in this process: a peer that calls it must run asynchronously, never with execFileSync.
const run = promisify(execFile);

let sts: MockSts;
const log: MockRequestLog[] = [];
beforeAll(async () => {
  sts = await startMockSts({
    config: {
      users: [{ ...ALICE, name: 'alice', account: '111111111111' }],
      roles: [
        { arn: MID, trust: { users: ['alice'] } },
        { arn: TOP, trust: { users: [MID] } },
        { arn: DEEP, trust: { users: [TOP] } },
      ],
    },
    onRequest: (entry) => log.push(entry),
  });
});
afterAll(() => sts.close());

let home: ReturnType<typeof tempHome>;
let cache: string;
beforeEach(() => {
  home = tempHome();
  cache = join(home.home, '.cache', 'sts-cli');
  mkdirSync(join(home.home, '.aws'), { recursive: true });
  writeFileSync(
    join(home.home, 'creds.js'),
    `console.log(JSON.stringify({ Version: 1, AccessKeyId: '${ALICE.accessKeyId}', SecretAccessKey: '${ALICE.secretAccessKey}' }));\n`,
  );
  writeFileSync(join(home.home, 'fail.js'), "process.stderr.write('vault is locked\\n'); process.exit(2);\n");
  writeFileSync(join(home.home, 'garbage.js'), "console.log('AccessKeyId=AKIA but not JSON');\n");
  writeFileSync(home.credentialsFile, `[alice]\naws_access_key_id = ${ALICE.accessKeyId}\naws_secret_access_key = ${ALICE.secretAccessKey}\n`);
  writeFileSync(home.configFile, config(sts.url));
  log.length = 0;
});

async function reset(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 50));
  log.length = 0;
}
afterEach(() => {
  releaseFifos();
  home.cleanup();
});

function config(url: string): string {
  const node = process.execPath;
  return `[profile mid]
role_arn = ${MID}
source_profile = alice
endpoint_url = ${url}

[profile top]
role_arn = ${TOP}
source_profile = mid
role_session_name = top-session
services = mock

[services mock]
sts =
  endpoint_url = ${url}

[profile deep]
role_arn = ${DEEP}
source_profile = top
endpoint_url = ${url}
region = eu-west-1

[profile proc]
credential_process = ${node} ${home.home}/creds.js

[profile via-proc]
role_arn = ${MID}
source_profile = proc
endpoint_url = ${url}

[profile from-env]
role_arn = ${MID}
credential_source = Environment
endpoint_url = ${url}

[profile loop-a]
role_arn = ${MID}
source_profile = loop-b
[profile loop-b]
role_arn = ${TOP}
source_profile = loop-a

[profile ec2]
role_arn = ${MID}
credential_source = Ec2InstanceMetadata

[profile broken-proc]
credential_process = ${node} ${home.home}/fail.js
[profile via-broken]
role_arn = ${MID}
source_profile = broken-proc
endpoint_url = ${url}

[profile garbage-proc]
credential_process = ${node} "${home.home}/garbage.js"
[profile via-garbage]
role_arn = ${MID}
source_profile = garbage-proc
endpoint_url = ${url}

[profile missing-program]
credential_process = /nonexistent/vault-creds --profile x

[profile ghost-source]
role_arn = ${MID}
source_profile = ghost

[profile short-top]
role_arn = ${TOP}
source_profile = mid
duration_seconds = 600
endpoint_url = ${url}
`;
}

const sent = () => log.filter((e) => e.action !== undefined);
const assumed = () => log.filter((e) => e.action === 'AssumeRole');
const entries = () => (existsSync(cache) ? readdirSync(cache) : []);
// The mock logs a request once its answer is out, a moment after the command may have exited.
const settle = () => new Promise((resolve) => setTimeout(resolve, 50));
const cli = async (args: string[], env: NodeJS.ProcessEnv = home.env) => {
  const result = await runCli(args, { env });
  await settle();
  return result;
};

function exportsOf(stdout: string): Record<string, string> {
  return Object.fromEntries([...stdout.matchAll(/^export (\w+)=(.*)$/gm)].map(([, k, v]) => [k!, v!.replace(/^'|'$/g, '')]));
}

describe('role profiles: chains through the cache', () => {
  it('a 3-hop chain: each hop assumed once with the previous hop’s session, then env, exec and whoami answer from the cache', async () => {
    const first = await cli(['env', 'deep']);
    expect(first.code, first.stderr).toBe(0);
    const vars = exportsOf(first.stdout);
    expect(vars.AWS_ACCESS_KEY_ID).toMatch(/^ASIA[A-Z0-9]{16}$/);
    expect(first.stderr).toMatch(/^Profile \[deep\]: credentials expire in (5\dm|1h)\.$/m);
    // Each hop signed by the one before: alice's keys, then two different sessions.
    expect(assumed().map((e) => e.status)).toEqual([200, 200, 200]);
    const callers = assumed().map((e) => e.accessKeyId);
    expect(callers[0]).toBe(ALICE.accessKeyId);
    expect(callers[1]).toMatch(/^ASIA/);
    expect(new Set(callers).size).toBe(3);
    // One 0600 entry per hop, in a 0700 folder; no secret in their names.
    expect(entries()).toHaveLength(3);
    expect(statSync(cache).mode & 0o777).toBe(0o700);
    for (const name of entries()) expect(statSync(join(cache, name)).mode & 0o777).toBe(0o600);

    await reset();
    const again = await cli(['env', '--profile', 'deep']);
    expect(exportsOf(again.stdout).AWS_ACCESS_KEY_ID).toBe(vars.AWS_ACCESS_KEY_ID);
    const child = await cli(['exec', 'deep', '--', 'sh', '-c', 'echo "$AWS_ACCESS_KEY_ID $AWS_REGION $STS_CLI_PROFILE"']);
    expect(child.code, child.stderr).toBe(0);
    expect(child.stdout.trim()).toBe(`${vars.AWS_ACCESS_KEY_ID} eu-west-1 deep`);
    expect(sent()).toEqual([]);
    const who = await cli(['whoami', 'deep', '--format', 'json']);
    expect(who.code, who.stderr).toBe(0);
    expect(JSON.parse(who.stdout)).toMatchObject({
      Account: '444444444444',
      Arn: expect.stringMatching(/^arn:aws:sts::444444444444:assumed-role\/deep\/sts-cli-\d+$/),
    });
    expect(sent().map((e) => e.action)).toEqual(['GetCallerIdentity']);
  });

  it('--refresh assumes the session it gives again (the hops below stay cached); --no-cache sends and stores nothing; cache clear empties the cache', async () => {
    const first = exportsOf((await cli(['env', 'top'])).stdout);
    expect(assumed()).toHaveLength(2);
    const [below] = assumed().map((e) => e.accessKeyId);
    await reset();
    const refreshed = await cli(['env', 'top', '--refresh']);
    expect(refreshed.code, refreshed.stderr).toBe(0);
    const fresh = exportsOf(refreshed.stdout);
    expect(fresh.AWS_ACCESS_KEY_ID).not.toBe(first.AWS_ACCESS_KEY_ID);
    // One AssumeRole, top's, signed by mid's cached session (not alice's keys).
    expect(assumed()).toHaveLength(1);
    expect(assumed()[0]!.accessKeyId).not.toBe(below);
    expect(assumed()[0]!.accessKeyId).toMatch(/^ASIA/);
    await reset();
    expect(exportsOf((await cli(['env', 'top'])).stdout).AWS_ACCESS_KEY_ID).toBe(fresh.AWS_ACCESS_KEY_ID);
    expect(sent()).toEqual([]);

    const before = entries().sort();
    const bypass = await cli(['exec', 'top', '--no-cache', '--', 'sh', '-c', 'echo "$AWS_ACCESS_KEY_ID"']);
    expect(bypass.code, bypass.stderr).toBe(0);
    expect(bypass.stdout.trim()).not.toBe(fresh.AWS_ACCESS_KEY_ID);
    expect(assumed()).toHaveLength(2);
    expect(entries().sort()).toEqual(before);

    const cleared = await cli(['cache', 'clear']);
    expect(cleared.code).toBe(0);
    expect(cleared.stderr).toMatch(new RegExp(`^Removed ${before.length} cached sessions from ${cache}\\.$`, 'm'));
    expect(entries()).toEqual([]);
    expect((await cli(['cache', 'clear'])).stderr).toContain('No cached sessions');
    await reset();
    await cli(['env', 'top']);
    expect(assumed()).toHaveLength(2);
  });

  it('what the cache holds for a profile is found without running or sending anything (the seam of sts-cli list)', async () => {
    // As sts-cli list looks: both files read, then the cache folder listed once.
    const cachedProfileSessionExpiry = async (name: string) => {
      const ctx = fakeContext({ home: home.home, env: home.env, now: new Date() });
      const files = await readSharedConfigFiles({ credentialsFile: credentialsFilePath(ctx.env, ctx.home), configFile: configFilePath(ctx.env, ctx.home) });
      return cachedSessionLookup(files, ctx)?.(name);
    };
    expect(await cachedProfileSessionExpiry('deep')).toBeUndefined();
    expect(await cachedProfileSessionExpiry('via-proc')).toBeUndefined();
    expect(await cachedProfileSessionExpiry('alice')).toBeUndefined();
    expect(sent()).toEqual([]);
    const vars = exportsOf((await cli(['env', 'deep'])).stdout);
    await reset();
    expect((await cachedProfileSessionExpiry('deep'))?.toISOString().replace('.000Z', 'Z')).toBe(vars.AWS_CREDENTIAL_EXPIRATION);
    // mid's session in deep's chain went to deep's region (as botocore sends every hop): not mid's own.
    expect(await cachedProfileSessionExpiry('mid')).toBeUndefined();
    expect(sent()).toEqual([]);
  });

  it('sts-cli list shows a role profile’s cached session, and sends nothing for it', async () => {
    const vars = exportsOf((await cli(['env', 'deep'])).stdout);
    await reset();
    const r = await cli(['list', '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const rows = JSON.parse(r.stdout).profiles as Array<{ name: string; expiration?: string; expiry?: string }>;
    expect(rows.find((row) => row.name === 'deep')).toMatchObject({ expiration: vars.AWS_CREDENTIAL_EXPIRATION, expiry: 'cache' });
    expect(rows.find((row) => row.name === 'top')?.expiration).toBeUndefined();
    expect(sent()).toEqual([]);
  });

  it('exec --server serves a 3-hop chain to a boto3 child; a renewal assumes the last hop only', { timeout: 60_000 }, async () => {
    if (skipWithout(boto3())) return;
    const child = 'import boto3; print(boto3.Session().client("sts").get_caller_identity()["Arn"])';
    const r = await cli(['exec', 'deep', '--server', '--', 'python3', '-c', child], { ...home.env, AWS_ENDPOINT_URL_STS: sts.url });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.trim()).toMatch(/^arn:aws:sts::444444444444:assumed-role\/deep\/sts-cli-\d+$/);
    expect(sent().map((e) => e.action)).toEqual(['AssumeRole', 'AssumeRole', 'AssumeRole', 'GetCallerIdentity']);
    // What the endpoint calls to renew: deep assumed again, signed by top's cached session.
    await reset();
    const renewed = await renewableSession('deep', fakeContext({ home: home.home, env: home.env, now: new Date() }), { refresh: true });
    await settle();
    expect(renewed).toMatchObject({ roleArn: DEEP, accountId: '444444444444', accessKeyId: expect.stringMatching(/^ASIA/) });
    expect(sent().map((e) => e.action)).toEqual(['AssumeRole']);
  });

  it('cache clear removes its own entries only', async () => {
    mkdirSync(cache, { recursive: true, mode: 0o700 });
    writeFileSync(join(cache, 'notes.txt'), 'mine');
    writeFileSync(join(cache, `${'a'.repeat(64)}.json`), '{}', { mode: 0o600 });
    writeFileSync(join(cache, `.${'b'.repeat(64)}.json.123.abcdef.tmp`), '{}', { mode: 0o600 });
    const r = await cli(['cache', 'clear']);
    expect(r.stderr).toContain('Removed 1 cached session from');
    expect(entries()).toEqual(['notes.txt']);
  });

  it('env and exec use AWS_ENDPOINT_URL_STS over the profile’s endpoint_url (nothing answers there: exit 4)', async () => {
    const r = await cli(['env', 'mid'], { ...home.env, AWS_ENDPOINT_URL_STS: 'http://127.0.0.1:9' });
    expect(r.code).toBe(4);
    expect(r.stderr).toContain('127.0.0.1:9');
    expect(sent()).toEqual([]);
  });
});

describe('assume PROFILE', () => {
  it('assumes the profile’s role with its chain; flags win over the profile’s values', async () => {
    const json = await cli(['assume', 'top', '--format', 'json']);
    expect(json.code, json.stderr).toBe(0);
    expect(JSON.parse(json.stdout).AssumedRoleUser.Arn).toBe('arn:aws:sts::333333333333:assumed-role/top/top-session');
    // env's last hop is the same session: the cache answers it.
    await reset();
    expect(exportsOf((await cli(['env', 'top'])).stdout).AWS_ACCESS_KEY_ID).toBe(JSON.parse(json.stdout).Credentials.AccessKeyId);
    expect(sent()).toEqual([]);
    const named = await cli(['assume', 'top', '--role-session-name', 'mine', '--format', 'json']);
    expect(JSON.parse(named.stdout).AssumedRoleUser.Arn).toBe('arn:aws:sts::333333333333:assumed-role/top/mine');
    // --duration reaches the STS: top is assumed with mid's session (role chaining), capped at 1 hour.
    const long = await cli(['assume', 'top', '--duration', '2h']);
    expect(long.code).toBe(1);
    expect(long.stderr).toContain('ValidationError');
  });

  it('writes a profile that AWS CLI v2 and boto3 read back as the role', { timeout: 90_000 }, async () => {
    const r = await cli(['assume', 'deep', '--profile', 'deep-keys']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/Assumed arn:aws:sts::444444444444:assumed-role\/deep\/sts-cli-\d+; wrote profile \[deep-keys\]/);
    const again = await cli(['assume', 'deep', '--profile', 'deep-keys']);
    expect(again.stderr).toContain('(cached session; --refresh assumes again)');
    const env = { ...home.env, AWS_REGION: 'us-east-1', AWS_DEFAULT_REGION: 'us-east-1' };
    if (!skipWithout(awsCliV2())) {
      const { stdout } = await run(AWS_CLI_V2, ['sts', 'get-caller-identity', '--profile', 'deep-keys', '--endpoint-url', sts.url, '--output', 'json'], {
        env,
      });
      expect(JSON.parse(stdout).Arn).toMatch(/:assumed-role\/deep\//);
    }
    if (!skipWithout(boto3())) {
      const script = `import boto3, sys\nprint(boto3.Session(profile_name='deep-keys').client('sts', endpoint_url=sys.argv[1]).get_caller_identity()['Arn'])`;
      expect((await run('python3', ['-c', script, sts.url], { env })).stdout).toMatch(/:assumed-role\/deep\//);
    }
  });

  it('exec runs the AWS CLI as the role', { timeout: 60_000 }, async () => {
    if (skipWithout(awsCliV2())) return;
    const r = await cli([
      'exec',
      'top',
      '--',
      AWS_CLI_V2,
      'sts',
      'get-caller-identity',
      '--endpoint-url',
      sts.url,
      '--region',
      'us-east-1',
      '--output',
      'text',
      '--query',
      'Arn',
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.trim()).toBe('arn:aws:sts::333333333333:assumed-role/top/top-session');
  });
});

describe('sources', () => {
  it('credential_process: run, its JSON read, its keys sign the first hop; a process profile’s own keys are printed', async () => {
    const r = await cli(['env', 'via-proc']);
    expect(r.code, r.stderr).toBe(0);
    expect(assumed().map((e) => e.accessKeyId)).toEqual([ALICE.accessKeyId]);
    await reset();
    const own = exportsOf((await cli(['env', 'proc'])).stdout);
    expect(own.AWS_ACCESS_KEY_ID).toBe(ALICE.accessKeyId);
    expect(sent()).toEqual([]);
  });

  it('credential_source = Environment: the AWS_* keys sign the first hop', async () => {
    const r = await cli(['env', 'from-env'], { ...home.env, AWS_ACCESS_KEY_ID: ALICE.accessKeyId, AWS_SECRET_ACCESS_KEY: ALICE.secretAccessKey });
    expect(r.code, r.stderr).toBe(0);
    expect(assumed().map((e) => e.accessKeyId)).toEqual([ALICE.accessKeyId]);
  });

  it('--source-profile may name a role profile: it is assumed first', async () => {
    const r = await cli([
      'assume',
      '--role-arn',
      TOP,
      '--source-profile',
      'mid',
      '--role-session-name',
      'flagged',
      '--format',
      'json',
      '--endpoint-url',
      sts.url,
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).AssumedRoleUser.Arn).toBe('arn:aws:sts::333333333333:assumed-role/top/flagged');
    expect(assumed()).toHaveLength(2);
  });
});

describe('bad input: one sentence, the exit code, nothing sent, nothing written', () => {
  const cases: Array<[string, string[], NodeJS.ProcessEnv, number, RegExp]> = [
    ['unknown profile (env)', ['env', 'nobody'], {}, 3, /Profile "nobody" \(the profile argument\) does not exist in/],
    ['unknown profile (assume)', ['assume', 'nobody'], {}, 2, /Profile "nobody" is not in/],
    ['unknown source_profile', ['env', 'ghost-source'], {}, 2, /has source_profile = ghost, but that profile is not in/],
    ['a loop', ['exec', 'loop-a', '--', 'true'], {}, 2, /loop: loop-a -> loop-b -> loop-a\./],
    ['unsupported credential_source', ['env', 'ec2'], {}, 2, /credential_source = Ec2InstanceMetadata; sts-cli reads only credential_source = Environment/],
    ['credential_process fails', ['env', 'via-broken'], {}, 3, /credential_process of profile "broken-proc" exited with code 2\./],
    ['credential_process prints garbage', ['env', 'via-garbage'], {}, 3, /credential_process of profile "garbage-proc" printed something that is not JSON\./],
    ['credential_process not found', ['env', 'missing-program'], {}, 3, /could not be started: "\/nonexistent\/vault-creds" was not found\./],
    ['a hop written wrong, above a good one', ['env', 'short-top'], {}, 2, /^sts-cli: Profile "short-top": duration_seconds must be at least 900 seconds/],
    [
      'Environment source without keys',
      ['env', 'from-env'],
      {},
      3,
      /credential_source = Environment, but AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set/,
    ],
    ['MFA code of the wrong shape', ['env', 'deep', '--token-code', '12ab'], {}, 2, /^sts-cli: --token-code must be exactly 6 digits\.$/m],
    [
      'MFA session duration out of range',
      ['exec', 'deep', '--mfa-session-duration', '37h', '--', 'true'],
      {},
      2,
      /--mfa-session-duration must be 900 to 129600/,
    ],
    ['a profile name the SDKs read differently', ['env', 'dev;prod'], {}, 2, /The profile name "dev;prod" .*cannot be used/],
    [
      'a destination name the SDKs read differently',
      ['assume', 'top', '--profile', 'my keys'],
      {},
      2,
      /"my keys" \(--profile\) cannot be used: it contains white space/,
    ],
    ['a non-role profile for assume', ['assume', 'proc'], {}, 2, /has no role_arn, so there is no role to assume \(it is a process profile\)/],
    ['two profiles named', ['env', 'top', '--profile', 'mid'], {}, 2, /Two profiles were named/],
  ];

  it.each(cases)('%s', async (_title, args, extra, code, message) => {
    const credentials = readFileSync(home.credentialsFile, 'utf8');
    const r = await cli(args, { ...home.env, ...extra });
    expect(r.code, r.stderr).toBe(code);
    expect(r.stdout).toBe('');
    const ours = r.stderr.split('\n').filter((l) => l.startsWith('sts-cli: '));
    expect(ours, r.stderr).toHaveLength(1);
    expect(ours[0]).toMatch(message);
    expect(r.stderr).not.toContain(ALICE.secretAccessKey);
    expect(sent()).toEqual([]);
    expect(entries()).toEqual([]);
    expect(readFileSync(home.credentialsFile, 'utf8')).toBe(credentials);
  });

  it('a config file that does not parse: exit 5 naming its line, left untouched', async () => {
    const broken = `${config(sts.url)}\nthis line is not ini\n`;
    writeFileSync(home.configFile, broken);
    const line = broken.split('\n').indexOf('this line is not ini') + 1;
    const r = await cli(['exec', 'deep', '--', 'true']);
    expect(r.code).toBe(5);
    expect(r.stderr).toMatch(new RegExp(`^sts-cli: Cannot parse ${home.configFile}, line ${line}: `));
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(readFileSync(home.configFile, 'utf8')).toBe(broken);
    expect(sent()).toEqual([]);
  });
});

describe('an unreadable or corrupt cache entry is a miss, never a crash', () => {
  it('a corrupt entry is assumed again and replaced', async () => {
    const first = exportsOf((await cli(['env', 'mid'])).stdout);
    const [entry] = entries();
    writeFileSync(join(cache, entry!), '{"version":1,"result":{"credentials":');
    await reset();
    const r = await cli(['env', 'mid']);
    expect(r.code, r.stderr).toBe(0);
    expect(exportsOf(r.stdout).AWS_ACCESS_KEY_ID).not.toBe(first.AWS_ACCESS_KEY_ID);
    expect(assumed()).toHaveLength(1);
    expect(JSON.parse(readFileSync(join(cache, entry!), 'utf8')).version).toBe(1);
  });

  it('a folder, a FIFO or a foreign-mode file where an entry should be: assumed again, without blocking', { timeout: 20_000 }, async () => {
    await cli(['env', 'mid']);
    const [entry] = entries();
    const path = join(cache, entry!);
    for (const plant of ['folder', 'fifo', 'open-mode'] as const) {
      execFileSync('rm', ['-rf', path]);
      if (plant === 'folder') mkdirSync(path);
      else if (plant === 'fifo') fifo(path);
      else {
        writeFileSync(path, 'garbage');
        chmodSync(path, 0o666);
      }
      await reset();
      const r = await cli(['env', 'mid']);
      expect(r.code, `${plant}: ${r.stderr}`).toBe(0);
      expect(exportsOf(r.stdout).AWS_ACCESS_KEY_ID).toMatch(/^ASIA/);
      expect(assumed()).toHaveLength(1);
    }
  });
});

describe('secrets', () => {
  it('--debug traces a chain without a secret key, session token or signature of any hop', async () => {
    const r = await cli(['--debug', 'env', 'deep']);
    expect(r.code, r.stderr).toBe(0);
    const vars = exportsOf(r.stdout);
    expect(r.stderr).toContain('[debug]');
    for (const secret of [ALICE.secretAccessKey, vars.AWS_SECRET_ACCESS_KEY!, vars.AWS_SESSION_TOKEN!]) expect(r.stderr).not.toContain(secret);
    expect(r.stderr).not.toMatch(/Signature=[0-9a-f]{64}/);
    for (const name of entries()) {
      const text = readFileSync(join(cache, name), 'utf8');
      expect(text).not.toContain(ALICE.secretAccessKey);
    }
  });
});
