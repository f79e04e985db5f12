// Secrets given as flags (SPEC §11): any local user can read a process's arguments in
// /proc/PID/cmdline, so each secret flag of inputs.ts has another way in, its use is warned about,
// its value is masked in every message (commander's own too), and `serve --workers` leaves it out
// of its workers' arguments. Pure: argv and the flag tables in, text out.
import { mask } from '../redact.js';
import { type FlagSpec, longName, type SecretSpec, type TextSpec } from './flags.js';
import { COMMAND_FLAGS } from './inputs.js';

type SecretFlag = TextSpec & { secret: SecretSpec };

const isSecret = (spec: FlagSpec): spec is SecretFlag => spec.kind === 'text' && spec.secret !== undefined;

export { longName };

/** The secret flags among `specs` (by default: of every command). */
export function secretFlags(specs: readonly FlagSpec[] = Object.values(COMMAND_FLAGS).flat()): SecretFlag[] {
  return specs.filter(isSecret);
}

const SECRET_NAMES = new Set(secretFlags().map(longName));

/** The values given to any secret flag in `argv`, as `--flag value` or `--flag=value`. */
export function secretValuesIn(argv: readonly string[]): string[] {
  const values: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const eq = arg.indexOf('=');
    if (arg.startsWith('--') && eq !== -1 && SECRET_NAMES.has(arg.slice(0, eq))) values.push(arg.slice(eq + 1));
    else if (SECRET_NAMES.has(arg) && i + 1 < argv.length) values.push(argv[++i]!);
  }
  return values.filter((v) => v !== '');
}

/** `argv` without the secret flags of `specs` and their values (for a worker's arguments). */
export function withoutSecretFlags(argv: readonly string[], specs: readonly FlagSpec[]): string[] {
  const names = new Set(secretFlags(specs).map(longName));
  const kept: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      kept.push(...argv.slice(i));
      break;
    }
    const eq = arg.indexOf('=');
    if (names.has(arg)) i++;
    else if (!(arg.startsWith('--') && eq !== -1 && names.has(arg.slice(0, eq)))) kept.push(arg);
  }
  return kept;
}

// A value long enough that it cannot be a mistyped choice (`--format jsn`): most likely a secret
// given to the wrong flag (`--auth "$TOKEN"` for `--auth-token "$TOKEN"`).
const LONGEST_CHOICE_TYPO = 16;
// Shorter secret values are left alone: masking every "abc" would garble the sentence around it.
const MIN_MASKED_VALUE = 4;

/**
 * commander's complaint with no secret left in it: the values of secret flags in `argv`, the value
 * of any `--name=value` it quotes (a mistyped secret flag keeps its value: "unknown option
 * '--auth-tokn=…'"), the rest of an unknown short option, and a long value refused by a choice.
 */
export function maskUsageMessage(text: string, argv: readonly string[]): string {
  let out = text;
  for (const value of secretValuesIn(argv)) {
    if (value.length >= MIN_MASKED_VALUE) out = out.split(value).join(mask(value));
  }
  return out
    .replace(/'(--[^'=\s]+)=[^']*'/g, (_m, name: string) => `'${name}=****'`)
    .replace(/unknown option '(-[^-'])[^']+'/g, (_m, flag: string) => `unknown option '${flag}****'`)
    .replace(/argument '([^']*)' is invalid/g, (m, value: string) => (value.length > LONGEST_CHOICE_TYPO ? "argument '****' is invalid" : m));
}

/** One line per secret flag of `specs` that came from the command line (`fromCommandLine`), naming its other way in. */
export function secretFlagWarnings(specs: readonly FlagSpec[], fromCommandLine: (spec: FlagSpec) => boolean): string[] {
  return secretFlags(specs)
    .filter((spec) => spec.secret.instead !== undefined && fromCommandLine(spec))
    .map((spec) => `${longName(spec)} on the command line can be read by every user of this machine (ps, /proc); ${spec.secret.instead} instead.`);
}
