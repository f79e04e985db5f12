// Bundles the CLI and the library with esbuild (a start-up chunk, lazy per-command chunks), then emits
// type declarations for the library with tsc.
import { build, transform } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));

// --if-stale: nothing to do when dist/ is newer than every source file (npm ci has just built it).
const newest = (path) => {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newest(join(path, name))));
};
const built = () => {
  try {
    return statSync('dist/cli.cjs').mtimeMs;
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

// The CLI: the start-up code in as few files as possible (each file costs Node a resolve, a read
// and a compile at every start: SPEC §6 speed), every other command in lazy chunks.
// esbuild splits code by the set of entry points (cli and each dynamic import()) that reach it,
// so a module that both the start and a lazy command use would land in a chunk of its own, and a
// cached credential-process would load thirty of them. Every lazily imported module of src/ is
// therefore made to import the start-up module too: then all start-up code is reached by the same
// entries and lands in one chunk. Modules are evaluated once, so this costs nothing at run time.
const STARTUP = resolve('src/cli/startCli.ts');
const cliBuild = { ...common, entryPoints: { cli: 'src/cli/main.ts' }, splitting: true, chunkNames: 'chunks/[name]-[hash]', outExtension: { '.js': '.cjs' } };
const scan = await build({ ...cliBuild, write: false, metafile: true, logLevel: 'silent' });
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
// esbuild splits ES modules only; the chunks are then turned into CommonJS (.cjs), which Node 20
// starts without its ES module loader (about 10% of `node -e 0` saved on every command, with
// bin/sts-cli.js CommonJS too). import() of a chunk becomes require(): same instances, same order.
const cli = await build({ ...cliBuild, banner: {}, write: false, plugins: [startupChunk] });
for (const file of cli.outputFiles) {
  const { code } = await transform(file.text, {
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    supported: { 'dynamic-import': false },
    logLevel: 'warning',
  });
  mkdirSync(dirname(file.path), { recursive: true });
  writeFileSync(file.path, code);
}
// The library (package.json "exports"): its own bundle, so that it does not split the CLI's chunks.
await build({ ...common, entryPoints: { index: 'src/index.ts' }, splitting: true, chunkNames: 'chunks/lib-[name]-[hash]' });
execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.json', '--emitDeclarationOnly'], { stdio: 'inherit' });
