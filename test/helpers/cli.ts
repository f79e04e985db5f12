// Runs the BUILT binary (npm test builds first) with a throw-away HOME, as a user would.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const BIN = new URL('../../bin/sts-cli.js', import.meta.url).pathname;
const BUNDLE = new URL('../../dist/cli.cjs', import.meta.url).pathname;

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** A temporary HOME with the AWS file variables pointing inside it; `cleanup()` removes it. */
export function tempHome(): { home: string; credentialsFile: string; configFile: string; env: NodeJS.ProcessEnv; cleanup: () => void } {
  const home = mkdtempSync(join(tmpdir(), 'sts-cli-test-'));
  const credentialsFile = join(home, '.aws', 'credentials');
  const configFile = join(home, '.aws', 'config');
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: home,
    AWS_SHARED_CREDENTIALS_FILE: credentialsFile,
    AWS_CONFIG_FILE: configFile,
    NO_COLOR: '1',
    AWS_EC2_METADATA_DISABLED: 'true',
  };
  return { home, credentialsFile, configFile, env, cleanup: () => rmSync(home, { recursive: true, force: true }) };
}

export function runCli(args: string[], options: { env: NodeJS.ProcessEnv; input?: string; timeoutMs?: number }): Promise<CliResult> {
  if (!existsSync(BUNDLE)) throw new Error('dist/cli.cjs is missing: run `npm run build` first (npm test does).');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: options.env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 20_000);
    child.once('error', reject);
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
    child.stdin.end(options.input ?? '');
  });
}

/**
 * `stderr` without sts-cli's one-line warnings about a secret given as a flag (SPEC §11), for tests
 * that pass a secret flag on purpose and assert that nothing else was said.
 */
export function withoutSecretFlagWarnings(stderr: string): string {
  return stderr.replace(/^sts-cli: --[\w-]+ on the command line can be read by every user of this machine \(ps, \/proc\); [^\n]+ instead\.\n/gm, '');
}
