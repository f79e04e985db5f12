// Human messages on stderr: the only module that imports chalk, and where redaction is applied
// to everything a person reads. Data for scripts goes to stdout through `data()` only.
import { redact } from '../redact.js';
import { escapeControl } from '../terminalText.js';
import type { StsCliError } from '../errors.js';

export interface OutputOptions {
  /** What writes to stdout and to stderr (standardStreams.ts). */
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** --no-color / NO_COLOR / not a TTY → false. */
  color: boolean;
  /** The same decision for stdout (wantsColor on stdout): tables a person reads there, such as `list`'s. Default false. */
  dataColor?: boolean;
  debug: boolean;
}

export interface Output {
  readonly debugEnabled: boolean;
  /** Raw data for scripts (exports, JSON): stdout, never coloured, never redacted. */
  data(text: string): void;
  /** Colours for text a person reads on stdout (`list`'s table): plain unless stdout is a terminal that wants colour. */
  readonly paint: Painter;
  /** A human line on stderr. */
  info(text: string): void;
  success(text: string): void;
  warn(text: string): void;
  /** One or two sentences: the error, then its hint (or `hint`) on what to do. */
  error(error: StsCliError | Error, showStack: boolean, hint?: string): void;
  /** A --debug trace line: redacted, only when --debug. */
  debug(text: string): void;
  /** Secrets of this run (keys just issued, tokens read) to mask verbatim wherever they appear. */
  addSecret(secret: string | undefined): void;
  /** From now on every human line is one JSON object, `{"time","level","message"}` (`serve --log json`). */
  jsonLines(): void;
}

type Paint = (text: string) => string;
export interface Painter {
  green: Paint;
  yellow: Paint;
  red: Paint;
  dim: Paint;
  cyan: Paint;
  bold: Paint;
}
/** No colour at all: what `paint` is off a terminal. */
export const plain: Painter = { green: (t) => t, yellow: (t) => t, red: (t) => t, dim: (t) => t, cyan: (t) => t, bold: (t) => t };

// chalk is loaded only when colour is on: scripts and pipes (no TTY) skip its start-up cost.
async function painter(color: boolean): Promise<Painter> {
  if (!color) return plain;
  const { Chalk } = await import('chalk');
  return new Chalk({ level: 1 });
}

export async function createOutput(options: OutputOptions): Promise<Output> {
  const loaded = await painter(options.color || options.dataColor === true);
  const chalk = options.color ? loaded : plain;
  const known: string[] = [];
  // Redacted first, then control characters shown as text (they may come from the network), then
  // painted: the paint's own escapes are the only ones that reach the terminal.
  const clean = (text: string) => escapeControl(redact(text, known));
  const line = (text: string) => options.stderr(`${text}\n`);
  let json = false;
  // A log reader parses each line: the fields are redacted, and JSON escapes any control character.
  const jsonLine = (level: 'debug' | 'info' | 'warn' | 'error', message: string, extra: Record<string, string> = {}) =>
    line(JSON.stringify({ time: new Date().toISOString(), level, message: redact(message, known), ...extra }));
  return {
    debugEnabled: options.debug,
    data: (text) => {
      options.stdout(text.endsWith('\n') || text === '' ? text : `${text}\n`);
    },
    paint: options.dataColor ? loaded : plain,
    info: (text) => (json ? jsonLine('info', text) : line(clean(text))),
    success: (text) => (json ? jsonLine('info', text) : line(chalk.green(clean(text)))),
    warn: (text) => (json ? jsonLine('warn', text) : line(chalk.yellow(`sts-cli: ${clean(text)}`))),
    error: (error, showStack, extraHint) => {
      const own = 'hint' in error && typeof error.hint === 'string' ? error.hint : undefined;
      const hint = extraHint ?? own;
      if (json) {
        const stack = showStack && error.stack ? { stack: redact(error.stack, known) } : {};
        jsonLine('error', hint ? `${error.message} ${hint}` : error.message, stack);
        return;
      }
      line(chalk.red(`sts-cli: ${clean(error.message)}`) + (hint ? ` ${clean(hint)}` : ''));
      if (showStack && error.stack) line(chalk.dim(escapeControl(redact(error.stack, known), { keepNewlines: true })));
    },
    debug: (text) => {
      if (options.debug) json ? jsonLine('debug', text) : line(chalk.dim(`[debug] ${clean(text)}`));
    },
    addSecret: (secret) => {
      if (secret) known.push(secret);
    },
    jsonLines: () => {
      json = true;
    },
  };
}

/**
 * Decides colour as chalk users expect: --no-color and NO_COLOR win, then FORCE_COLOR, then whether
 * the stream is a terminal (asked last: the flags and variables often decide without a look).
 */
export function wantsColor(env: NodeJS.ProcessEnv, isTerminal: () => boolean, flag: boolean): boolean {
  if (!flag) return false;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0') return true;
  return env.TERM !== 'dumb' && isTerminal();
}

/** The one time-left formatter (src/timeLeft.ts), for the commands that print through this module. */
export { timeLeft } from '../timeLeft.js';
