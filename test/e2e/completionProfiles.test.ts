// Profile names complete from both files in each real shell (SPEC §7): after --profile and
// --source-profile, and as the profile argument of assume, env, exec and whoami. bash through its
// own completion machinery (complete -p, the function it registered, COMPREPLY), fish through
// `complete -C`, zsh through a real interactive shell in tmux (TAB, then the screen). The scripts
// call back `sts-cli list --names`: here a `sts-cli` on PATH that runs the built binary.
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, runCli, tempHome } from '../helpers/cli.js';
import { shell, skipWithout } from '../helpers/peers.js';

let home: ReturnType<typeof tempHome>;
let env: NodeJS.ProcessEnv;
const scripts: Record<'bash' | 'zsh' | 'fish', string> = { bash: '', zsh: '', fish: '' };
// The names: config file's first, then the credentials file's; a name sts-cli refuses never shows,
// and one that a shell would expand stays inert.
const NAMES = ['dev', 'dev-admin', 'staging', 'base', '$(touch$IFS./pwned)'];

beforeAll(async () => {
  home = tempHome();
  mkdirSync(`${home.home}/.aws`, { mode: 0o700 });
  mkdirSync(`${home.home}/bin`);
  symlinkSync(BIN, `${home.home}/bin/sts-cli`);
  writeFileSync(
    home.configFile,
    '[profile dev]\nrole_arn = arn:aws:iam::1:role/dev\nsource_profile = base\n[profile dev-admin]\nrole_arn = arn:aws:iam::1:role/admin\nsource_profile = base\n[profile staging]\nregion = eu-west-1\n',
    { mode: 0o600 },
  );
  writeFileSync(
    home.credentialsFile,
    '[base]\naws_access_key_id = AKIDEXAMPLE\naws_secret_access_key = secret\n[has space]\nregion = x\n[$(touch$IFS./pwned)]\nregion = y\n',
    { mode: 0o600 },
  );
  env = { ...home.env, PATH: `${home.home}/bin:${process.env.PATH}` };
  for (const name of ['bash', 'zsh', 'fish'] as const) {
    const r = await runCli(['completion', name], { env });
    expect(r.code).toBe(0);
    scripts[name] = `${home.home}/completion.${name}`;
    writeFileSync(scripts[name], r.stdout);
  }
  expect((await runCli(['list', '--names'], { env })).stdout.trim().split('\n')).toEqual(NAMES);
});
afterAll(() => home.cleanup());

function expectNoExpansion() {
  expect(spawnSync('ls', [home.home], { encoding: 'utf8' }).stdout).not.toContain('pwned');
}

