// Parsed command-line flags as commands receive them from commander.
export type Flags = Record<string, unknown>;

/** The flag's value when it was given as text, else undefined. */
export function stringFlag(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
