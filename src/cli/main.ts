// Entry point of the CLI: parses argv, loads only the command that runs (fast start: `env`
// never loads undici or jose), and turns every outcome into the exit code of SPEC §4.
import { CommanderError, Option } from 'commander';
import { homedir } from 'node:os';
import { ExitCode } from '../errors.js';
import type { CliContext } from './context.js';
import { createOutput, wantsColor } from './output.js';
import type { FlagSpec } from './flags.js';
import { COMMAND_FLAGS, type CommandInputs, type CommandName } from './inputs.js';
import { buildProgram } from './program.js';
import { reportError, runAction } from './run.js';
import { maskUsageMessage, secretFlagWarnings, secretValuesIn } from './secretFlags.js';

type Loaders = {
  [K in CommandName]: () => Promise<{ run: (input: CommandInputs[K], ctx: CliContext, args: string[]) => Promise<number | void> }>;
};

const loaders: Loaders = {
  assume: () => import('./commands/assume.js'),
  'assume-web-identity': () => import('./commands/assumeWebIdentity.js'),
  env: () => import('./commands/env.js'),
  exec: () => import('./commands/exec.js'),
  whoami: () => import('./commands/whoami.js'),
  'credential-process': () => import('./commands/credentialProcess.js'),
  serve: () => import('./commands/serve.js'),
  completion: () => import('./commands/completion.js'),
  doctor: () => import('./commands/doctor.js'),
  list: () => import('./commands/list.js'),
  cache: () => import('./commands/cache.js'),
};

async function main(argv: string[]): Promise<number> {
  // sts-cli's own flags only: after `--` they belong to the command exec runs.
  const end = argv.indexOf('--');
  const ownArgs = end === -1 ? argv : argv.slice(0, end);
  const debugRequested = ownArgs.includes('--debug');
  const colorFlag = !ownArgs.includes('--no-color');
  const out = await createOutput({
    stdout: process.stdout,
    stderr: process.stderr,
    color: wantsColor(process.env, process.stderr, colorFlag),
    dataColor: wantsColor(process.env, process.stdout, colorFlag),
    debug: debugRequested,
  });
  // Secrets given as flags are masked wherever they would appear (SPEC §11).
  for (const secret of secretValuesIn(ownArgs)) out.addSecret(secret);
  let exitCode: number = ExitCode.ok;
  const commandName = ownArgs.find((arg) => !arg.startsWith('-'));
  const program = buildProgram(async (name, input, args) => {
    const self = program.commands.find((cmd) => cmd.name() === name);
    const fromCommandLine = (spec: FlagSpec) => self?.getOptionValueSource(new Option(spec.flags).attributeName()) === 'cli';
    for (const warning of secretFlagWarnings(COMMAND_FLAGS[name], fromCommandLine)) out.warn(warning);
    const module = await loaders[name]();
    const ctx: CliContext = {
      env: process.env,
      home: homedir(),
      out,
      interactive: Boolean(process.stdin.isTTY),
      now: () => new Date(),
      prompt: async (question) => {
        const { createInterface } = await import('node:readline/promises');
        const rl = createInterface({ input: process.stdin, output: process.stderr });
        try {
          return (await rl.question(question)).trim();
        } finally {
          rl.close();
        }
      },
    };
    exitCode = await runAction(out, () => module.run(input, ctx, args));
  }, commandName);
  program.exitOverride();
  program.configureOutput({
    writeOut: (text) => process.stdout.write(text),
    writeErr: (text) => process.stderr.write(text),
    outputError: (text, write) => write(maskUsageMessage(text.replace(/^error:/, 'sts-cli:'), ownArgs)),
  });
  for (const sub of program.commands) {
    sub.exitOverride();
    sub.configureOutput(program.configureOutput());
  }
  try {
    await program.parseAsync(withoutHelpOfUnknown(argv, ownArgs, program.commands), { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      // help and version exit 0; every other commander complaint is bad usage (exit 2), not 1.
      // --help, --version and `sts-cli help` end with exit code 0; every other complaint is usage.
      return error.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
    }
    return reportError(out, error);
  }
  return exitCode;
}

/**
 * `sts-cli help nosuch` → `sts-cli nosuch`: commander would print the general help and exit 2
 * without saying why; this way it says "unknown command 'nosuch'" (with a did-you-mean), exit 2.
 */
function withoutHelpOfUnknown(argv: string[], ownArgs: string[], commands: readonly { name(): string; aliases(): string[] }[]): string[] {
  const operands = ownArgs.filter((arg) => !arg.startsWith('-'));
  const [first, topic] = operands;
  if (first !== 'help' || topic === undefined) return argv;
  if (commands.some((command) => command.name() === topic || command.aliases().includes(topic))) return argv;
  const at = argv.indexOf('help');
  return [...argv.slice(0, at), ...argv.slice(at + 1)];
}

// `sts-cli … | head` closes our stdout early: that is the reader's choice, not an error to report.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

const code = await main(process.argv.slice(2));
// Let pending stdout writes drain (a pipe may be slow) before exiting with our code.
process.exitCode = code;
// A serve worker that failed to start would be held open by its IPC channel to the primary,
// and disconnecting would exit 0: exit with the code, which the primary passes on.
if (process.connected) process.exit(code);
