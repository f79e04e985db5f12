// argv parsed by commander (program.ts): every command, --help, --version, and every usage error,
// with secrets masked in commander's own messages. Loaded only when the start-up fast path
// (fastParse.ts) leaves argv to it.
import { CommanderError } from 'commander';
import { ExitCode } from '../errors.js';
import type { Output } from './output.js';
import { buildProgram } from './program.js';
import { reportError } from './run.js';
import { maskUsageMessage } from './secretFlags.js';
import { writeStderr, writeStdout } from './standardStreams.js';
import type { CommandRunner } from './startCli.js';

export async function parseWithCommander(argv: string[], ownArgs: string[], out: Output, run: CommandRunner): Promise<number> {
  let exitCode: number = ExitCode.ok;
  const program = buildProgram(
    async (name, input, args, fromCommandLine) => {
      exitCode = await run(name, input, args, fromCommandLine);
    },
    ownArgs.find((arg) => !arg.startsWith('-')),
  );
  program.exitOverride();
  program.configureOutput({
    writeOut: writeStdout,
    writeErr: writeStderr,
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
      // --help, --version and `sts-cli help` end with exit code 0; every other complaint is usage (exit 2), not 1.
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
