// MFA once a day (SPEC §7), through the built binary against the mock's config (roles that require
// MFA, a TOTP device): the code is asked for once, on a pseudo-terminal or with --token-code, a
// GetSessionToken session made with it is cached, and later assumes (other roles too) use it
// without a code and without the 1-hour cap of role chaining.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type MockRequestLog, type MockSts, startMockSts } from '../../src/mock/index.js';
import { totp } from '../../src/mock/totp.js';
import { BIN, runCli, tempHome } from '../helpers/cli.js';
import { boto3, skipWithout } from '../helpers/peers.js';

const run = promisify(execFile);
const PTY = new URL('../helpers/pty_answer.py', import.meta.url).pathname;

const ALICE = { accessKeyId: 'AKIAALICE00000000000', secretAccessKey: 'alice-secret-key-0123456789abcdefghijklm' };
const SECRET = 'JBSWY3DPEHPK3PXP';
const SERIAL = 'arn:aws:iam::111111111111:mfa/alice';
const ADMIN = 'arn:aws:iam::222222222222:role/admin';
const AUDIT = 'arn:aws:iam::333333333333:role/audit';
const ABOVE = 'arn:aws:iam::444444444444:role/above';

let sts: MockSts;
const log: MockRequestLog[] = [];
beforeAll(async () => {
  sts = await startMockSts({
    config: {
      users: [{ ...ALICE, name: 'alice', account: '111111111111' }],
      roles: [
        { arn: ADMIN, maxSessionDuration: 43200, trust: { users: ['alice'] }, mfa: { serialNumber: SERIAL, totpSecret: SECRET } },
        { arn: AUDIT, maxSessionDuration: 43200, trust: { users: ['alice'] }, mfa: { serialNumber: SERIAL, totpSecret: SECRET } },
        { arn: ABOVE, maxSessionDuration: 43200, trust: { users: [ADMIN] }, mfa: { serialNumber: SERIAL, totpSecret: SECRET } },
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
  writeFileSync(home.credentialsFile, `[alice]\naws_access_key_id = ${ALICE.accessKeyId}\naws_secret_access_key = ${ALICE.secretAccessKey}\n`);
  writeFileSync(
    home.configFile,
    `[profile admin]
role_arn = ${ADMIN}
source_profile = alice
mfa_serial = ${SERIAL}
duration_seconds = 7200
endpoint_url = ${sts.url}

[profile audit]
role_arn = ${AUDIT}
source_profile = alice
mfa_serial = ${SERIAL}
endpoint_url = ${sts.url}

[profile above]
role_arn = ${ABOVE}
source_profile = admin
mfa_serial = ${SERIAL}
endpoint_url = ${sts.url}
`,
  );
  log.length = 0;
});

async function reset(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 50));
  log.length = 0;
}
afterEach(() => home.cleanup());

const code = () => totp(SECRET, new Date());
const actions = () => log.filter((e) => e.action).map((e) => `${e.action} ${e.status}`);
// The mock logs a request once its answer is out, a moment after the command may have exited.
const settle = () => new Promise((resolve) => setTimeout(resolve, 50));
const cli = async (args: string[]) => {
  const result = await runCli(args, { env: home.env });
  await settle();
  return result;
};
const exportsOf = (stdout: string) => Object.fromEntries([...stdout.matchAll(/^export (\w+)=(.*)$/gm)].map(([, k, v]) => [k!, v!.replace(/^'|'$/g, '')]));
const hoursLeft = (iso: string) => (Date.parse(iso) - Date.now()) / 3600_000;

function cachedSessions(): Array<{ expiration: string; assumedRoleUser?: unknown }> {
  if (!existsSync(cache)) return [];
  return readdirSync(cache).map((name) => {
    const { result } = JSON.parse(readFileSync(join(cache, name), 'utf8'));
    return { expiration: result.credentials.expiration, ...(result.assumedRoleUser ? { assumedRoleUser: result.assumedRoleUser } : {}) };
  });
}

describe('MFA once a day', () => {
  it('--token-code without a terminal: one GetSessionToken with the code, then no code until the MFA session expires', async () => {
    const first = await cli(['env', 'admin', '--token-code', code()]);
    expect(first.code, first.stderr).toBe(0);
    expect(actions()).toEqual(['GetSessionToken 200', 'AssumeRole 200']);
    // The AssumeRole is signed by the MFA session, not alice's keys, and lasts the profile's 2 hours:
    // the role's own maximum applies, since an MFA session is not role chaining.
    const [session, role] = log.filter((e) => e.action);
    expect(session!.accessKeyId).toBe(ALICE.accessKeyId);
    expect(role!.accessKeyId).toMatch(/^ASIA/);
    expect(hoursLeft(exportsOf(first.stdout).AWS_CREDENTIAL_EXPIRATION!)).toBeGreaterThan(1.9);
    // The MFA session lasts 12 hours by default.
    const mfa = cachedSessions().find((s) => !s.assumedRoleUser)!;
    expect(hoursLeft(mfa.expiration)).toBeGreaterThan(11.9);

    await reset();
    const again = await cli(['exec', 'admin', '--', 'sh', '-c', 'echo "$AWS_ACCESS_KEY_ID"']);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout.trim()).toBe(exportsOf(first.stdout).AWS_ACCESS_KEY_ID);
    expect(actions()).toEqual([]);

    // Another role with the same device: the MFA session signs it, no code asked.
    const audit = await cli(['env', 'audit']);
    expect(audit.code, audit.stderr).toBe(0);
    expect(actions()).toEqual(['AssumeRole 200']);
    // assume PROFILE takes the same way, and --duration beyond 1 hour is no role chaining either.
    await reset();
    const long = await cli(['assume', 'audit', '--duration', '6h', '--format', 'json']);
    expect(long.code, long.stderr).toBe(0);
    expect(hoursLeft(JSON.parse(long.stdout).Credentials.Expiration)).toBeGreaterThan(5.9);
    expect(actions()).toEqual(['AssumeRole 200']);
    // --refresh assumes the role again but keeps the MFA session: still no code.
    await reset();
    const refreshed = await cli(['env', 'admin', '--refresh']);
    expect(refreshed.code, refreshed.stderr).toBe(0);
    expect(actions()).toEqual(['AssumeRole 200']);
  });

  it('exec --server serves a role behind MFA from the cached MFA session: no code asked, none sent', { timeout: 60_000 }, async () => {
    if (skipWithout(boto3())) return;
    expect((await cli(['env', 'audit', '--token-code', code()])).code).toBe(0);
    await reset();
    const child = 'import boto3; print(boto3.Session().client("sts").get_caller_identity()["Arn"])';
    const r = await runCli(['exec', 'admin', '--server', '--', 'python3', '-c', child], {
      env: { ...home.env, AWS_ENDPOINT_URL_STS: sts.url, AWS_REGION: 'us-east-1', AWS_DEFAULT_REGION: 'us-east-1' },
      timeoutMs: 45_000,
    });
    await settle();
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.trim()).toMatch(/^arn:aws:sts::222222222222:assumed-role\/admin\/sts-cli-\d+$/);
    // admin's AssumeRole signed by the cached MFA session; the child's GetCallerIdentity with what it was served.
    expect(actions()).toEqual(['AssumeRole 200', 'GetCallerIdentity 200']);
  });

  it('--mfa-session-duration sets the MFA session’s length', async () => {
    const r = await cli(['env', 'audit', '--token-code', code(), '--mfa-session-duration', '1h']);
    expect(r.code, r.stderr).toBe(0);
    const mfa = cachedSessions().find((s) => !s.assumedRoleUser)!;
    expect(hoursLeft(mfa.expiration)).toBeGreaterThan(0.9);
    expect(hoursLeft(mfa.expiration)).toBeLessThan(1.1);
  });

  it('without a terminal or --token-code: exit 2, one sentence naming the device, nothing sent', async () => {
    const r = await cli(['env', 'admin']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim()).toMatch(new RegExp(`^sts-cli: The MFA device ${SERIAL} needs a code: pass --token-code`));
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(actions()).toEqual([]);
  });

  it('a wrong code is refused by the STS (exit 1) and nothing is cached', async () => {
    const wrong = String((Number(code()) + 500_000) % 1_000_000).padStart(6, '0');
    const r = await cli(['env', 'admin', '--token-code', wrong]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('AccessDenied');
    expect(r.stderr).not.toContain(wrong);
    expect(cachedSessions()).toEqual([]);
  });

  it('a hop above a role (temporary keys below it) gets the code in its AssumeRole', async () => {
    const r = await cli(['env', 'above', '--token-code', code()]);
    expect(r.code, r.stderr).toBe(0);
    expect(actions()).toEqual(['GetSessionToken 200', 'AssumeRole 200', 'AssumeRole 200']);
  });

  it('sts-cli list shows the sessions of roles behind MFA, found from the MFA session’s entry, and sends nothing', async () => {
    const above = await cli(['env', 'above', '--token-code', code()]);
    expect(above.code, above.stderr).toBe(0);
    await reset();
    const r = await cli(['list', '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const rows = new Map((JSON.parse(r.stdout).profiles as Array<{ name: string; expiration?: string; expiry?: string }>).map((row) => [row.name, row]));
    // above's chain: the MFA session of alice's keys, admin's AssumeRole signed by it, then above's with the code.
    expect(rows.get('above')).toMatchObject({ expiration: exportsOf(above.stdout).AWS_CREDENTIAL_EXPIRATION, expiry: 'cache' });
    // admin's session is the one above's chain assumed (the same endpoint and region): cached too.
    expect(hoursLeft(rows.get('admin')!.expiration!)).toBeGreaterThan(1.9);
    expect(rows.get('admin')?.expiry).toBe('cache');
    // audit was never assumed: its first entry (the same MFA session) is there, its AssumeRole is not.
    expect(rows.get('audit')?.expiration).toBeUndefined();
    expect(actions()).toEqual([]);
  });

  it('on a terminal the code is asked for once (a pseudo-terminal answers the prompt)', { timeout: 60_000 }, async () => {
    const out = join(home.home, 'exports');
    const command = ['sh', '-c', `exec "$0" "$1" env admin > "$2"`, process.execPath, BIN, out];
    const asked = await run('python3', [PTY, 'MFA code for', code(), ...command], { env: home.env });
    await settle();
    expect(asked.stdout).toContain(`MFA code for ${SERIAL}: `);
    expect(exportsOf(readFileSync(out, 'utf8')).AWS_ACCESS_KEY_ID).toMatch(/^ASIA/);
    expect(actions()).toEqual(['GetSessionToken 200', 'AssumeRole 200']);
    // Later, on the same terminal: no prompt, nothing sent.
    await reset();
    const later = await run('python3', [PTY, 'MFA code for', '000000', ...command], { env: home.env });
    await settle();
    expect(later.stdout).not.toContain('MFA code for');
    expect(actions()).toEqual([]);
    // A typed code of the wrong shape is exit 2, and nothing is sent.
    await run('rm', ['-rf', cache]);
    const typo = await run('python3', [PTY, 'MFA code for', '12ab', ...command], { env: home.env }).catch((error: { code: number; stdout: string }) => error);
    await settle();
    expect(typo.code).toBe(2);
    expect(typo.stdout).toContain('--token-code must be exactly 6 digits');
    expect(actions()).toEqual([]);
  });
});
