// Every shell and YAML block of the README, run as written (test/docs/readmeRun.ts says how): a
// README example cannot rot. Each command must exit as the README implies (0, or the code its
// trailing `# exits N` comment names). A block that talks to the mock at 127.0.0.1:8900 without
// starting one gets a plain `sts-cli serve --port 8900` first; `mock.json` is the README's own
// example. GitHub Actions recipes (yaml) run their `run:` steps in order, as the runner would:
// each step in `bash -eo pipefail`, its `env:` set, `$GITHUB_ENV` carried to the next steps, the
// job stopped at the first failed step.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awsCliV2, inCI, pyyaml, skipWithout } from '../helpers/peers.js';
import { type Block, expectedExit, readmeBlocks, SHELL_LANGS, shellCommands } from './readmeBlocks.js';
import { CHECKOUT, namespaces, runInNamespace, type Scratch, scratch } from './readmeRun.js';

/**
 * What is not run, and why: each needs something that is not on this machine. Every entry must
 * match a README command (or `run:` step), so the list cannot outlive what it excuses.
 */
const SKIPPED: Array<{ skips: (command: string, block: Block) => boolean; reason: string }> = [
  {
    skips: (c) => /^npm ci && npm (install -g \.|run demo|test)/.test(c),
    reason: 'npm ci replaces node_modules from the registry, and npm test is this suite; "npm install -g ." and "npm run demo" are run below',
  },
  { skips: (c, b) => b.lang !== 'yaml' && /^npm (pack|install -g \.\/)/.test(c), reason: 'run in the checkout by the install test below' },
  {
    skips: (c, b) => !/127\.0\.0\.1:8900/.test(b.body) && /--oidc (github|circleci)|--web-identity-token-(env|process)|\/var\/run\/secrets/.test(c),
    reason: "a CI system's own token (GitHub's runner, CircleCI, GitLab, Buildkite, a Kubernetes service account)",
  },
  {
    skips: (c) => /minio\.example|:9000\b|http:\/\/rgw:|https:\/\/ecs:|"\$RGW"/.test(c),
    reason: 'a real MinIO, Ceph RGW or Dell ECS (test/e2e/ceph-*.test.ts run radosgw where installed)',
  },
  {
    // The README shows AWS with the example account 123456789012 and the profiles dev, admin and prod:
    // a block that never names the mock is one against AWS, all of it.
    skips: (_c, b) => !/127\.0\.0\.1:8900/.test(b.body) && /123456789012|\b(dev|prod|admin)\b|^sts-cli doctor/m.test(b.body),
    reason: 'AWS itself, with keys to the example account 123456789012',
  },
  { skips: (c) => /^kubectl /.test(c), reason: 'a Kubernetes cluster' },
  { skips: (c, b) => b.lang === 'yaml' && /^npm test$/.test(c), reason: "the reader's own project's tests" },
];

/** GitHub's own actions are the runner's business: here the working folder is the checkout and Node is this one. */
// npm's cache, which the install test filled: the namespace has no network.
const NPM_CACHE = execFileSync('npm', ['config', 'get', 'cache'], { encoding: 'utf8' }).trim();
const USES_STEP = /^actions\/(checkout|setup-node)@/;

const used = new Map<(typeof SKIPPED)[number], number>();
/** Why `command` of `block` is not run (and the entry marked as used), or undefined. */
function skipReason(command: string, block: Block): string | undefined {
  const entry = SKIPPED.find((s) => s.skips(command, block));
  if (entry) used.set(entry, (used.get(entry) ?? 0) + 1);
  return entry?.reason;
}

const blocks = readmeBlocks();
const shellBlocks = blocks.filter((b) => SHELL_LANGS.has(b.lang));
const yamlBlocks = blocks.filter((b) => b.lang === 'yaml' && /^jobs:/m.test(b.body));
const mockJson = blocks.find((b) => b.lang === 'json' && b.heading === 'Trust policies')?.body;
const counts = { blocks: shellBlocks.length + yamlBlocks.length, run: 0, skipped: 0 };

let available = true;
// `npm pack` of this checkout, as the README's install section makes it.
let packed = '';
beforeAll(() => {
  packed = mkdtempSync(join(tmpdir(), 'sts-cli-pack-'));
  // --ignore-scripts: prepare would rebuild dist/ under the feet of the test files running beside
  // this one; npm test has just built it.
  execFileSync('npm', ['pack', '--ignore-scripts', '--pack-destination', packed], { cwd: CHECKOUT, stdio: 'ignore' });
  if (!namespaces()) {
    if (inCI) throw new Error('unshare --net cannot make a network namespace here; the README runner needs one (run as root)');
    console.warn('[skip] unshare --net cannot make a network namespace (not root?)');
    available = false;
  } else if (skipWithout(awsCliV2())) available = false;
});
afterAll(() => {
  rmSync(packed, { recursive: true, force: true });
  console.log(`README: ${counts.blocks} shell and workflow blocks, ${counts.run} commands run, ${counts.skipped} skipped:`);
  for (const [entry, n] of used) console.log(`  ${n} × ${entry.reason}`);
});

