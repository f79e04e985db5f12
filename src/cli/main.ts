// Entry point of the CLI (dist/cli.cjs): runs it and exits with its code. Everything else is in
// startCli.ts, so that the bundler can give the start-up code a chunk of its own (scripts/build.mjs).
// No top-level await: the bundle is CommonJS.
import { startCli } from './startCli.js';

void startCli(process.argv.slice(2)).then((code) => {
  // Let pending stdout writes drain (a pipe may be slow) before exiting with our code.
  process.exitCode = code;
  // A serve worker that failed to start would be held open by its IPC channel to the primary,
  // and disconnecting would exit 0: exit with the code, which the primary passes on.
  if (process.connected) process.exit(code);
});
