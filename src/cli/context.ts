// What a command may touch, injected so tests can run commands without a real terminal or HOME.
import type { Output } from './output.js';

export interface CliContext {
  env: NodeJS.ProcessEnv;
  home: string;
  out: Output;
  /** stdin is a terminal: we may prompt (MFA code). */
  interactive: boolean;
  now: () => Date;
  /** Reads one line from the terminal, echoing the prompt on stderr. */
  prompt: (question: string) => Promise<string>;
}
