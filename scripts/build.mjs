// Bundles the CLI and the library with esbuild (a start-up chunk, lazy per-command chunks), then emits
// type declarations for the library with tsc.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));

// --if-stale: nothing to do when dist/ is newer than every source file (npm ci has just built it).
const newest = (path) => {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newest(join(path, name))));
};
const built = () => {
  try {
    return statSync('dist/cli.js').mtimeMs;
  } catch {
    return -1;
  }
};
if (process.argv.includes('--if-stale') && built() > Math.max(newest('src'), newest('package.json'))) process.exit(0);

rmSync('dist', { recursive: true, force: true });
const common = {
  outdir: 'dist',
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  legalComments: 'none',
  // CommonJS packages inside an ESM bundle call require(): give them one (esbuild #1921).
  banner: { js: "import { createRequire as __stsCreateRequire } from 'node:module'; const require = __stsCreateRequire(import.meta.url);" },
  define: { STS_CLI_VERSION: JSON.stringify(pkg.version) },
  logLevel: 'warning',
};

// The CLI: the start-up code in as few files as possible (each ESM file costs Node a resolve, an
// async read and a compile at every start: SPEC §6 speed), every other command in lazy chunks.
// esbuild splits code by the set of entry points (cli and each dynamic import()) that reach it,
// so a module that both the start and a lazy command use would land in a chunk of its own, and a
// cached credential-process would load thirty of them. Every lazily imported module of src/ is
// therefore made to import the start-up module too: then all start-up code is reached by the same
// entries and lands in one chunk. Modules are evaluated once, so this costs nothing at run time.
const STARTUP = resolve('src/cli/startCli.ts');
const cliEntry = { cli: 'src/cli/main.ts' };
const scan = await build({ ...common, entryPoints: cliEntry, splitting: true, write: false, metafile: true, logLevel: 'silent' });
const lazy = new Set(
  Object.values(scan.metafile.inputs).flatMap((input) =>
    input.imports.filter((i) => i.kind === 'dynamic-import' && i.path.startsWith('src/')).map((i) => resolve(i.path)),
  ),
);
const startupChunk = {
  name: 'startup-chunk',
  setup(b) {
    b.onLoad({ filter: /\.ts$/ }, (args) => {
      if (!lazy.has(args.path)) return undefined;
      const source = readFileSync(args.path, 'utf8');
      return { contents: `${source}\nimport ${JSON.stringify(STARTUP)};\n`, loader: 'ts' };
    });
  },
};
await build({ ...common, entryPoints: cliEntry, splitting: true, chunkNames: 'chunks/[name]-[hash]', plugins: [startupChunk] });
// The library (package.json "exports"): its own bundle, so that it does not split the CLI's chunks.
await build({ ...common, entryPoints: { index: 'src/index.ts' }, splitting: true, chunkNames: 'chunks/lib-[name]-[hash]' });
execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.json', '--emitDeclarationOnly'], { stdio: 'inherit' });
