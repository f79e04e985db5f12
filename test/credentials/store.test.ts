// The credentials file store against a real disk: byte preservation, modes, symlinks, refusals,
// and real concurrent processes sharing one file.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LOCK_TIMEOUT_MS } from '../../src/credentials/lock.js';
import { readProfiles, writeProfile } from '../../src/credentials/store.js';
import { FileError, ProtectedProfileError, UnsafeFileError, UsageError } from '../../src/errors.js';
import type { TemporaryCredentials } from '../../src/sts/types.js';
import { fifo, releaseFifos } from '../helpers/fifo.js';
import { neighbour } from '../helpers/neighbour.js';

const root = mkdtempSync(join(tmpdir(), 'sts-store-'));
// Traversable, so that the neighbour of the SPEC §11 tests can reach its own folder in here.
chmodSync(root, 0o755);
afterEach(releaseFifos);
afterAll(() => rmSync(root, { recursive: true, force: true }));
let dir: string;
let n = 0;
beforeEach(() => {
  dir = join(root, `t${n++}`);
  mkdirSync(dir);
});

const creds = (tag: string): TemporaryCredentials => ({
  accessKeyId: `ASIA${tag.toUpperCase().padEnd(16, 'X')}`,
  secretAccessKey: `secret/${tag}+abc=`,
  sessionToken: `token;${tag}#x`,
  expiration: new Date('2026-11-23T13:00:00.456Z'),
});

const ORIGINAL = [
  '# my credentials; do not lose this comment',
  '',
  '[default]',
  'aws_access_key_id = AKIALONGTERMKEY00001',
  'aws_secret_access_key = long/term+secret',
  '',
  '[a.b]',
  'region=eu-west-1   ',
  'note = value ; with semicolon # and hash',
  '',
  '[dev]',
  'aws_access_key_id   =   ASIAOLD',
  'aws_session_token=oldtoken',
  'aws_security_token = stale',
  'region = us-west-2',
  's3 =',
  '  max_concurrent = 2',
  '; trailing comment in dev',
  '',
  '   ',
  '[other]',
  'key: colon value',
].join('\n');

const DEV_AFTER = (tag: string) =>
  [
    '[dev]',
    `aws_access_key_id   =   ${creds(tag).accessKeyId}`,
    `aws_session_token=${creds(tag).sessionToken}`,
    'region = us-west-2',
    's3 =',
    '  max_concurrent = 2',
    `aws_secret_access_key = ${creds(tag).secretAccessKey}`,
    'x_security_token_expires = 2026-11-23T13:00:00Z',
    '; trailing comment in dev',
    '',
    '   ',
    '',
  ].join('\n');

const dirEntries = (d: string) => readdirSync(d).sort();

describe('writeProfile keeps every other byte', () => {
  for (const eol of ['\n', '\r\n']) {
    it(`rewrites only [dev] (${JSON.stringify(eol)}), again and again`, async () => {
      const file = join(dir, 'credentials');
      const original = ORIGINAL.replaceAll('\n', eol);
      writeFileSync(file, original);
      const devStart = original.indexOf('[dev]');
      const otherStart = original.indexOf(`[other]`);
      for (const tag of ['one', 'two', 'three']) {
        await writeProfile(file, 'dev', creds(tag), {});
        const text = readFileSync(file, 'utf8');
        expect(text.slice(0, devStart)).toBe(original.slice(0, devStart));
        expect(text.slice(text.indexOf('[other]'))).toBe(original.slice(otherStart));
        expect(text.slice(devStart, text.indexOf('[other]'))).toBe(DEV_AFTER(tag).replaceAll('\n', eol));
      }
      const profiles = await readProfiles(file);
      expect(profiles.get('dev')).toMatchObject({ aws_session_token: creds('three').sessionToken, region: 'us-west-2' });
      expect(profiles.get('dev')).not.toHaveProperty('aws_security_token');
      expect(profiles.get('a.b')).toEqual({ region: 'eu-west-1', note: 'value ; with semicolon # and hash' });
      expect(dirEntries(dir)).toEqual(['credentials']);
    });
  }

  it('appends a new profile and keeps a missing final newline elsewhere intact', async () => {
    const file = join(dir, 'credentials');
    writeFileSync(file, ORIGINAL);
    await writeProfile(file, 'new.one', creds('n'), {});
    const text = readFileSync(file, 'utf8');
    expect(text.startsWith(`${ORIGINAL}\n\n[new.one]\n`)).toBe(true);
    expect((await readProfiles(file)).get('new.one')).toEqual({
      aws_access_key_id: creds('n').accessKeyId,
      aws_secret_access_key: creds('n').secretAccessKey,
      aws_session_token: creds('n').sessionToken,
      x_security_token_expires: '2026-11-23T13:00:00Z',
    });
  });
});

