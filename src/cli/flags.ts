// A flag is declared once, in kebab case, as a spec in a table (inputs.ts). commander parses argv
// with it (declareFlags.ts), and readInput() is the one place that reads the parsed untyped values: it
// turns them into the command's typed input, whose field names (commander's camel case: --role-arn →
// roleArn, --no-verify-ssl → verifySsl) and value types are derived from the same specs.
// No commander here: the start-up fast path (fastParse.ts) reads these tables without loading it.

/**
 * A flag whose value is a secret (SPEC §11): masked in every message, commander's own included.
 * `instead` names its way in that is not the command line, which other users can read in /proc;
 * when set, using the flag prints a one-line warning that says so.
 */
export interface SecretSpec {
  instead?: string;
}

/** `--name <value>`: a string, absent unless given (or its default). */
export interface TextSpec<F extends string = string, D extends string | undefined = string | undefined> {
  kind: 'text';
  flags: F;
  help: string;
  default: D;
  hidden: boolean;
  secret?: SecretSpec;
}

/** A repeatable `--name <value>`: every value given, in order; `split` also cuts each at commas. */
export interface ListSpec<F extends string = string> {
  kind: 'list';
  flags: F;
  help: string;
  split: boolean;
}

/** `--force` (false unless given) or `--no-verify-ssl` (verifySsl: true unless given). */
export interface SwitchSpec<F extends string = string> {
  kind: 'switch';
  flags: F;
  help: string;
}

/** `--name <value>` limited to `choices`; commander refuses any other value (exit 2). */
export interface ChoiceSpec<F extends string = string, C extends string = string, D extends C | undefined = C | undefined> {
  kind: 'choice';
  flags: F;
  help: string;
  choices: readonly C[];
  default: D;
}

export type FlagSpec = TextSpec | ListSpec | SwitchSpec | ChoiceSpec;

export function text<const F extends string, const D extends string | undefined = undefined>(
  flags: F,
  help: string,
  options: { default?: D; hidden?: boolean; secret?: SecretSpec } = {},
): TextSpec<F, D> {
  const spec: TextSpec<F, D> = { kind: 'text', flags, help, default: options.default as D, hidden: options.hidden ?? false };
  if (options.secret) spec.secret = options.secret;
  return spec;
}

export function list<const F extends string>(flags: F, help: string, options: { split?: boolean } = {}): ListSpec<F> {
  return { kind: 'list', flags, help, split: options.split ?? false };
}

export function toggle<const F extends string>(flags: F, help: string): SwitchSpec<F> {
  return { kind: 'switch', flags, help };
}

export function choice<const F extends string, const C extends string, const D extends C | undefined = undefined>(
  flags: F,
  help: string,
  choices: readonly C[],
  defaultValue?: D,
): ChoiceSpec<F, C, D> {
  return { kind: 'choice', flags, help, choices, default: defaultValue as D };
}

type LongName<F extends string> = F extends `--${infer N} ${string}` ? N : F extends `--${infer N}` ? N : never;
type Camel<S extends string> = S extends `${infer H}-${infer T}` ? `${H}${Capitalize<Camel<T>>}` : S;
/** commander's attribute name of a flag: `--role-arn <arn>` → roleArn, `--no-verify-ssl` → verifySsl. */
export type AttributeName<F extends string> = LongName<F> extends `no-${infer N}` ? Camel<N> : Camel<LongName<F>>;

type ValueOf<S> =
  S extends TextSpec<string, infer D>
    ? D extends string
      ? string
      : string | undefined
    : S extends ListSpec
      ? string[]
      : S extends SwitchSpec
        ? boolean
        : S extends ChoiceSpec<string, infer C, infer D>
          ? D extends string
            ? C
            : C | undefined
          : never;

type Flatten<T> = { [K in keyof T]: T[K] } & {};

/** The typed input a table of specs produces: a flag without a default is an optional field. */
export type InputOf<T extends readonly FlagSpec[]> = Flatten<
  { [S in T[number] as undefined extends ValueOf<S> ? never : AttributeName<S['flags']>]: ValueOf<S> } & {
    [S in T[number] as undefined extends ValueOf<S> ? AttributeName<S['flags']> : never]?: Exclude<ValueOf<S>, undefined>;
  }
>;

/** `--auth-token <token>` → `--auth-token`. */
export function longName(spec: FlagSpec): string {
  return spec.flags.split(/[ ,]/)[0]!;
}

/** commander's attribute name of a flag, as Option.attributeName() computes it: `--no-verify-ssl` → verifySsl. */
export function attributeName(spec: FlagSpec): string {
  return longName(spec)
    .replace(/^--(no-)?/, '')
    .replace(/-(.)/g, (_, letter: string) => letter.toUpperCase());
}

function listValue(value: unknown, split: boolean): string[] {
  const values = Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  if (!split) return values;
  return values
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean);
}

/**
 * The typed input of a command: commander's parsed `values`, each read as the kind its spec
 * declares (a value of another type is left out). The only reader of commander's untyped values.
 */
export function readInput<const T extends readonly FlagSpec[]>(values: Record<string, unknown>, specs: T): InputOf<T> {
  const input: Record<string, unknown> = {};
  for (const spec of specs) {
    const name = attributeName(spec);
    const value = values[name];
    if (spec.kind === 'list') input[name] = listValue(value, spec.split);
    else if (spec.kind === 'switch') input[name] = value === true;
    else if (typeof value === 'string') input[name] = value;
  }
  return input as InputOf<T>;
}
