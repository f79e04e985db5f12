// The man page and README document every command and flag the CLI declares.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/cli/program.js';

const program = buildProgram(async () => undefined);
const man = readFileSync(new URL('../../man/sts-cli.1', import.meta.url), 'utf8').replace(/\\-/g, '-');
const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

describe('documentation', () => {
  for (const cmd of program.commands) {
    it(`man page documents "${cmd.name()}" and each of its flags`, () => {
      expect(man).toContain(`.SS ${cmd.name()}`);
      for (const option of cmd.options) expect(man, `${cmd.name()} ${option.long}`).toContain(option.long!);
    });
    it(`README shows "${cmd.name()}"`, () => {
      expect(readme).toContain(`sts-cli ${cmd.name()}`);
    });
  }
});
