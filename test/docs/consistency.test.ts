// One source of truth: the commands and flags program.ts declares from the tables of inputs.ts
// (which --help prints). The man page, the completion scripts and the README are held to them both
// ways: every declared flag is documented and completes, and every command, flag, environment
// variable and exit code they name exists.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/cli/program.js';
import { runCli, tempHome } from '../helpers/cli.js';
import { readmeBlocks, SHELL_LANGS, shellCommands } from './readmeBlocks.js';

const program = buildProgram(async () => undefined);
const commands = new Map(program.commands.map((c) => [c.name(), c]));
const GLOBAL = ['--debug', '--no-color', '--version', '--help'];
const flagsOf = (cmd: Command) => [...cmd.options.map((o) => o.long!), '--help'];
/** A command's own flags: the global ones are documented once (man GLOBAL OPTIONS) and complete at the top. */
const ownOptions = (cmd: Command) => cmd.options.filter((o) => !GLOBAL.includes(o.long!));
const everyFlag = new Set([...GLOBAL, ...program.commands.flatMap(flagsOf)]);

const man = readFileSync(new URL('../../man/sts-cli.1', import.meta.url), 'utf8')
  .replace(/\\-/g, '-')
  .replace(/\\f[BIRP]/g, '');
const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

/** The text of man's `.SS name` section. */
function manSection(name: string): string {
  const start = man.indexOf(`\n.SS ${name}\n`);
  if (start === -1) return '';
  const next = man.slice(start + 1).search(/\n\.S[SH] /);
  return man.slice(start, next === -1 ? undefined : start + 1 + next);
}
const manTop = (title: string) => man.slice(man.indexOf(`\n.SH ${title}\n`), man.indexOf('\n.SH ', man.indexOf(`\n.SH ${title}\n`) + 1));
const flagsIn = (text: string) => new Set([...text.matchAll(/(?<![\w-])--[a-z][a-z0-9-]*/g)].map((m) => m[0]));

/** The README's markdown table under `## title`: its first column's backticked names, and each row. */
function readmeTable(title: string): Array<{ names: string[]; row: string }> {
  const section = readme.slice(readme.indexOf(`\n## ${title}\n`), readme.indexOf('\n## ', readme.indexOf(`\n## ${title}\n`) + 1));
  return section
    .split('\n')
    .filter((l) => /^\| /.test(l) && !/^\| -/.test(l))
    .slice(1)
    .map((row) => ({ names: [...row.split('|')[1]!.matchAll(/`([^`]+)`|\b(\d)\b/g)].map((m) => m[1] ?? m[2]!), row }));
}

const home = tempHome();
/** A command's branch of a completion script's `case`: from `    NAME)` to the next branch or the esac. */
function caseOf(script: string, name: string): string {
  const start = script.indexOf(`\n    ${name})\n`);
  if (start === -1) return '';
  const end = script.slice(start + 1).search(/\n {4}[a-z-]+\)\n|\n {2}esac/);
  return script.slice(start, start + 1 + end);
}
const completion = async (shell: string) => (await runCli(['completion', shell], { env: home.env })).stdout;

describe('every declared command and flag is documented and completes', () => {
  for (const [name, cmd] of commands) {
    it(`man page: .SS ${name} names each of its flags, or the command it takes them from`, () => {
      const section = manSection(name);
      expect(section, `man has no .SS ${name}`).not.toBe('');
      // "the options of assume", "As for env": the sections a section refers to for its flags.
      const referred = [...section.matchAll(/(?:options of|As for)\s+(?:\.BR? )?([a-z-]+)/g)].map((m) => manSection(m[1]!));
      const documented = flagsIn([section, ...referred].join('\n'));
      for (const option of ownOptions(cmd)) expect(documented, `man ${name}: ${option.long}`).toContain(option.long);
    });

    it(`${name} --help lists each of its flags`, async () => {
      const help = (await runCli([name, '--help'], { env: home.env })).stdout;
      for (const option of cmd.options) expect(help, `${name} --help: ${option.long}`).toMatch(new RegExp(`^  ${option.long}[ ,]`, 'm'));
    });

    it(`completion scripts offer each flag of ${name}`, async () => {
      const bashCase = caseOf(await completion('bash'), name);
      const zshCase = caseOf(await completion('zsh'), name);
      const fish = await completion('fish');
      for (const option of ownOptions(cmd)) {
        expect(bashCase, `bash ${name} ${option.long}`).toContain(`${option.long} `);
        expect(zshCase, `zsh ${name} ${option.long}`).toContain(`'${option.long}[`);
        expect(fish, `fish ${name} ${option.long}`).toContain(`__fish_seen_subcommand_from ${name}' -l ${option.long!.slice(2)} `);
      }
    });
  }
});