describe('writeProfile files and folders', () => {
  it('creates the file 0600 in a new folder 0700', async () => {
    const file = join(dir, 'home', '.aws', 'credentials');
    await writeProfile(file, 'x', creds('x'), {});
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, 'home', '.aws')).mode & 0o777).toBe(0o700);
    expect(dirEntries(join(dir, 'home', '.aws'))).toEqual(['credentials']);
  });

  // SPEC §11 changed this: an existing file's mode was kept; now it is 0600 whatever it was.
  for (const mode of [0o640, 0o644, 0o700]) {
    it(`writes 0600 whatever mode the file had (0${mode.toString(8)})`, async () => {
      const file = join(dir, 'credentials');
      writeFileSync(file, '[x]\nregion = eu\n');
      chmodSync(file, mode);
      await writeProfile(file, 'x', creds('x'), {});
      expect(statSync(file).mode & 0o7777).toBe(0o600);
      expect((await readProfiles(file)).get('x')).toMatchObject({ region: 'eu', aws_access_key_id: creds('x').accessKeyId });
    });
  }

  it('follows a symlink, writes the target and keeps the link', async () => {
    mkdirSync(join(dir, 'real'));
    mkdirSync(join(dir, '.aws'));
    const target = join(dir, 'real', 'credentials');
    writeFileSync(target, '[keep]\nk = v\n');
    const link = join(dir, '.aws', 'credentials');
    symlinkSync('../real/credentials', link);
    await writeProfile(link, 'x', creds('x'), {});
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readFileSync(target, 'utf8')).toMatch(/^\[keep\]\nk = v\n\n\[x\]\naws_access_key_id = ASIA/);
    expect(dirEntries(join(dir, '.aws'))).toEqual(['credentials']);
    expect(dirEntries(join(dir, 'real'))).toEqual(['credentials']);
  });

  it('follows a dangling symlink and creates its target', async () => {
    const link = join(dir, 'credentials');
    symlinkSync('elsewhere/creds', link);
    await writeProfile(link, 'x', creds('x'), {});
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect((await readProfiles(link)).get('x')?.aws_access_key_id).toBe(creds('x').accessKeyId);
    expect(statSync(join(dir, 'elsewhere', 'creds')).mode & 0o777).toBe(0o600);
  });

  it('leaves an unparseable file untouched (bytes and mtime) and exits 5 naming the line', async () => {
    const file = join(dir, 'credentials');
    const bad = '[ok]\nk = v\nthis line is garbage\n';
    writeFileSync(file, bad);
    const past = new Date('2020-01-01T00:00:00Z');
    utimesSync(file, past, past);
    const error = await writeProfile(file, 'ok', creds('x'), {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FileError);
    expect((error as FileError).exitCode).toBe(5);
    expect((error as FileError).code).toBe('ERR_FILE');
    expect((error as FileError).message).toContain('line 3');
    expect((error as FileError).message).toContain(file);
    expect(readFileSync(file, 'utf8')).toBe(bad);
    expect(statSync(file).mtimeMs).toBe(past.getTime());
    expect(dirEntries(dir)).toEqual(['credentials']);
    await expect(readProfiles(file)).rejects.toMatchObject({ code: 'ERR_FILE', exitCode: 5 });
  });

  it('refuses a file that is not UTF-8', async () => {
    const file = join(dir, 'credentials');
    writeFileSync(file, Buffer.from([0x5b, 0x78, 0x5d, 0x0a, 0x6b, 0x3d, 0xff, 0x0a]));
    await expect(writeProfile(file, 'x', creds('x'), {})).rejects.toMatchObject({ code: 'ERR_FILE', exitCode: 5 });
    expect(readFileSync(file)).toEqual(Buffer.from([0x5b, 0x78, 0x5d, 0x0a, 0x6b, 0x3d, 0xff, 0x0a]));
  });

  it('refuses to overwrite long-term keys without force (exit 5), then does with force', async () => {
    const file = join(dir, 'credentials');
    const original = '[default]\naws_access_key_id = AKIALONG\naws_secret_access_key = s\n';
    writeFileSync(file, original);
    const error = await writeProfile(file, 'default', creds('x'), {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProtectedProfileError);
    expect((error as ProtectedProfileError).exitCode).toBe(5);
    expect((error as ProtectedProfileError).code).toBe('ERR_PROFILE_PROTECTED');
    expect(readFileSync(file, 'utf8')).toBe(original);
    expect(dirEntries(dir)).toEqual(['credentials']);
    await writeProfile(file, 'default', creds('x'), { force: true });
    expect((await readProfiles(file)).get('default')?.aws_session_token).toBe(creds('x').sessionToken);
  });

  it('treats a section with only aws_security_token as temporary, and removes that token', async () => {
    const file = join(dir, 'credentials');
    writeFileSync(file, '[t]\naws_access_key_id = ASIAOLD\naws_secret_access_key = s\naws_security_token = old\n');
    await writeProfile(file, 't', creds('x'), {});
    const text = readFileSync(file, 'utf8');
    expect(text).not.toContain('aws_security_token');
    expect(text).toBe(
      `[t]\naws_access_key_id = ${creds('x').accessKeyId}\naws_secret_access_key = ${creds('x').secretAccessKey}\naws_session_token = ${creds('x').sessionToken}\nx_security_token_expires = 2026-11-23T13:00:00Z\n`,
    );
  });

  it('reports an unwritable place as FileError naming the path', async () => {
    writeFileSync(join(dir, 'file'), 'not a folder');
    const file = join(dir, 'file', 'credentials');
    const error = await writeProfile(file, 'x', creds('x'), {}).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'ERR_FILE', exitCode: 5 });
    expect((error as Error).message).toContain(file);
    expect((error as Error).message).not.toContain(creds('x').secretAccessKey);
  });

  it('reports a folder in place of the file', async () => {
    const file = join(dir, 'credentials');
    mkdirSync(file);
    await expect(writeProfile(file, 'x', creds('x'), {})).rejects.toMatchObject({ code: 'ERR_FILE', exitCode: 5 });
    await expect(readProfiles(file)).rejects.toMatchObject({ code: 'ERR_FILE', exitCode: 5 });
    expect(dirEntries(dir)).toEqual(['credentials']);
  });

  it('refuses DEFAULT and names with line breaks (exit 2)', async () => {
    const file = join(dir, 'credentials');
    await expect(writeProfile(file, 'DEFAULT', creds('x'), {})).rejects.toBeInstanceOf(UsageError);
    await expect(writeProfile(file, 'a\nb', creds('x'), {})).rejects.toMatchObject({ exitCode: 2 });
    expect(existsSync(file)).toBe(false);
  });

  it('reads a missing file as no profiles', async () => {
    expect((await readProfiles(join(dir, 'none'))).size).toBe(0);
  });
});

