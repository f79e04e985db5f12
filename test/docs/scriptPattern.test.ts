// The README's pattern for scripts (env, exec, whoami): `creds=$(sts-cli env …) || exit`, then
// `eval "$creds"` (fish: `set creds (…); or exit $status`). With an expired profile it stops the
// script with exit 3 in bash and zsh (with and without `set -e`) and in fish, where
// `eval "$(sts-cli env …)"` carries on: eval of an empty string succeeds.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, tempHome } from '../helpers/cli.js';
import { shell, skipWithout } from '../helpers/peers.js';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
// The lines the README recommends, with its profile name replaced by this test's.
const shPattern = /^(creds=\$\(sts-cli env --profile )dev(\) \|\| exit)[^\n]*\neval "\$creds"$/m.exec(readme);
const fishPattern = /`(set creds \(sts-cli env )dev( --format fish\); or exit \$status; printf '%s\\n' \$creds \| source)`/.exec(readme);

let home: ReturnType<typeof tempHome>;
let env: NodeJS.ProcessEnv;
beforeAll(() => {
  home = tempHome();
  mkdirSync(dirname(home.credentialsFile), { recursive: true, mode: 0o700 });
  mkdirSync(`${home.home}/bin`);
  writeFileSync(`${home.home}/bin/sts-cli`, `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} "$@"\n`, { mode: 0o755 });
  // old expired an hour ago; fresh lasts another hour.
  const at = (ms: number) => new Date(Date.now() + ms).toISOString().replace(/\.\d+Z$/, 'Z');
  writeFileSync(
    home.credentialsFile,
    `[old]\naws_access_key_id = ASIAOLD\naws_secret_access_key = s\naws_session_token = t\nx_security_token_expires = ${at(-3600_000)}\n` +
      `[fresh]\naws_access_key_id = ASIAFRESH\naws_secret_access_key = s\naws_session_token = t\nx_security_token_expires = ${at(3600_000)}\n`,
    { mode: 0o600 },
  );
  env = { ...home.env, PATH: `${home.home}/bin:${process.env.PATH}` };
});
afterAll(() => home.cleanup());

function run(sh: 'bash' | 'zsh' | 'fish', script: string) {
  const args = sh === 'fish' ? ['--no-config', '-c', script] : ['-c', script];
  return spawnSync(sh, args, { env, encoding: 'utf8' });
}

const recommended = (profile: string) => `${shPattern![1]}${profile}${shPattern![2]}\neval "$creds"`;

describe('the README script pattern for env', () => {
  it('is in the README', () => {
    expect(shPattern).not.toBeNull();
    expect(fishPattern).not.toBeNull();
  });

  for (const sh of ['bash', 'zsh'] as const) {
    it(`${sh}: stops the script with exit 3 on an expired profile, with and without set -e; runs on with a fresh one`, () => {
      if (skipWithout(shell(sh))) return;
      for (const prelude of ['', 'set -e\n']) {
        const expired = run(sh, `${prelude}${recommended('old')}\necho "went on"`);
        expect(expired.status, expired.stderr).toBe(3);
        expect(expired.stdout).not.toContain('went on');
        expect(expired.stderr).toMatch(/expired/);
        const fresh = run(sh, `${prelude}${recommended('fresh')}\necho "key $AWS_ACCESS_KEY_ID"`);
        expect(fresh.status, fresh.stderr).toBe(0);
        expect(fresh.stdout).toContain('key ASIAFRESH');
      }
      // What the README warns about: eval of the substitution carries on, even under set -e.
      const naive = run(sh, 'set -e\neval "$(sts-cli env --profile old)"\necho "went on"');
      expect(naive.stdout).toContain('went on');
    });
  }

  it('fish: stops with exit 3 on an expired profile; runs on with a fresh one', () => {
    if (skipWithout(shell('fish'))) return;
    const pattern = (profile: string) => `${fishPattern![1]}${profile}${fishPattern![2]}`;
    const expired = run('fish', `${pattern('old')}; echo "went on"`);
    expect(expired.status, expired.stderr).toBe(3);
    expect(expired.stdout).not.toContain('went on');
    const fresh = run('fish', `${pattern('fresh')}; echo "key $AWS_ACCESS_KEY_ID"`);
    expect(fresh.status, fresh.stderr).toBe(0);
    expect(fresh.stdout).toContain('key ASIAFRESH');
  });
});
