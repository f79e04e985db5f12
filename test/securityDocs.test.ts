// The README's Security section names the test behind each promise: every name must be a test
// (or describe block) of the file it cites, so a promise cannot outlive the test that backs it.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
// Straight and typographic apostrophes alike.
const plain = (text: string) => text.replace(/\s+/g, ' ').replace(/’/g, "'");
const section = readme.slice(readme.indexOf('## Security'), readme.indexOf('\n## ', readme.indexOf('## Security') + 1));

/** [file, name] for each "(`file` › name" and each "(› name" (the last file named). */
function citations(text: string): Array<[string, string]> {
  const flat = plain(text);
  const found: Array<[string, string]> = [];
  let file = '';
  for (const match of flat.matchAll(/(?:`(test\/[^`]+)` )?› ([^;()]+?)(?=\)|;|\s…)/g)) {
    file = match[1] ?? file;
    if (file !== '') found.push([file, match[2]!.trim()]);
  }
  return found;
}

describe('README Security section', () => {
  const cited = citations(section);

  it('names a test for each of files, secrets, the network and the mock', () => {
    for (const part of ['**Files.**', '**Secrets.**', '**The network.**', '**The mock.**']) expect(section).toContain(part);
    expect(cited.length).toBeGreaterThanOrEqual(20);
  });

  for (const [file, name] of cited) {
    it(`${file} has "${name}"`, () => {
      const source = plain(readFileSync(new URL(`../${file}`, import.meta.url), 'utf8'));
      expect(source).toContain(name);
    });
  }
});
