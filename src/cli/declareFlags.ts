// The flag tables of inputs.ts declared on a commander command. Apart from flags.ts so that the
// start-up fast path, which reads the same tables, does not load commander.
import { type Command, Option } from 'commander';
import type { FlagSpec } from './flags.js';

function appendTo(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** Declares every spec of `specs` on `cmd`, in order (the order --help shows). */
export function addFlags(cmd: Command, specs: readonly FlagSpec[]): Command {
  for (const spec of specs) {
    const option = new Option(spec.flags, spec.help);
    if (spec.kind === 'text') {
      if (spec.default !== undefined) option.default(spec.default);
      if (spec.hidden) option.hideHelp();
    } else if (spec.kind === 'list') {
      option.argParser(appendTo);
    } else if (spec.kind === 'choice') {
      option.choices(spec.choices);
      if (spec.default !== undefined) option.default(spec.default);
    }
    cmd.addOption(option);
  }
  return cmd;
}
