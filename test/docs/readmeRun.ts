// Runs README commands as a newcomer would paste them into a fresh shell: a throw-away HOME and
// working folder, no AWS_* variables, `sts-cli` resolving to this checkout's bin and `aws` to AWS
// CLI v2 (/usr/bin/aws) through a folder of links first on PATH. Each run gets a network
// namespace of its own (unshare: only a loopback interface), so the README's port 8900 is free
// whoever else runs tests on this machine, nothing reaches the internet, and every process the
// commands leave behind dies with the namespace's first process.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN } from '../helpers/cli.js';
import { AWS_CLI_V2 } from '../helpers/peers.js';

export const CHECKOUT = new URL('../..', import.meta.url).pathname.replace(/\/$/, '');

/** Whether this machine can make a network namespace (root, or unprivileged user namespaces). */
export const namespaces = () => spawnSync('unshare', ['--net', '--pid', '--fork', '--mount-proc', 'true']).status === 0;

export interface Scratch {
  root: string;
  home: string;
  work: string;
  env: NodeJS.ProcessEnv;
  cleanup: () => void;
}

/** A fresh HOME and working folder, and the environment of a fresh login shell in it. */
export function scratch(): Scratch {
  const root = mkdtempSync(join(tmpdir(), 'sts-cli-readme-'));
  const home = join(root, 'home');
  const work = join(root, 'work');
  const links = join(root, 'bin');
  for (const dir of [home, work, links]) mkdirSync(dir);
  symlinkSync(BIN, join(links, 'sts-cli'));
  symlinkSync(AWS_CLI_V2, join(links, 'aws'));
  const env: NodeJS.ProcessEnv = { PATH: `${links}:${process.env.PATH}`, HOME: home, LANG: 'C.UTF-8', TERM: 'dumb' };
  return { root, home, work, env, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}

/** The ports a command starts `sts-cli serve` on: `--port N`, or the list of `for port in …`. */
export function servePorts(command: string): string[] {
  if (!/\bsts-cli serve\b[^\n]*&/.test(command)) return [];
  const loop = /\bfor port in ([\d ]+);/.exec(command);
  if (loop) return loop[1]!.trim().split(/\s+/);
  return [...command.matchAll(/--port (\d+)/g)].map((m) => m[1]!);
}

export interface Outcome {
  /** The exit status of each command, in order, up to the one where the shell stopped. */
  statuses: number[];
  output: string;
}

// A shell that waits, after a line that starts the mock in the background, until it accepts
// connections (as the seconds between two pasted lines would), and records each command's status.
const PRELUDE = `__wait_port() { for __i in $(seq 100); do (: > "/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0; sleep 0.1; done; return 0; }
exec 3>>"$README_STATUS"
`;

function script(commands: string[], setup: string, stopAtFailure: boolean): string {
  const lines = [PRELUDE, setup];
  commands.forEach((command, i) => {
    lines.push(command);
    lines.push(`__status=$?; echo "${i} $__status" >&3`);
    if (stopAtFailure) lines.push('[ "$__status" = 0 ] || exit "$__status"');
    for (const port of servePorts(command)) lines.push(`__wait_port ${port}`);
  });
  return `${lines.join('\n')}\n`;
}

/** Runs `commands` in one bash, in order, in a namespace of its own; `setup` runs first. */
export function runInNamespace(s: Scratch, commands: string[], setup = '', options: { stopAtFailure?: boolean; timeoutMs?: number } = {}): Promise<Outcome> {
  const file = join(s.root, `block-${Date.now()}.sh`);
  const status = join(s.root, 'status');
  writeFileSync(file, script(commands, setup, options.stopAtFailure ?? false));
  writeFileSync(status, '');
  return new Promise((resolve, reject) => {
    const child = spawn(
      'unshare',
      ['--net', '--pid', '--fork', '--mount-proc', 'bash', '-c', 'ip link set lo up && cd "$README_WORK" && exec bash "$0"', file],
      {
        env: { ...s.env, README_STATUS: status, README_WORK: s.work },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (output += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (output += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 120_000);
    child.once('error', reject);
    child.once('close', () => {
      clearTimeout(timer);
      const statuses = readFileSync(status, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => Number(l.split(' ')[1]));
      resolve({ statuses, output });
    });
  });
}
