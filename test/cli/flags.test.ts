// Flags are declared once, in the tables of inputs.ts; commander parses argv and readInput turns
// its values into each command's typed input.
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { addFlags } from '../../src/cli/declareFlags.js';
import { choice, list, readInput, text, toggle } from '../../src/cli/flags.js';
import { COMMAND_FLAGS } from '../../src/cli/inputs.js';
import { inputOf } from './harness.js';

describe('typed input from argv', () => {
  it('names fields in camel case, fills defaults, leaves absent flags out', async () => {
    const input = await inputOf('assume', ['--role-arn', 'arn:aws:iam::123456789012:role/dev']);
    expect(input).toEqual({
      roleArn: 'arn:aws:iam::123456789012:role/dev',
      policyArns: [],
      tags: [],
      transitiveTagKeys: [],
      auth: 'sigv4',
      verifySsl: true,
      timeout: '30',
      force: false,
      writeConfig: true,
      // No default for --format: given with --profile, it is printed as well (resolveCall applies env).
      mfaSessionDuration: '12h',
      cache: true,
      refresh: false,
    });
  });

  it('collects repeatable flags, cutting at commas only where the flag says so', async () => {
    const input = await inputOf('assume', [
      '--policy-arns',
      'arn:a, arn:b',
      '--policy-arns',
      'arn:c',
      '--tags',
      'team=a,b',
      '--tags',
      'env=dev',
      '--transitive-tag-keys',
      'team,env',
    ]);
    expect(input.policyArns).toEqual(['arn:a', 'arn:b', 'arn:c']);
    expect(input.tags).toEqual(['team=a,b', 'env=dev']);
    expect(input.transitiveTagKeys).toEqual(['team', 'env']);
  });

  it('reads switches, negated switches and choices', async () => {
    const input = await inputOf('assume', ['--no-verify-ssl', '--force', '--auth', 'ecs-token', '--format', 'json', '--profile', 'dev']);
    expect(input).toMatchObject({ verifySsl: false, force: true, auth: 'ecs-token', format: 'json', profile: 'dev' });
    expect(await inputOf('env', ['--unset', '--format', 'fish'])).toEqual({
      unset: true,
      format: 'fish',
      mfaSessionDuration: '12h',
      cache: true,
      refresh: false,
    });
    expect(await inputOf('env', ['--no-cache', '--refresh', '--token-code', '123456'])).toMatchObject({ cache: false, refresh: true, tokenCode: '123456' });
    // serve's --auth-token has no flag default: serve applies `test` after STS_CLI_AUTH_TOKEN (SPEC §11).
    expect(await inputOf('serve', [])).toEqual({ host: '127.0.0.1', port: '8900', workers: '1', log: 'text', tls: false, explain: false, control: true });
  });

  it('refuses a value outside the choices (commander: usage, exit 2 at the boundary)', async () => {
    await expect(inputOf('assume', ['--format', 'yaml'])).rejects.toMatchObject({ code: 'commander.invalidArgument' });
  });

  it('readInput keeps only what the specs declare, typed as they declare it', () => {
    const specs = [
      text('--name <n>', ''),
      list('--item <i>', '', { split: true }),
      toggle('--no-check', ''),
      choice('--mode <m>', '', ['a', 'b'], 'a'),
    ] as const;
    const cmd = addFlags(new Command('x'), specs);
    expect(cmd.options.map((o) => o.long)).toEqual(['--name', '--item', '--no-check', '--mode']);
    expect(readInput({ name: 7, item: ['p,q', 3], check: true, mode: 'b', stray: 'x' }, specs)).toEqual({ item: ['p', 'q'], check: true, mode: 'b' });
  });

  it('every command declares each flag once', () => {
    for (const [name, specs] of Object.entries(COMMAND_FLAGS)) {
      const longs = specs.map((s) => s.flags.split(' ')[0]);
      expect(new Set(longs).size, name).toBe(longs.length);
    }
  });
});