describe('writeProfile locking', () => {
  it('takes over a lock left by a dead process', async () => {
    const file = join(dir, 'credentials');
    const dead = spawnSync(process.execPath, ['-e', '0']).pid!;
    writeFileSync(`${file}.lock`, `${dead} ${hostname()} ${Date.now()} abc\n`);
    const started = Date.now();
    await writeProfile(file, 'x', creds('x'), {});
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(dirEntries(dir)).toEqual(['credentials']);
  });

  it('takes over an old lock even when its pid is alive (pid reuse)', async () => {
    const file = join(dir, 'credentials');
    writeFileSync(`${file}.lock`, `1 ${hostname()} 0 abc\n`);
    const old = new Date(Date.now() - 60_000);
    utimesSync(`${file}.lock`, old, old);
    await writeProfile(file, 'x', creds('x'), {});
    expect(dirEntries(dir)).toEqual(['credentials']);
  });

  it('waits for a live fresh lock to go away', async () => {
    const file = join(dir, 'credentials');
    writeFileSync(`${file}.lock`, `${process.pid} ${hostname()} ${Date.now()} held\n`);
    const started = Date.now();
    setTimeout(() => rmSync(`${file}.lock`), 400);
    await writeProfile(file, 'x', creds('x'), {});
    expect(Date.now() - started).toBeGreaterThanOrEqual(380);
    expect(dirEntries(dir)).toEqual(['credentials']);
  });

  it('concurrent writes from one process all land', async () => {
    const file = join(dir, 'credentials');
    await Promise.all(Array.from({ length: 10 }, (_, i) => writeProfile(file, `p${i}`, creds(`p${i}`), {})));
    expect([...(await readProfiles(file)).keys()].sort()).toEqual(Array.from({ length: 10 }, (_, i) => `p${i}`).sort());
  });

  it('8 real processes writing different profiles at once lose none', async () => {
    const child = join(dir, 'child.mjs');
    await build({
      stdin: {
        contents: `import { writeProfile } from './src/credentials/store.js';
const [file, name, count] = process.argv.slice(2);
for (let i = 0; i < Number(count); i++) {
  await writeProfile(file, name + '-' + i, { accessKeyId: 'ASIA' + name, secretAccessKey: 's' + i, sessionToken: 't' + i, expiration: new Date(Date.UTC(2030, 0, 1)) }, {});
}`,
        resolveDir: resolve(import.meta.dirname, '../..'),
        loader: 'ts',
      },
      bundle: true,
      platform: 'node',
      format: 'esm',
      outfile: child,
      logLevel: 'error',
    });
    const file = join(dir, 'data', 'credentials');
    mkdirSync(join(dir, 'data'));
    writeFileSync(file, '# shared\n[keep]\nk = v ; x\n');
    const runs = Array.from(
      { length: 8 },
      (_, i) =>
        new Promise<number>((done, fail) => {
          const p = spawn(process.execPath, [child, file, `w${i}`, '3'], { stdio: ['ignore', 'ignore', 'pipe'] });
          let err = '';
          p.stderr.on('data', (d: Buffer) => (err += d));
          p.on('error', fail);
          p.on('exit', (code) => (code === 0 ? done(code) : fail(new Error(`child ${i} exited ${code}: ${err}`))));
        }),
    );
    await Promise.all(runs);
    const names = [...(await readProfiles(file)).keys()].sort();
    expect(names).toEqual(['keep', ...Array.from({ length: 8 }, (_, i) => [0, 1, 2].map((j) => `w${i}-${j}`)).flat()].sort());
    expect(readFileSync(file, 'utf8').startsWith('# shared\n[keep]\nk = v ; x\n')).toBe(true);
    expect(dirEntries(join(dir, 'data'))).toEqual(['credentials']);
  });
});

