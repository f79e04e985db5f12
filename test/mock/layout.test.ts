// The flavor table stays a table: what imports flavors.ts imports the spec (the table or its
// block types), never a helper (issue 7: helpers live with the modules that own them).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = new URL('../../src/mock/', import.meta.url).pathname;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

describe('src/mock imports of flavors.ts', () => {
  const imports = sources(root).flatMap((file) =>
    [...readFileSync(file, 'utf8').matchAll(/import\s+(type\s+)?\{([^}]*)\}\s+from\s+'(?:\.\.?\/)+flavors\.js'/g)].map((m) => ({
      file: file.slice(root.length),
      typeOnly: m[1] !== undefined,
      names: m[2]!
        .split(',')
        .map((n) => n.trim())
        .filter(Boolean),
    })),
  );

  it('are found (the test reads what it means to)', () => {
    expect(imports.map((i) => i.file)).toContain('start.ts');
  });

  it('name only the table or the spec types', () => {
    for (const { file, typeOnly, names } of imports) {
      for (const name of names) {
        const bare = name.replace(/^type\s+/, '');
        const isType = typeOnly || name.startsWith('type ');
        expect(isType ? /^(FlavorSpec|FlavorError|[A-Z]\w*Spec)$/.test(bare) : bare === 'flavors', `${file} imports ${name}`).toBe(true);
      }
    }
  });
});
