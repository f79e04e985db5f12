// The start-up fast path parses assume, credential-process, env, exec and list without commander. It must
// accept exactly what commander accepts and hand the command exactly what commander would: for
// every argv of a large generated set, either fastParse answers and commander parses it to the
// same input, operands and flag sources, or fastParse leaves it to commander (which then gives
// its usual errors). And it must answer for the argv people and SDKs actually use.
import { Option } from 'commander';
import { describe, expect, it } from 'vitest';
import { attributeName, type FlagSpec, longName } from '../../src/cli/flags.js';
import { fastParse } from '../../src/cli/fastParse.js';
import { COMMAND_FLAGS, type CommandName, GLOBAL_FLAGS } from '../../src/cli/inputs.js';
import { buildProgram } from '../../src/cli/program.js';

const FAST = ['assume', 'credential-process', 'env', 'exec', 'list'] as const;

interface Parsed {
  name: CommandName;
  input: unknown;
  args: string[];
  sources: Record<string, boolean>;
}

async function commanderParse(argv: string[]): Promise<Parsed | 'error'> {
  let parsed: Parsed | undefined;
  const program = buildProgram(
    async (name, input, args, fromCommandLine) => {
      const sources = Object.fromEntries([...GLOBAL_FLAGS, ...COMMAND_FLAGS[name]].map((spec) => [longName(spec), fromCommandLine(spec)]));
      parsed = { name, input, args, sources };
    },
    argv.find((arg) => !arg.startsWith('-')),
  );
  const silent = { writeOut: () => undefined, writeErr: () => undefined };
  program.exitOverride().configureOutput(silent);
  for (const sub of program.commands) sub.exitOverride().configureOutput(silent);
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch {
    return 'error';
  }
  return parsed ?? 'error';
}

function fast(argv: string[]): Parsed | undefined {
  const parsed = fastParse(argv);
  if (!parsed) return undefined;
  const sources = Object.fromEntries([...GLOBAL_FLAGS, ...COMMAND_FLAGS[parsed.name]].map((spec) => [longName(spec), parsed.fromCommandLine(spec)]));
  return { name: parsed.name, input: parsed.input, args: parsed.args, sources };
}

// A small deterministic generator, so a failure can be replayed.
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

function forms(spec: FlagSpec): string[][] {
  const flag = longName(spec);
  if (spec.kind === 'switch') return [[flag], [flag], [`${flag}=x`]];
  const good =
    spec.kind === 'choice' ? spec.choices.flatMap((c) => [[flag, c], [`${flag}=${c}`]]) : [[flag, 'v1'], [`${flag}=v2`], [flag, 'a,b'], [`${flag}=`]];
  return [...good, ...good, [flag], [flag, '-x'], [`${flag}=-x`], [flag, '--'], ...(spec.kind === 'choice' ? [[flag, 'yaml']] : [])];
}

const STRAYS = [['--help'], ['-h'], ['--version'], ['--unknown'], ['-'], ['-5'], ['--no-such'], ['--debug'], ['--no-color'], ['help']];
const OPERANDS = ['dev', 'prod', 'true', 'x y'];

function corpus(name: (typeof FAST)[number], count: number, seed: number): string[][] {
  const next = random(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const specs = [...GLOBAL_FLAGS, ...COMMAND_FLAGS[name]];
  const all: string[][] = [];
  for (let n = 0; n < count; n++) {
    const argv: string[] = [];
    const parts = Math.floor(next() * 5);
    for (let p = 0; p < parts; p++) {
      const roll = next();
      if (roll < 0.7) argv.push(...pick(forms(pick(specs))));
      else if (roll < 0.8) argv.push(...pick(STRAYS));
      else argv.push(pick(OPERANDS));
    }
    if (next() < 0.5) argv.push('--', ...OPERANDS.slice(0, Math.floor(next() * 3)), ...(next() < 0.3 ? ['--profile', 'x', '-la'] : []));
    all.push(next() < 0.05 ? ['--debug', name, ...argv] : [name, ...argv]);
  }
  return all;
}

describe('the start-up fast path (fastParse) agrees with commander', () => {
  it('names each flag as commander does', () => {
    for (const spec of [...GLOBAL_FLAGS, ...Object.values(COMMAND_FLAGS).flat()]) expect(attributeName(spec)).toBe(new Option(spec.flags).attributeName());
  });

  for (const name of FAST) {
    it(`${name}: wherever fastParse answers, commander parses the same; wherever commander refuses, fastParse leaves it`, async () => {
      let answered = 0;
      let refused = 0;
      for (const argv of corpus(name, 1500, name.length * 7919)) {
        const mine = fast(argv);
        const theirs = await commanderParse(argv);
        if (theirs === 'error') {
          refused++;
          expect(mine, argv.join(' ')).toBeUndefined();
        } else if (mine) {
          answered++;
          expect(mine, argv.join(' ')).toEqual(theirs);
        }
      }
      // Both kinds are well represented: the comparison is not vacuous.
      expect(answered).toBeGreaterThan(100);
      expect(refused).toBeGreaterThan(100);
    });
  }

  it('answers for what SDKs and shells run, as commander would', async () => {
    const everyday = [
      ['credential-process', '--role-arn', 'arn:aws:iam::123456789012:role/dev', '--source-profile', 'base'],
      ['credential-process', '--role-arn=arn:aws:iam::123456789012:role/dev', '--duration', '1h', '--policy-arns', 'a,b', '--policy-arns', 'c'],
      ['credential-process', '--oidc', 'github', '--role-arn', 'arn:aws:iam::123456789012:role/ci', '--no-cache'],
      ['env', 'dev'],
      ['env', '--profile', 'dev', '--format', 'fish'],
      ['env', '--unset'],
      ['exec', 'dev', '--', 'terraform', 'plan', '-out', 'x'],
      ['exec', '--profile', 'dev', '--refresh', '--', 'aws', 's3', 'ls'],
      ['exec', 'dev', '--token-code', '123456', '--', 'true'],
      ['list'],
      ['list', '--format', 'json', '--names'],
      ['assume', 'dev', '--profile', 'dev-keys'],
      ['assume', '--role-arn', 'arn:aws:iam::123456789012:role/dev', '--duration', '2h', '--format', 'json'],
    ];
    for (const argv of everyday) {
      const mine = fast(argv);
      expect(mine, argv.join(' ')).toBeDefined();
      expect(mine).toEqual(await commanderParse(argv));
    }
    expect(fast(['exec', 'dev', '--', 'ls', '-la'])?.args).toEqual(['dev', '--', 'ls', '-la']);
    expect(fast(['credential-process', '--auth-token', 's3cret'])?.sources).toMatchObject({ '--auth-token': true, '--timeout': false });
  });

  it('leaves help, other commands and malformed argv to commander', () => {
    for (const argv of [
      ['env', '--help'],
      ['list', '-h'],
      ['whoami', 'dev'],
      ['assume', 'a', 'b'],
      ['--debug', 'env'],
      ['env', 'a', 'b'],
      ['list', 'extra'],
      ['exec'],
      ['credential-process', '--role-arn'],
      ['credential-process', '--duration', '-1'],
      ['list', '--format', 'yaml'],
      ['env', '--unset=yes'],
      ['env', '--cache'],
      ['toString'],
    ])
      expect(fastParse(argv), argv.join(' ')).toBeUndefined();
  });
});