// SPEC §11: nothing another local user could steer is written. These tests fail on the code before
// safePath.ts: it followed the link into the neighbour's folder, kept 0666, blocked on FIFOs and
// waited 20 s for any lock naming a live pid.
describe('writeProfile refuses what a neighbour could steer', () => {
  const untouched = (file: string, text: string, mode: number) => {
    expect(readFileSync(file, 'utf8')).toBe(text);
    expect(statSync(file).mode & 0o7777).toBe(mode);
  };

  it('refuses a credentials file others can write (0666) and leaves it untouched (exit 5, `chmod go-w FILE`)', async () => {
    const file = join(dir, 'credentials');
    writeFileSync(file, '[keep]\nk = v\n');
    chmodSync(file, 0o666);
    const error = await writeProfile(file, 'x', creds('x'), {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnsafeFileError);
    expect(error).toMatchObject({ code: 'ERR_FILE_UNSAFE', exitCode: 5 });
    expect((error as Error).message).toBe(`Refusing to write ${file}: it can be written by other users (mode 0666).`);
    expect((error as UnsafeFileError).hint).toContain(`chmod go-w ${file}`);
    untouched(file, '[keep]\nk = v\n', 0o666);
    expect(dirEntries(dir)).toEqual(['credentials']);
  });

  it('refuses a folder others can write, for an existing file and a new one, creating nothing', async () => {
    const aws = join(dir, '.aws');
    mkdirSync(aws);
    chmodSync(aws, 0o777);
    const error = await writeProfile(join(aws, 'credentials'), 'x', creds('x'), {}).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'ERR_FILE_UNSAFE', exitCode: 5 });
    expect((error as Error).message).toContain(`the folder ${aws} can be written by other users (mode 0777)`);
    expect((error as UnsafeFileError).hint).toContain(`chmod go-w ${aws}`);
    expect(dirEntries(aws)).toEqual([]);
    writeFileSync(join(aws, 'credentials'), '[keep]\n', { mode: 0o600 });
    await expect(writeProfile(join(aws, 'credentials'), 'x', creds('x'), {})).rejects.toMatchObject({ code: 'ERR_FILE_UNSAFE' });
    untouched(join(aws, 'credentials'), '[keep]\n', 0o600);
    expect(dirEntries(aws)).toEqual(['credentials']);
  });

  it('refuses a FIFO as the credentials file without blocking', { timeout: 5_000 }, async () => {
    const file = fifo(join(dir, 'credentials'));
    const error = await writeProfile(file, 'x', creds('x'), {}).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'ERR_FILE', exitCode: 5, message: `Cannot write ${file}: it is a FIFO, not a regular file.` });
    expect(lstatSync(file).isFIFO()).toBe(true);
    expect(dirEntries(dir)).toEqual(['credentials']);
  });

  it('refuses a device as the credentials file', async () => {
    const file = join(dir, 'credentials');
    // As root a private null device (never the real /dev/null, which the old code would replace);
    // otherwise a link to /dev/null, which a user cannot replace.
    if (process.getuid?.() === 0) execFileSync('mknod', [file, 'c', '1', '3']);
    else symlinkSync('/dev/null', file);
    const error = await writeProfile(file, 'x', creds('x'), {}).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'ERR_FILE', exitCode: 5 });
    expect((error as Error).message).toContain('it is a character device, not a regular file.');
    expect(lstatSync(file).isCharacterDevice() || lstatSync(file).isSymbolicLink()).toBe(true);
    expect(dirEntries(dir)).toEqual(['credentials']);
  });

  it('refuses a FIFO as the lock file without blocking', { timeout: 5_000 }, async () => {
    const file = join(dir, 'credentials');
    writeFileSync(file, '[keep]\n', { mode: 0o600 });
    fifo(`${file}.lock`);
    const error = await writeProfile(file, 'x', creds('x'), {}).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'ERR_FILE', exitCode: 5, message: `Cannot lock ${file}.lock: it is a FIFO, not a regular file.` });
    untouched(file, '[keep]\n', 0o600);
  });

  it('gives up on a lock held by a live process after the bound (10 s by default), naming its pid', { timeout: 5_000 }, async () => {
    const file = join(dir, 'credentials');
    const holder = spawn('sleep', ['30'], { stdio: 'ignore' });
    try {
      writeFileSync(`${file}.lock`, `${holder.pid} ${hostname()} ${Date.now()} planted\n`);
      const started = Date.now();
      const error = await writeProfile(file, 'x', creds('x'), { lockTimeoutMs: 300 }).catch((e: unknown) => e);
      expect(Date.now() - started).toBeLessThan(2_000);
      expect(Date.now() - started).toBeGreaterThanOrEqual(300);
      expect(error).toMatchObject({ code: 'ERR_FILE', exitCode: 5 });
      expect((error as Error).message).toBe(`Timed out after 0.3 s waiting for the lock ${file}.lock, held by process ${holder.pid}.`);
      expect((error as FileError).hint).toContain(`process ${holder.pid}`);
      expect(existsSync(file)).toBe(false);
      expect(dirEntries(dir)).toEqual(['credentials.lock']);
    } finally {
      holder.kill();
    }
    expect(LOCK_TIMEOUT_MS).toBe(10_000);
  });
});

