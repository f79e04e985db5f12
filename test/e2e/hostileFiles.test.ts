// End to end, SPEC §11's file guarantees as a user meets them: the built binary refuses with exit 5,
// one or two sentences and the `chmod go-w` hint, and never blocks on a FIFO. The neighbour's steps
// run as a second uid (test/helpers/neighbour.ts). These fail on the code before safePath.ts.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type MockSts, startMockSts } from '../../src/mock/index.js';
import { runCli, tempHome } from '../helpers/cli.js';
import { fifo, releaseFifos } from '../helpers/fifo.js';
import { neighbour } from '../helpers/neighbour.js';

const ROLE = 'arn:aws:iam::123456789012:role/dev';
let sts: MockSts;
let home: ReturnType<typeof tempHome>;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  sts = await startMockSts({ port: 0 });
});
afterAll(async () => {
  await sts.close();
});
beforeEach(() => {
  home = tempHome();
  env = { ...home.env, AWS_ACCESS_KEY_ID: sts.accessKeyId, AWS_SECRET_ACCESS_KEY: sts.secretAccessKey, AWS_ENDPOINT_URL_STS: sts.url };
});
afterEach(() => {
  releaseFifos();
  home.cleanup();
});

describe('files nobody else can steer', () => {
  it('a FIFO as the credentials file: `env` exits 5 at once instead of hanging', async () => {
    mkdirSync(`${home.home}/.aws`, { mode: 0o700 });
    fifo(home.credentialsFile);
    const r = await runCli(['env', '--profile', 'dev'], { env, timeoutMs: 10_000 });
    expect(r.signal).toBeNull();
    expect(r.code).toBe(5);
    expect(r.stderr).toContain('it is a FIFO, not a regular file');
  });

  it('a config file others can write (0666) is refused with `chmod go-w FILE`', async () => {
    mkdirSync(`${home.home}/.aws`, { mode: 0o700 });
    execFileSync('sh', ['-c', 'printf "[profile dev]\\nregion = eu-west-1\\n" > "$1" && chmod 666 "$1"', 'sh', home.configFile]);
    const r = await runCli(['assume', '--role-arn', ROLE, '--profile', 'dev'], { env });
    expect(r.code).toBe(5);
    expect(r.stderr).toContain(`Refusing to read ${home.configFile}: it can be written by other users (mode 0666).`);
    expect(r.stderr).toContain(`chmod go-w ${home.configFile}`);
    expect(r.stderr.trim().split('\n').length).toBeLessThanOrEqual(2);
  });
});

const nb = neighbour();
describe.skipIf(!nb)('against a second user (stscli-neighbour)', () => {
  beforeEach(() => {
    // The neighbour must be able to reach the victim's folders to plant anything.
    chmodSync(home.home, 0o755);
  });

  it('assume --profile with a world-writable ~/.aws and a planted link: exit 5, nothing lands in the neighbour’s folder', async () => {
    const aws = `${home.home}/.aws`;
    mkdirSync(aws);
    chmodSync(aws, 0o777);
    const attacker = `${home.home}/attacker`;
    mkdirSync(attacker);
    execFileSync('chown', [`${nb!.uid}:${nb!.gid}`, attacker]);
    nb!.run('touch "$1/credentials" && chmod 666 "$1/credentials" && ln -s "$1/credentials" "$2"', [attacker, home.credentialsFile]);
    const r = await runCli(['assume', '--role-arn', ROLE, '--profile', 'dev'], { env });
    expect(r.code).toBe(5);
    // The source lookup reads the file first, so the refusal comes on reading; either way nothing is written.
    expect(r.stderr).toMatch(new RegExp(`Refusing to (read|write) ${home.credentialsFile.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    expect(r.stderr).toContain(`chmod go-w ${aws}`);
    expect(readFileSync(`${attacker}/credentials`, 'utf8')).toBe('');
    expect(statSync(`${attacker}/credentials`).mode & 0o7777).toBe(0o666);
    expect(readdirSync(attacker)).toEqual(['credentials']);
  });

  it('credential-process never answers with an entry the neighbour swapped into a cache folder it can write', async () => {
    const env2 = { ...env, XDG_CACHE_HOME: `${home.home}/cache` };
    const args = ['credential-process', '--role-arn', ROLE, '--role-session-name', 'cp'];
    const first = await runCli(args, { env: env2 });
    expect(first.code).toBe(0);
    const dir = `${home.home}/cache/sts-cli`;
    const [entry] = readdirSync(dir);
    const swapped = readFileSync(`${dir}/${entry}`, 'utf8').replace(JSON.parse(first.stdout).AccessKeyId, 'ASIAPLANTEDBYNEIGHBR');
    chmodSync(`${home.home}/cache`, 0o755);
    chmodSync(dir, 0o777);
    nb!.run('printf %s "$2" > "$1.new" && mv -f "$1.new" "$1"', [`${dir}/${entry}`, swapped]);
    expect(statSync(`${dir}/${entry}`).uid).toBe(nb!.uid);
    const second = await runCli(args, { env: env2 });
    expect(second.stdout).not.toContain('ASIAPLANTEDBYNEIGHBR');
    expect(second.code).toBe(5);
    expect(second.stderr).toContain(`chmod go-w ${dir}`);
  });
});