describe('everything the docs name exists in the CLI', () => {
  it('the man page has a section for declared commands only, and names declared flags only', () => {
    const sections = [...man.matchAll(/\n\.SS ([a-z-]+)\n/g)].map((m) => m[1]!);
    expect(sections.sort()).toEqual([...commands.keys()].sort());
    for (const name of sections) {
      const declared = flagsOf(commands.get(name)!);
      for (const flag of flagsIn(manSection(name))) expect(everyFlag, `man ${name} names ${flag}`).toContain(flag);
      // A section that says it takes another command's options must accept every one of them, or name the exceptions.
      for (const m of manSection(name).matchAll(/(?<!endpoint )options of\s+(?:\.BR? )?([a-z-]+)(?:[^.]*?except ([^)]*))?/g)) {
        const excepted = flagsIn(m[2] ?? '');
        for (const flag of flagsOf(commands.get(m[1]!)!)) {
          if (!excepted.has(flag)) expect(declared, `man ${name} says it takes the options of ${m[1]}, so ${flag}`).toContain(flag);
        }
      }
    }
    for (const flag of flagsIn(manTop('GLOBAL OPTIONS'))) expect(GLOBAL).toContain(flag);
  });

  it('every `sts-cli COMMAND --flag` of the README is a declared command and one of its flags', () => {
    const invocations = readmeBlocks()
      .filter((b) => SHELL_LANGS.has(b.lang) || b.lang === 'yaml' || b.lang === 'ini')
      .flatMap((b) => shellCommands(b.body))
      .flatMap((c) => [...c.replace(/#[^\n'"]*$/gm, '').matchAll(/\bsts-cli ([a-z-]+)((?:[^|;&)\n]|\\\n)*)/g)]);
    expect(invocations.length).toBeGreaterThan(40);
    for (const [text, name, rest] of invocations) {
      const cmd = commands.get(name!);
      if (name === 'serve' || name === 'completion' || name === 'cache' || cmd) expect(cmd, text).toBeDefined();
      // Anything after `--` belongs to the command exec runs.
      for (const flag of flagsIn(rest!.split(/ -- /)[0]!)) expect([...GLOBAL, ...flagsOf(cmd!)], `${text}: ${flag}`).toContain(flag);
    }
  });

  it('every --flag in the README prose is declared by some command (or is the AWS CLI’s own)', () => {
    const prose = readme.replace(/```[\s\S]*?```/g, '');
    // Flags of the AWS CLI and of other tools that the README mentions by name.
    // `--auth-tokn` is the Security section's example of a mistyped secret flag.
    const others = new Set(['--auth-tokn']);
    for (const flag of flagsIn(prose)) if (!others.has(flag)) expect(everyFlag, flag).toContain(flag);
  });

  it('the README mentions each command', () => {
    for (const name of commands.keys()) expect(readme).toContain(`sts-cli ${name}`);
  });
});

/** Every environment variable the code reads by name (string literals and env.NAME), sts-cli's and the AWS conventions it honours. */
function variablesRead(literals = false): Set<string> {
  const found = new Set<string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir)) {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) walk(path);
      else if (path.endsWith('.ts')) {
        const source = readFileSync(path, 'utf8');
        for (const m of source.matchAll(/env(?:\?)?\.([A-Z][A-Z0-9_]+)\b(?!\s*=[^=])|env\[['"]([A-Z][A-Z0-9_]+)['"]\]/g)) found.add(m[1] ?? m[2]!);
        if (literals) for (const m of source.matchAll(/['"`]([A-Z][A-Z0-9]*_[A-Z0-9_]+)['"`]/g)) found.add(m[1]!);
      }
    }
  };
  walk(new URL('../../src', import.meta.url).pathname);
  return found;
}

describe('environment variables and exit codes: README, man page and code agree', () => {
  const table = readmeTable('Environment variables');
  const inReadme = new Set(table.flatMap((r) => r.names));
  const inMan = new Set([...manTop('ENVIRONMENT').matchAll(/\b([A-Z][A-Z0-9]*_[A-Z0-9_]+|NO_COLOR)\b/g)].map((m) => m[1]!));
  const read = variablesRead();

  it('the README table and the man page list the same variables', () => {
    expect([...inReadme].sort()).toEqual([...inMan].sort());
  });

  it('every variable documented is read by the code', () => {
    // Read through libraries or spelled in a shared list rather than as env.NAME.
    const indirect = new Set(['HTTPS_PROXY', 'HTTP_PROXY', 'NO_PROXY', 'NO_COLOR']);
    const named = variablesRead(true);
    for (const name of inReadme) if (!indirect.has(name)) expect(named, name).toContain(name);
  });

  it('every AWS_*, STS_CLI_*, ECS_* or CI variable the code reads is documented', () => {
    // The child environment of exec --server, and variables only the mock's own tests use.
    const notInputs = new Set(['AWS_CONTAINER_CREDENTIALS_FULL_URI', 'AWS_CONTAINER_AUTHORIZATION_TOKEN', 'AWS_CREDENTIAL_EXPIRATION']);
    for (const name of read) {
      if (/^(AWS|STS_CLI|ECS|ACTIONS|CIRCLE)_/.test(name) && !notInputs.has(name)) expect(inReadme, name).toContain(name);
    }
  });

  it("a variable a command's --help names is one the README says that command reads", async () => {
    const commandWords = new Set(commands.keys());
    for (const [name] of commands) {
      const help = (await runCli([name, '--help'], { env: home.env })).stdout.replace(/\s+/g, ' ');
      for (const [variable] of help.matchAll(/\b(?:AWS|STS_CLI|ECS)_[A-Z0-9_]+\b/g)) {
        const row = table.find((r) => r.names.includes(variable));
        expect(row, `${name} --help names ${variable}, which the README's table lacks`).toBeDefined();
        const named = [...row!.row.split('|')[2]!.matchAll(/`([a-z-]+)`/g)].map((m) => m[1]!).filter((w) => commandWords.has(w));
        if (named.length > 0) expect(named, `${name} --help names ${variable}; the README says it is for ${named.join(', ')}`).toContain(name);
      }
    }
  });

  it('exit codes: the README table, the man page and src/errors.ts have the same codes', () => {
    const readmeCodes = readmeTable('Exit codes').map((r) => Number(r.names[0]));
    const manCodes = [...manTop('EXIT STATUS').matchAll(/\n\.B (\d)\n/g)].map((m) => Number(m[1]));
    const errors = readFileSync(new URL('../../src/errors.ts', import.meta.url), 'utf8');
    const table = /export const ExitCode = \{([^}]*)\}/.exec(errors)![1]!;
    const codeCodes = [...table.matchAll(/: (\d)/g)].map((m) => Number(m[1]));
    expect(readmeCodes).toEqual([0, 1, 2, 3, 4, 5]);
    expect(manCodes).toEqual(readmeCodes);
    expect(codeCodes).toEqual(readmeCodes);
  });

  it('the exit code of each refusal the README describes is the code that refusal has', () => {
    // The long-term keys guard (ProtectedProfileError) exits 5: the table's row 5 must cover it.
    const row5 = readmeTable('Exit codes').find((r) => r.names[0] === '5')!.row;
    expect(row5).toMatch(/long-term keys/);
  });
});
