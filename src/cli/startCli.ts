// The CLI's start: parses argv, loads only the command that runs, and turns every outcome into the
// exit code of SPEC §4. Start-up time is a goal (SPEC §6): the commands run on every SDK or shell
// start (credential-process, env, exec, list, and assume) are imported statically, so that they and everything
// they need on a cached path are in the one start-up chunk (scripts/build.mjs), and are parsed by
// fastParse without commander; every other command, --help and every usage error go through
// commander, loaded only then. undici, jose, fast-xml-parser and chalk load only when needed.
import { homedir } from 'node:os';
import * as assume from './commands/assume.js';
import * as credentialProcess from './commands/credentialProcess.js';
import * as env from './commands/env.js';
import * as exec from './commands/exec.js';
import * as list from './commands/list.js';
import type { CliContext } from './context.js';
import { fastParse } from './fastParse.js';
import { COMMAND_FLAGS, type CommandInputs, type CommandName } from './inputs.js';
import { createOutput, type Output, wantsColor } from './output.js';
import type { RunCommand } from './program.js';
import { runAction } from './run.js';
import { secretFlagWarnings, secretValuesIn } from './secretFlags.js';
import { isTerminal, writeStderr, writeStdout } from './standardStreams.js';

type Loaders = {
  [K in CommandName]: () => Promise<{ run: (input: CommandInputs[K], ctx: CliContext, args: string[]) => Promise<number | void> }>;
};

const loaders: Loaders = {
  assume: async () => assume,
  'assume-web-identity': () => import('./commands/assumeWebIdentity.js'),
  env: async () => env,
  exec: async () => exec,
  whoami: () => import('./commands/whoami.js'),
  'credential-process': async () => credentialProcess,
  serve: () => import('./commands/serve.js'),
  completion: () => import('./commands/completion.js'),
  doctor: () => import('./commands/doctor.js'),
  list: async () => list,
  cache: () => import('./commands/cache.js'),
};

/** A parsed command's run: the warnings about secret flags, its context, and its outcome as an exit code. */
export type CommandRunner = RunCommand<number>;

function commandRunner(out: Output): CommandRunner {
  return async (name, input, args, fromCommandLine) => {
    for (const warning of secretFlagWarnings(COMMAND_FLAGS[name], fromCommandLine)) out.warn(warning);
    const module = await loaders[name]();
    const ctx: CliContext = {
      env: process.env,
      home: homedir(),
      out,
      // Asked when a prompt may be needed: creating process.stdin costs about 1 ms at every start.
      get interactive() {
        return Boolean(process.stdin.isTTY);
      },
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
    return runAction(out, () => module.run(input, ctx, args));
  };
}

export async function startCli(argv: string[]): Promise<number> {
  // sts-cli's own flags only: after `--` they belong to the command exec runs.
  const end = argv.indexOf('--');
  const ownArgs = end === -1 ? argv : argv.slice(0, end);
  const colorFlag = !ownArgs.includes('--no-color');
  const out = await createOutput({
    stdout: writeStdout,
    stderr: writeStderr,
    color: wantsColor(process.env, () => isTerminal(2), colorFlag),
    dataColor: wantsColor(process.env, () => isTerminal(1), colorFlag),
    debug: ownArgs.includes('--debug'),
  });
  // Secrets given as flags are masked wherever they would appear (SPEC §11).
  for (const secret of secretValuesIn(ownArgs)) out.addSecret(secret);
  const run = commandRunner(out);
  const fast = fastParse(argv);
  if (fast) return run(fast.name, fast.input, fast.args, fast.fromCommandLine);
  const { parseWithCommander } = await import('./parseWithCommander.js');
  return parseWithCommander(argv, ownArgs, out, run);
}
