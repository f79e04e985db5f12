// Every command's --help ends with examples and exits 0.
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/cli/program.js';
import { runCli, tempHome } from '../helpers/cli.js';

describe('help', () => {
  const home = tempHome();
  for (const cmd of buildProgram(async () => undefined).commands) {
    it(`sts-cli ${cmd.name()} --help ends with examples`, async () => {
      const r = await runCli([cmd.name(), '--help'], { env: home.env });
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/Examples:\n( {2}\$ .*\n)+$/);
    });
  }
});
