// The start-up fast path (SPEC §6 speed): the commands an SDK or a shell runs on every start
// (credential-process, env, exec, list, and assume) are parsed without loading commander, for the argv this
// parser understands entirely: `COMMAND --long-flag value --flag=value --switch operands [-- …]`
// with the command's own flags. Anything else (help, a short or unknown flag, a missing value, a
// value that starts with '-', a choice not offered, a number of operands the command does not
// take, global flags before the command) is left to commander, which parses it as it always did
// and gives its own errors. test/cli/fastParse.test.ts checks that both agree wherever this answers.
import { execOperands, type Operands } from './commandOperands.js';
import { attributeName, type FlagSpec, longName, readInput } from './flags.js';
import { COMMAND_FLAGS, type CommandInputs, GLOBAL_FLAGS } from './inputs.js';

/** The operands each fast command takes, as program.ts declares them. */
const FAST_COMMANDS = {
  assume: { min: 0, max: 1 },
  'credential-process': { min: 0, max: 0 },
  env: { min: 0, max: 1 },
  exec: { min: 1, max: Number.POSITIVE_INFINITY, operands: execOperands },
  list: { min: 0, max: 0 },
} satisfies Record<string, { min: number; max: number; operands?: Operands }>;

export type FastCommand = keyof typeof FAST_COMMANDS;

export interface FastParse<K extends FastCommand = FastCommand> {
  name: K;
  input: CommandInputs[K];
  args: string[];
  fromCommandLine: (spec: FlagSpec) => boolean;
}

const isFast = (name: string | undefined): name is FastCommand => name !== undefined && Object.hasOwn(FAST_COMMANDS, name);

/** What commander would hand the command's action for `argv`, or undefined: then commander must parse it. */
export function fastParse(argv: readonly string[]): FastParse | undefined {
  const [name, ...rest] = argv;
  if (!isFast(name)) return undefined;
  const specs = new Map<string, FlagSpec>([...GLOBAL_FLAGS, ...COMMAND_FLAGS[name]].map((spec) => [longName(spec), spec]));
  // commander's defaults: a spec's default, and true for a lone --no-x.
  const values: Record<string, unknown> = {};
  for (const [flag, spec] of specs) {
    if (spec.kind === 'switch' && flag.startsWith('--no-')) values[attributeName(spec)] = true;
    else if ((spec.kind === 'text' || spec.kind === 'choice') && spec.default !== undefined) values[attributeName(spec)] = spec.default;
  }
  const given = new Set<string>();
  const operands: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    if (arg === '--') {
      operands.push(...rest.slice(i + 1));
      break;
    }
    if (!arg.startsWith('-')) {
      operands.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const spec = arg.startsWith('--') ? specs.get(eq === -1 ? arg : arg.slice(0, eq)) : undefined;
    if (spec === undefined) return undefined;
    const attribute = attributeName(spec);
    if (spec.kind === 'switch') {
      if (eq !== -1) return undefined;
      values[attribute] = !longName(spec).startsWith('--no-');
    } else {
      const value = eq === -1 ? rest[++i] : arg.slice(eq + 1);
      if (value === undefined || (eq === -1 && value.startsWith('-'))) return undefined;
      if (spec.kind === 'choice' && !(spec.choices as readonly string[]).includes(value)) return undefined;
      values[attribute] = spec.kind === 'list' ? [...((values[attribute] as string[] | undefined) ?? []), value] : value;
    }
    given.add(attribute);
  }
  const command: { min: number; max: number; operands?: Operands } = FAST_COMMANDS[name];
  if (operands.length < command.min || operands.length > command.max) return undefined;
  return {
    name,
    // readInput's result is InputOf<(typeof COMMAND_FLAGS)[K]>, which is CommandInputs[K]; the compiler cannot relate the two for a union K.
    input: readInput(values, COMMAND_FLAGS[name]) as CommandInputs[FastCommand],
    args: command.operands ? command.operands(operands, argv) : operands,
    fromCommandLine: (spec) => given.has(attributeName(spec)),
  } as FastParse;
}
