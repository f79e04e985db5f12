// Every shell and YAML block of the README, run as written (test/docs/readmeRun.ts says how): a
// README example cannot rot. Each command must exit as the README implies (0, or the code its
// trailing `# exits N` comment names). A block that talks to the mock at 127.0.0.1:8900 without
// starting one gets a plain `sts-cli serve --port 8900` first; `mock.json` is the README's own
// example. GitHub Actions recipes (yaml) run their `run:` steps in order, as the runner would:
// each step in `bash -eo pipefail`, its `env:` set, `$GITHUB_ENV` carried to the next steps, the
// job stopped at the first failed step.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
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
const SKIPPED: Array<{ command: RegExp; reason: string }> = [
  { command: /^git clone /, reason: 'clones from the network; the install test packs and installs this checkout instead' },
  {
    command: /^npm ci && npm (run demo|test)/,
    reason: 'npm ci reinstalls node_modules from the registry, and npm test is this suite; "npm run demo" is run below',
  },
  {
    command: /role\/(dev|admin|ci|app)\b(?![\s\S]*127\.0\.0\.1)|sts-cli (exec|whoami|assume|doctor) (dev|prod)\b(?![\s\S]*127\.0\.0\.1)/,
    reason: 'a role of the example AWS account 123456789012: needs AWS and keys to it',
  },
  {
    command: /--oidc (github|circleci)\b(?![\s\S]*127\.0\.0\.1)|--web-identity-token-(env|process)|\/var\/run\/secrets/,
    reason: "a CI system's own token (GitHub's runner, CircleCI, GitLab, Buildkite, a Kubernetes service account)",
  },
  {
    command: /minio\.example|:9000\b|http:\/\/rgw:|https:\/\/ecs:|\$RGW/,
    reason: 'a real MinIO, Ceph RGW or Dell ECS (test/e2e/ceph-*.test.ts runs radosgw where installed)',
  },
  { command: /^aws s3 ls/, reason: 'S3 on AWS' },
  { command: /^haproxy /, reason: 'runs in the foreground; test/e2e/haproxy.test.ts runs docs/haproxy.cfg with these instances' },
  { command: /^kubectl /, reason: 'a Kubernetes cluster' },
  { command: /^npm test # your code/, reason: "the reader's own project's tests" },
];

/** GitHub's own actions are the runner's business: here the working folder is the checkout and Node is this one. */
const USES_STEP = /^actions\/(checkout|setup-node)@/;

const skipReason = (command: string) => SKIPPED.find((s) => s.command.test(command))?.reason;
const used = new Set<RegExp>();

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
  execFileSync('npm', ['pack', '--pack-destination', packed], { cwd: CHECKOUT, stdio: 'ignore' });
  if (!namespaces()) {
    if (inCI) throw new Error('unshare --net cannot make a network namespace here; the README runner needs one (run as root)');
    console.warn('[skip] unshare --net cannot make a network namespace (not root?)');
    available = false;
  } else if (skipWithout(awsCliV2())) available = false;
});
afterAll(() => {
  rmSync(packed, { recursive: true, force: true });
  console.log(`README: ${counts.blocks} shell and workflow blocks, ${counts.run} commands run, ${counts.skipped} skipped`);
});

/** The mock a block expects at 127.0.0.1:8900 when it does not start one itself. */
function setupFor(commands: string[], s: Scratch): string {
  const text = commands.join('\n');
  const lines: string[] = [];
  if (/--config mock\.json/.test(text) && mockJson !== undefined) writeFileSync(join(s.work, 'mock.json'), mockJson);
  if (/127\.0\.0\.1:8900/.test(text) && !/\bsts-cli serve\b/.test(text)) {
    lines.push('sts-cli serve --port 8900 > /dev/null 2> "$HOME/../mock.log" &', '__wait_port 8900');
  }
  return lines.join('\n');
}

function where(block: Block): string {
  return `README.md:${block.line} (${block.heading})`;
}

describe('README shell blocks, run as written', () => {
  for (const block of shellBlocks) {
    const commands = shellCommands(block.body);
    it(`${where(block)}: ${commands[0]?.split('\n')[0]}`, async () => {
      if (!available) return;
      const run: string[] = [];
      const expected: number[] = [];
      for (const command of commands) {
        const reason = skipReason(command);
        if (reason !== undefined) {
          for (const s of SKIPPED) if (s.command.test(command)) used.add(s.command);
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
            const reason = skipReason(step.run!.trim());
            if (reason !== undefined) {
              for (const entry of SKIPPED) if (entry.command.test(step.run!.trim())) used.add(entry.command);
              counts.skipped++;
              continue;
            }
            run.push(stepCommand(step, run.length, s));
          }
          if (run.length === 0) continue;
          // The job runs in the checkout (actions/checkout), with the runner's variables.
          const setup = `cd ${JSON.stringify(s.work)} && cp ${JSON.stringify(packed)}/*.tgz .
export npm_config_prefix="$HOME/../npm-global" npm_config_offline=true PATH="$HOME/../npm-global/bin:$PATH"
export GITHUB_ENV="$HOME/../github_env" RUNNER_TEMP="$HOME/../runner_temp" GITHUB_RUN_ID=1 CI=true
: > "$GITHUB_ENV"; mkdir -p "$RUNNER_TEMP"`;
          const outcome = await runInNamespace(s, run, setup);
          counts.run += run.length;
          expect(outcome.statuses, outcome.output).toEqual(run.map(() => 0));
        } finally {
          s.cleanup();
        }
      }
    }, 180_000);
  }
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
    expect(SKIPPED.filter((s) => !used.has(s.command)).map((s) => String(s.command))).toEqual([]);
  });
});
