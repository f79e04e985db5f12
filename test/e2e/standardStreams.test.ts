// End to end: what sts-cli prints is written straight to its file descriptors (standardStreams.ts),
// and reaches the reader whole however the pipe behaves: a pipe a parent left non-blocking and
// full (EAGAIN) is waited for, and a reader that leaves early ends the run quietly with exit 0.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BIN, tempHome } from '../helpers/cli.js';

let home: ReturnType<typeof tempHome>;
beforeEach(() => {
  home = tempHome();
  mkdirSync(join(home.home, '.aws'), { mode: 0o700 });
  // 3000 profiles: a table of some 200 KB, several times what a pipe holds.
  const sections = Array.from(
    { length: 3000 },
    (_, i) => `[keys-${i}]\naws_access_key_id = AKIAEXAMPLE${String(i).padStart(9, '0')}\naws_secret_access_key = s${i}\n`,
  );
  writeFileSync(home.credentialsFile, sections.join(''), { mode: 0o600 });
});
afterEach(() => home.cleanup());

// Runs `sts-cli list` with stdout on a pipe of 4 KB set non-blocking (as a parent that shares its
// own stdout may leave it), read only after a pause: most writes find the pipe full.
const NON_BLOCKING_READER = `
import fcntl, os, subprocess, sys, time
r, w = os.pipe()
fcntl.fcntl(w, 1031, 4096)  # F_SETPIPE_SZ
fcntl.fcntl(w, fcntl.F_SETFL, fcntl.fcntl(w, fcntl.F_GETFL) | os.O_NONBLOCK)
child = subprocess.Popen(sys.argv[1:], stdout=w)
os.close(w)
time.sleep(0.5)
with os.fdopen(r, 'rb') as pipe:
    data = pipe.read()
print(child.wait(), len(data), data.count(b'\\n'))
`;

describe('standard streams', () => {
  it('writes the whole table to a non-blocking pipe that is full, waiting for its reader', () => {
    const whole = spawnSync(process.execPath, [BIN, 'list'], { env: home.env, encoding: 'utf8', maxBuffer: 1 << 24 });
    expect(whole.status).toBe(0);
    expect(whole.stdout.length).toBeGreaterThan(100_000);
    const r = spawnSync('python3', ['-c', NON_BLOCKING_READER, process.execPath, BIN, 'list'], { env: home.env, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe(`0 ${Buffer.byteLength(whole.stdout)} 3001`);
  });

  it('ends quietly with exit 0 when the reader leaves early (`| head`)', () => {
    const r = spawnSync('bash', ['-c', 'set -o pipefail; "$0" "$1" list | head -c 10 >/dev/null; echo $?', process.execPath, BIN], {
      env: home.env,
      encoding: 'utf8',
    });
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe('0');
  });
});
