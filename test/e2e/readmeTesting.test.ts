// The README's "Testing your code against the mock" example, exactly as printed: its ts block is
// written to a module under .vitest-tmp/ (inside the package, so `sts-cli` resolves through
// package.json "exports" to dist/) and imported here, so its hooks and tests run in this file.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { describe } from 'vitest';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const section = readme.split('\n### Testing your code against the mock\n')[1]?.split('\n#')[0];
const example = section === undefined ? undefined : /```ts\n([\s\S]*?)\n```/.exec(section)?.[1];
if (example === undefined) throw new Error('README.md has no ts block under "### Testing your code against the mock"');

const dir = new URL('../../.vitest-tmp/', import.meta.url);
mkdirSync(dir, { recursive: true });
const file = new URL('readme-testing-example.ts', dir);
writeFileSync(file, `${example}\n`);

describe('README: Testing your code against the mock', async () => {
  await import(pathToFileURL(file.pathname).href);
});
