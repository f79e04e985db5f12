// The library surface: re-exports only. Never imports the CLI, commander or chalk.
export * from './errors.js';
export type * from './sts/types.js';