describe('bash', () => {
  // Completes `words` (the last one being typed) as bash does on TAB: the function `complete -p` names.
  function complete(words: string[]): string[] {
    const script = `source ${JSON.stringify(scripts.bash)}
spec=$(complete -p sts-cli) || exit 9
fn=\${spec#*-F }; fn=\${fn%% *}
COMP_WORDS=( "$@" ); COMP_CWORD=$(( \${#COMP_WORDS[@]} - 1 )); COMP_LINE="$*"; COMP_POINT=\${#COMP_LINE}
"$fn" sts-cli "\${COMP_WORDS[COMP_CWORD]}" "\${COMP_WORDS[COMP_CWORD-1]}"
printf '%s\\n' "\${COMPREPLY[@]}"`;
    const r = spawnSync('bash', ['-c', script, 'bash', ...words], { env, cwd: home.home, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    return r.stdout.split('\n').filter(Boolean);
  }

  it('registers a function for sts-cli', () => {
    if (skipWithout(shell('bash'))) return;
    const r = spawnSync('bash', ['-c', `source ${JSON.stringify(scripts.bash)}; complete -p sts-cli`], { env, encoding: 'utf8' });
    expect(r.stdout).toMatch(/^complete .*-F _sts_cli sts-cli$/m);
  });

  it('completes profile names after --profile and --source-profile, and as the profile argument', () => {
    if (skipWithout(shell('bash'))) return;
    expect(complete(['sts-cli', 'env', '--profile', 'd'])).toEqual(['dev', 'dev-admin']);
    expect(complete(['sts-cli', 'assume', '--source-profile', ''])).toEqual(['dev', 'dev-admin', 'staging', 'base', '\\$\\(touch\\$IFS./pwned\\)']);
    expect(complete(['sts-cli', 'exec', 'st'])).toEqual(['staging']);
    expect(complete(['sts-cli', 'whoami', '--format', 'json', 'b'])).toEqual(['base']);
    expect(complete(['sts-cli', 'assume', '--profile=', 'dev-'])).toEqual(['dev-admin']);
    expectNoExpansion();
  });

  it('offers flags, not profiles, once the profile argument is given or a flag is being typed', () => {
    if (skipWithout(shell('bash'))) return;
    expect(complete(['sts-cli', 'env', 'dev', '--f'])).toEqual(['--format']);
    expect(complete(['sts-cli', 'env', 'dev', ''])).not.toContain('dev');
    expect(complete(['sts-cli', 'serve', '--host', ''])).not.toContain('dev');
  });
});

describe('fish', () => {
  function complete(line: string): string[] {
    const r = spawnSync('fish', ['--no-config', '-c', `source ${JSON.stringify(scripts.fish)}; complete -C ${JSON.stringify(line)}`], {
      env,
      cwd: home.home,
      encoding: 'utf8',
    });
    expect(r.status, r.stderr).toBe(0);
    return r.stdout
      .split('\n')
      .filter(Boolean)
      .map((l) => l.split('\t')[0]!);
  }

  it('completes profile names after --profile and --source-profile, and as the profile argument', () => {
    if (skipWithout(shell('fish'))) return;
    expect(complete('sts-cli env --profile d')).toEqual(['dev', 'dev-admin']);
    expect(complete('sts-cli assume --source-profile ').sort()).toEqual([...NAMES].sort());
    expect(complete('sts-cli exec st')).toEqual(['staging']);
    expect(complete('sts-cli whoami --format json b')).toEqual(['base']);
    expect(complete('sts-cli env --profile=st')).toEqual(['--profile=staging']);
    expectNoExpansion();
  });

  it('offers no profile once the profile argument is given', () => {
    if (skipWithout(shell('fish'))) return;
    expect(complete('sts-cli env dev ')).toEqual([]);
    expect(complete('sts-cli env dev --f')).toContain('--format');
  });
});

/** An interactive zsh in a tmux server of its own (-L, so nothing of anyone else's is touched), started with `zshrc`. */
async function zshSession(name: string, zshrc: string) {
  const zdot = `${home.home}/zdot-${name}`;
  mkdirSync(zdot);
  writeFileSync(`${zdot}/.zshrc`, `${zshrc}\nPROMPT='> '\n`);
  const start = `${home.home}/zsh-${name}.sh`;
  const exports = Object.entries({ ...env, ZDOTDIR: zdot })
    .map(([k, v]) => `export ${k}='${String(v).replace(/'/g, `'\\''`)}'`)
    .join('\n');
  writeFileSync(start, `#!/bin/sh\n${exports}\ncd "$HOME"\nexec zsh -i\n`);
  chmodSync(start, 0o755);
  const socket = `sts-cli-test-${process.pid}-${name}`;
  const tmux = (...args: string[]) => spawnSync('tmux', ['-L', socket, '-f', '/dev/null', ...args], { encoding: 'utf8' });
  const server = spawn('tmux', ['-L', socket, '-f', '/dev/null', 'new-session', '-d', '-s', 't', '-x', '200', '-y', '20', start], { stdio: 'ignore' });
  await new Promise((resolve) => server.once('exit', resolve));
  // Wait for the prompt.
  for (let i = 0; i < 50 && !tmux('capture-pane', '-p', '-t', 't').stdout.includes('>'); i++) await sleep(200);
  return {
    /** Types `typed` on an empty line, presses TAB, and returns the screen once it matches `expected` (or after 10 s). */
    screen: async (typed: string, expected: RegExp) => {
      tmux('send-keys', '-t', 't', 'C-u', 'C-l');
      await sleep(300);
      tmux('send-keys', '-t', 't', typed, 'Tab');
      let shown = '';
      for (let i = 0; i < 50 && !expected.test(shown); i++) {
        await sleep(200);
        shown = tmux('capture-pane', '-p', '-t', 't').stdout;
      }
      return shown;
    },
    close: () => tmux('kill-server'),
  };
}

const noZsh = () =>
  skipWithout(shell('zsh')) || skipWithout({ name: 'tmux', available: spawnSync('tmux', ['-V']).status === 0, reason: 'tmux is not installed' });

describe('zsh (an interactive shell in tmux: TAB, then what the screen shows)', () => {
  it('completes profile names after --profile and --source-profile, and as the profile argument', async () => {
    if (noZsh()) return;
    const zsh = await zshSession('sourced', `autoload -Uz compinit && compinit -u\nsource ${scripts.zsh}`);
    try {
      const { screen } = zsh;
      expect(await screen('sts-cli env --profile dev', /dev-admin/)).toMatch(/dev +dev-admin/);
      expect(await screen('sts-cli exec st', /staging/)).toMatch(/^> sts-cli exec staging ?$/m);
      const all = await screen('sts-cli assume --source-profile ', /staging/);
      for (const name of ['dev', 'dev-admin', 'staging', 'base']) expect(all).toContain(name);
      expect(all).toContain('\\$\\(touch\\$IFS./pwned\\)');
      expect(await screen('sts-cli whoami --format json b', /base/)).toMatch(/^> sts-cli whoami --format json base ?$/m);
      expectNoExpansion();
    } finally {
      zsh.close();
    }
  }, 60_000);

  it('installed the README way (a file in ~/.zfunc, added to fpath before compinit), the first TAB completes', async () => {
    if (noZsh()) return;
    // What the README's completion section says, in this HOME.
    mkdirSync(`${home.home}/.zfunc`, { recursive: true });
    const r = spawnSync('zsh', ['-c', 'sts-cli completion zsh > ~/.zfunc/_sts-cli'], { env, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const zsh = await zshSession('fpath', 'fpath=(~/.zfunc $fpath)\nautoload -Uz compinit && compinit -u');
    try {
      expect(await zsh.screen('sts-cli whoa', /whoami/)).toMatch(/^> sts-cli whoami ?$/m);
      expect(await zsh.screen('sts-cli assume --duration-s', /--duration-seconds/)).toMatch(/^> sts-cli assume --duration-seconds ?$/m);
      expect(await zsh.screen('sts-cli env --profile sta', /staging/)).toMatch(/^> sts-cli env --profile staging ?$/m);
    } finally {
      zsh.close();
    }
  }, 60_000);
});