const nb = neighbour();
describe.skipIf(!nb)('writeProfile against a second user (stscli-neighbour)', () => {
  // The victim's home, traversable for the neighbour, and the neighbour's own folder.
  function scene() {
    const home = join(dir, 'victim');
    mkdirSync(join(home, '.aws'), { recursive: true, mode: 0o755 });
    chmodSync(home, 0o755);
    const attacker = join(dir, 'attacker');
    mkdirSync(attacker);
    chmodSync(attacker, 0o755);
    execFileSync('chown', [`${nb!.uid}:${nb!.gid}`, attacker]);
    return { aws: join(home, '.aws'), file: join(home, '.aws', 'credentials'), attacker };
  }

  it('a world-writable ~/.aws with a planted link into the neighbour’s folder is refused; its 0666 file stays as it was', async () => {
    const { aws, file, attacker } = scene();
    chmodSync(aws, 0o777);
    nb!.run('touch "$1/credentials" && chmod 666 "$1/credentials" && ln -s "$1/credentials" "$2"', [attacker, file]);
    const error = await writeProfile(file, 'x', creds('x'), {}).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'ERR_FILE_UNSAFE', exitCode: 5 });
    expect((error as Error).message).toContain(`Refusing to write ${file}`);
    const planted = statSync(join(attacker, 'credentials'));
    expect([planted.uid, planted.mode & 0o7777, planted.size]).toEqual([nb!.uid, 0o666, 0]);
    expect(dirEntries(attacker)).toEqual(['credentials']);
    expect(lstatSync(file).isSymbolicLink()).toBe(true);
    expect(dirEntries(aws)).toEqual(['credentials']);
  });

  it('the link target’s folder decides even when ~/.aws is safe: a link into the neighbour’s folder is refused', async () => {
    const { file, attacker } = scene();
    symlinkSync(join(attacker, 'credentials'), file);
    const error = await writeProfile(file, 'x', creds('x'), {}).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'ERR_FILE_UNSAFE', exitCode: 5 });
    expect((error as Error).message).toContain(
      `(which leads to ${join(attacker, 'credentials')}): the folder ${attacker} belongs to another user (uid ${nb!.uid})`,
    );
    expect(dirEntries(attacker)).toEqual([]);
  });

  it('a credentials file the neighbour planted while ~/.aws was open is refused after the folder is fixed', async () => {
    const { aws, file } = scene();
    chmodSync(aws, 0o777);
    nb!.run('printf "[default]\\naws_access_key_id = AKIANEIGHBOUR\\naws_secret_access_key = s\\n" > "$1"', [file]);
    chmodSync(aws, 0o755);
    const error = await writeProfile(file, 'x', creds('x'), {}).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'ERR_FILE_UNSAFE', exitCode: 5 });
    expect((error as Error).message).toBe(`Refusing to write ${file}: it belongs to another user (uid ${nb!.uid}).`);
    await expect(readProfiles(file)).rejects.toMatchObject({ code: 'ERR_FILE_UNSAFE' });
    expect(statSync(file).uid).toBe(nb!.uid);
  });

  it('a symlinked file is still followed and the link kept when both folders are the user’s', async () => {
    const { aws, file } = scene();
    mkdirSync(join(dir, 'real'), { mode: 0o700 });
    symlinkSync(join(dir, 'real', 'credentials'), file);
    await writeProfile(file, 'x', creds('x'), {});
    expect(lstatSync(file).isSymbolicLink()).toBe(true);
    expect(statSync(join(dir, 'real', 'credentials')).mode & 0o7777).toBe(0o600);
    expect(dirEntries(aws)).toEqual(['credentials']);
  });
});