/** The mock a block expects at 127.0.0.1:8900 when it does not start one itself. */
function setupFor(commands: string[], s: Scratch): string {
  const text = commands.join('\n');
  const lines: string[] = [];
  if (/--config mock\.json/.test(text) && mockJson !== undefined) writeFileSync(join(s.work, 'mock.json'), mockJson);
  // Commands that name the repository's own files (docs/haproxy.cfg) run from the clone's root.
  if (/\bdocs\//.test(text)) cpSync(join(CHECKOUT, 'docs'), join(s.work, 'docs'), { recursive: true });
  if (/127\.0\.0\.1:8900/.test(text) && !/\bsts-cli serve\b/.test(text)) {
    lines.push('sts-cli serve --port 8900 > /dev/null 2> "$HOME/../mock.log" &', '__wait_port 8900');
  }
  return lines.join('\n');
}

function where(block: Block): string {
  return `README.md:${block.line} (${block.heading})`;
}

// The Install section's commands, in the checkout, with a temporary global prefix (npm fetches the
// dependencies from the registry, as on a fresh machine). It also fills npm's cache, from which the
// workflow recipes' install step (in a namespace without network) then installs.
describe('README Install, in this checkout', () => {
  const version = (prefix: string) => execFileSync(join(prefix, 'bin', 'sts-cli'), ['--version'], { encoding: 'utf8' }).trim();
  const installBlocks = blocks.filter((b) => b.heading === 'Install' && SHELL_LANGS.has(b.lang)).map((b) => shellCommands(b.body));

  it('the README installs with "npm install -g ." and with npm pack + "npm install -g ./sts-cli-0.1.0.tgz"', () => {
    expect(installBlocks.flat().map((c) => c.replace(/\s+#.*$/, ''))).toEqual([
      'npm ci && npm install -g .',
      'sts-cli --version',
      'npm pack',
      'npm install -g ./sts-cli-0.1.0.tgz',
    ]);
  });

  it('npm install -g ./sts-cli-0.1.0.tgz (the tarball npm pack made) gives a working sts-cli', () => {
    const prefix = join(packed, 'prefix');
    execFileSync('npm', ['install', '-g', '--ignore-scripts', './sts-cli-0.1.0.tgz'], {
      cwd: packed,
      env: { ...process.env, npm_config_prefix: prefix },
      stdio: 'pipe',
    });
    expect(version(prefix)).toBe(JSON.parse(readFileSync(join(CHECKOUT, 'package.json'), 'utf8')).version);
  }, 180_000);

  it('npm install -g . (in the clone) gives a working sts-cli', () => {
    const prefix = join(packed, 'linked');
    execFileSync('npm', ['install', '-g', '--ignore-scripts', '.'], { cwd: CHECKOUT, env: { ...process.env, npm_config_prefix: prefix }, stdio: 'pipe' });
    expect(version(prefix)).toMatch(/^\d+\.\d+\.\d+$/);
  }, 180_000);
});

describe('README shell blocks, run as written', () => {
  for (const block of shellBlocks) {
    const commands = shellCommands(block.body);
    it(`${where(block)}: ${commands[0]?.split('\n')[0]}`, async () => {
      if (!available) return;
      const run: string[] = [];
      const expected: number[] = [];
      for (const command of commands) {
        if (skipReason(command, block) !== undefined) {
          counts.skipped++;
          continue;
        }
        run.push(command);
        expected.push(expectedExit(command));
      }
      if (run.length === 0) return;
      const s = scratch();
      try {
        const outcome = await runInNamespace(s, run, setupFor(run, s));
        counts.run += run.length;
        const report = run.map((c, i) => `[${outcome.statuses[i] ?? 'not reached'} want ${expected[i]}] ${c}`).join('\n');
        expect(outcome.statuses, `${report}\n--- output ---\n${outcome.output}`).toEqual(expected);
      } finally {
        s.cleanup();
      }
    }, 180_000);
  }
});

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  env?: Record<string, string | number>;
}

function workflowSteps(body: string): Array<{ job: string; steps: Step[] }> {
  const json = execFileSync('python3', ['-c', 'import json,sys,yaml; print(json.dumps(yaml.safe_load(sys.stdin)))'], { input: body, encoding: 'utf8' });
  const workflow = JSON.parse(json) as { jobs: Record<string, { steps: Step[] }> };
  return Object.entries(workflow.jobs).map(([job, { steps }]) => ({ job, steps }));
}

/** One step as the runner runs it: its own bash, its env, then $GITHUB_ENV read into the job's environment. */
function stepCommand(step: Step, index: number, s: Scratch): string {
  const file = join(s.root, `step-${index}.sh`);
  writeFileSync(file, `${step.run}\n`);
  const env = Object.entries(step.env ?? {})
    .map(([k, v]) => `${k}=${JSON.stringify(String(v))}`)
    .join(' ');
  return `${env} bash --noprofile --norc -eo pipefail ${file} && { while IFS= read -r __line; do [ -n "$__line" ] && export "$__line"; done < "$GITHUB_ENV"; : > "$GITHUB_ENV"; }`;
}

describe('README GitHub Actions recipes: their run steps, in order', () => {
  for (const block of yamlBlocks) {
    it(where(block), async () => {
      if (!available || skipWithout(pyyaml())) return;
      for (const { steps } of workflowSteps(block.body)) {
        const s = scratch();
        try {
          const run: string[] = [];
          for (const step of steps) {
            if (step.uses !== undefined) {
              expect(step.uses, `${where(block)}: a step this test does not know`).toMatch(USES_STEP);
              continue;
            }
            if (skipReason(step.run!.trim(), block) !== undefined) {
              counts.skipped++;
              continue;
            }
            run.push(stepCommand(step, run.length, s));
          }
          if (run.length === 0) continue;
          // The job runs in the checkout (actions/checkout), with the runner's variables.
          const setup = `cd ${JSON.stringify(s.work)} && cp ${JSON.stringify(packed)}/*.tgz .
export npm_config_prefix="$HOME/../npm-global" npm_config_offline=true npm_config_cache=${JSON.stringify(NPM_CACHE)} PATH="$HOME/../npm-global/bin:$PATH"
export GITHUB_ENV="$HOME/../github_env" RUNNER_TEMP="$HOME/../runner_temp" GITHUB_RUN_ID=1 CI=true
: > "$GITHUB_ENV"; mkdir -p "$RUNNER_TEMP"`;
          const outcome = await runInNamespace(s, run, setup, { stopAtFailure: true });
          counts.run += run.length;
          expect(outcome.statuses, outcome.output).toEqual(run.map(() => 0));
        } finally {
          s.cleanup();
        }
      }
    }, 180_000);
  }
});

describe('README GitHub Actions recipe: a mock that did not start', () => {
  it('fails the "Start the mock STS" step, with the reason, and writes no AWS_ENDPOINT_URL_STS', async () => {
    if (!available || skipWithout(pyyaml())) return;
    const block = yamlBlocks.find((b) => /Start the mock STS/.test(b.body))!;
    const step = workflowSteps(block.body)
      .flatMap((j) => j.steps)
      .find((st) => st.name === 'Start the mock STS')!;
    const s = scratch();
    try {
      // Someone else holds the port.
      const setup = `cd ${JSON.stringify(s.work)}
export GITHUB_ENV="$HOME/../github_env"; : > "$GITHUB_ENV"
sts-cli serve --port 8900 > /dev/null 2>&1 & __wait_port 8900`;
      const outcome = await runInNamespace(s, [stepCommand(step, 0, s), 'cat "$GITHUB_ENV"'], setup);
      expect(outcome.statuses[0]).not.toBe(0);
      expect(outcome.output).toMatch(/8900/);
      expect(outcome.output).not.toMatch(/AWS_ENDPOINT_URL_STS/);
    } finally {
      s.cleanup();
    }
  }, 60_000);
});

describe('README runner', () => {
  it('finds the blocks it runs', () => {
    expect(shellBlocks.length).toBeGreaterThan(10);
    expect(yamlBlocks.length).toBeGreaterThanOrEqual(2);
  });
  it('npm run demo (the second half of "npm ci && npm run demo") runs in the checkout', () => {
    const r = spawnSync('npm', ['run', 'demo'], { cwd: CHECKOUT, encoding: 'utf8', env: { PATH: process.env.PATH, HOME: process.env.HOME } });
    expect(r.status, r.stderr).toBe(0);
  }, 120_000);
  it('every skip entry excuses a README command (runs last)', () => {
    if (!available) return;
    expect(SKIPPED.filter((s) => !used.has(s)).map((s) => s.reason)).toEqual([]);
  });
});
