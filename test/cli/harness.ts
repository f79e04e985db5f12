// Drives CLI commands without spawning the binary: argv is parsed by the real program (flag
// tables, commander, readInput) into the typed input, and the CliContext seam is faked.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CliContext } from '../../src/cli/context.js';
import type { CommandInputs, CommandName } from '../../src/cli/inputs.js';
import { type Output, plain } from '../../src/cli/output.js';
import { buildProgram } from '../../src/cli/program.js';

/** The typed input `sts-cli NAME ...args` gives its command. */
export async function inputOf<K extends CommandName>(name: K, args: string[] = []): Promise<CommandInputs[K]> {
  let captured: unknown;
  const program = buildProgram(async (_name, input) => {
    captured = input;
  }, name);
  program.exitOverride();
  for (const sub of program.commands) sub.exitOverride().configureOutput({ writeErr: () => undefined, writeOut: () => undefined });
  await program.parseAsync([name, ...args], { from: 'user' });
  return captured as CommandInputs[K];
}

export interface FakeContext extends CliContext {
  /** Questions asked through ctx.prompt, in order. */
  prompts: string[];
  /** Values registered with out.addSecret. */
  secrets: string[];
  stdout: string[];
  stderr: string[];
}

export function fakeContext(options: { env?: NodeJS.ProcessEnv; home?: string; now?: Date; interactive?: boolean; answer?: string } = {}): FakeContext {
  const prompts: string[] = [];
  const secrets: string[] = [];
  const stdout: string[] = [];
  const stderr: string[] = [];
  const out: Output = {
    debugEnabled: false,
    data: (text) => stdout.push(text),
    paint: plain,
    info: (text) => stderr.push(text),
    success: (text) => stderr.push(text),
    warn: (text) => stderr.push(text),
    error: (error) => stderr.push(error.message),
    debug: () => undefined,
    jsonLines: () => undefined,
    addSecret: (secret) => {
      if (secret) secrets.push(secret);
    },
  };
  const now = options.now ?? new Date('2026-03-01T12:00:00Z');
  return {
    env: options.env ?? {},
    home: options.home ?? '/nonexistent-home',
    out,
    interactive: options.interactive ?? false,
    now: () => now,
    prompt: async (question) => {
      prompts.push(question);
      return options.answer ?? '';
    },
    prompts,
    secrets,
    stdout,
    stderr,
  };
}

/** A temporary HOME; `write(relativePath, text)` puts a file in it. */
export function tempHome(): { home: string; write: (path: string, text: string) => string; cleanup: () => void } {
  const home = mkdtempSync(join(tmpdir(), 'sts-cli-unit-'));
  return {
    home,
    write: (path, text) => {
      const full = join(home, path);
      mkdirSync(join(full, '..'), { recursive: true });
      writeFileSync(full, text);
      return full;
    },
    cleanup: () => rmSync(home, { recursive: true, force: true }),
  };
}
