// Bundles the CLI and the library with esbuild (lazy per-command chunks), then emits
// type declarations for the library with tsc.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

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
await build({
  entryPoints: { cli: 'src/cli/main.ts', index: 'src/index.ts' },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  chunkNames: 'chunks/[name]-[hash]',
  legalComments: 'none',
  // CommonJS packages inside an ESM bundle call require(): give them one (esbuild #1921).
  banner: { js: "import { createRequire as __stsCreateRequire } from 'node:module'; const require = __stsCreateRequire(import.meta.url);" },
  define: { STS_CLI_VERSION: JSON.stringify(pkg.version) },
  logLevel: 'warning',
});
execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.json', '--emitDeclarationOnly'], { stdio: 'inherit' });
