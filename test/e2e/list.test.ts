// End to end: `sts-cli list` through the built binary over real files: every profile of both
// files, one line each, JSON for scripts, `--names` for completion scripts (which loads neither the
// HTTP client nor jose), colour only on request or on a terminal, never a secret, bad files exit 5.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli, tempHome } from '../helpers/cli.js';

let home: ReturnType<typeof tempHome>;
beforeEach(() => {
  home = tempHome();
  mkdirSync(join(home.home, '.aws'), { mode: 0o700 });
});
afterEach(() => home.cleanup());

const CREDENTIALS = `[base]
aws_access_key_id = AKIDBASEEXAMPLE00000
aws_secret_access_key = base-secret-value-0000000000000000000000
[temp]
aws_access_key_id = ASIATEMPEXAMPLE00000
aws_secret_access_key = temp-secret-value-000000000000000000000
aws_session_token = temp-session-token-value
x_security_token_expires = 2999-01-02T03:04:05Z
[dev]
aws_access_key_id = AKIDSTALEEXAMPLE0000
aws_secret_access_key = stale-secret-value-00000000000000000000
`;
const CONFIG = `[profile dev]
role_arn = arn:aws:iam::123456789012:role/dev
source_profile = base
region = eu-west-1
endpoint_url = http://127.0.0.1:9000
[profile keys]
credential_process = /bin/creds --password hunter2
[profile loop]
role_arn = arn:aws:iam::123456789012:role/loop
source_profile = loop2
[profile loop2]
role_arn = arn:aws:iam::123456789012:role/loop2
source_profile = loop
`;
const SECRETS = ['base-secret-value', 'temp-secret-value', 'temp-session-token-value', 'stale-secret-value', 'hunter2'];

function writeFiles(credentials = CREDENTIALS, config = CONFIG): void {
  writeFileSync(home.credentialsFile, credentials, { mode: 0o600 });
  writeFileSync(home.configFile, config, { mode: 0o600 });
}

describe('sts-cli list', () => {
  it('prints one line per profile of both files, marks shadowing and problems, and no secret', async () => {
    writeFiles();
    const r = await runCli(['list'], { env: home.env });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^NAME +KIND +SOURCE +REGION +ENDPOINT +EXPIRES +NOTES$/);
    expect(lines.slice(1).map((l) => l.split(/ +/).slice(0, 2).join(' '))).toEqual([
      'dev role',
      'keys process',
      'loop role',
      'loop2 role',
      'base long-term',
      'temp temporary',
    ]);
    const dev = lines.find((l) => l.startsWith('dev '))!;
    expect(dev).toMatch(
      /^dev +role +base +eu-west-1 +http:\/\/127\.0\.0\.1:9000 +- +shadowed: credentials \[dev\] aws_access_key_id, aws_secret_access_key unused, config \[profile dev\] wins$/,
    );
    expect(lines.find((l) => l.startsWith('temp '))).toMatch(/2999-01-02T03:04:05Z \(in \d+d( \d+h)?\)/);
    expect(lines.find((l) => l.startsWith('loop '))).toContain('form a loop: loop -> loop2 -> loop');
    for (const secret of SECRETS) expect(r.stdout).not.toContain(secret);
    expect(r.stdout).not.toContain('\u001b[');
  });

  it('--format json: the same rows for scripts', async () => {
    writeFiles();
    const r = await runCli(['list', '--format', 'json'], { env: home.env });
    expect(r.code).toBe(0);
    const { profiles } = JSON.parse(r.stdout) as { profiles: Array<Record<string, unknown>> };
    expect(profiles.map((p) => p.name)).toEqual(['dev', 'keys', 'loop', 'loop2', 'base', 'temp']);
    expect(profiles[0]).toMatchObject({
      kind: 'role',
      source: { profiles: ['base'], type: 'static' },
      endpointUrl: 'http://127.0.0.1:9000',
      files: ['credentials', 'config'],
    });
    expect(profiles[5]).toMatchObject({ kind: 'temporary', expiration: '2999-01-02T03:04:05Z', expiry: 'stored' });
    for (const secret of SECRETS) expect(r.stdout).not.toContain(secret);
  });

  it('--names: the names alone, without the ones sts-cli refuses', async () => {
    writeFiles(`${CREDENTIALS}[has space]\nregion = x\n[$(id)x]\nregion = y\n`, `${CONFIG}[profile "quoted one"]\nregion = z\n`);
    const r = await runCli(['list', '--names'], { env: home.env });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('dev\nkeys\nloop\nloop2\nbase\ntemp\n$(id)x\n');
    const json = await runCli(['list', '--names', '--format', 'json'], { env: home.env });
    expect(JSON.parse(json.stdout)).toEqual(['dev', 'keys', 'loop', 'loop2', 'base', 'temp', '$(id)x']);
  });

  it('--names loads neither the HTTP client (undici) nor jose: a TAB stays fast', () => {
    // list is part of the start-up chunk (scripts/build.mjs): what cli.cjs requires at its top.
    const dist = resolve(dirname(new URL(import.meta.url).pathname), '../../dist');
    const seen = new Set<string>();
    const follow = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      // The bundle is CommonJS: a static import is a top-level `var … = require("./…")`; import() is a require() inside a .then().
      for (const m of readFileSync(file, 'utf8').matchAll(/^var \w+ = (?:__toESM\()?require\("(\.\.?\/[^"]+)"\)/gm)) follow(resolve(dirname(file), m[1]!));
    };
    follow(join(dist, 'cli.cjs'));
    expect(seen.size).toBeGreaterThan(1);
    expect([...seen].some((file) => readFileSync(file, 'utf8').includes('function renderProfileTable('))).toBe(true);
    for (const file of seen) {
      const text = readFileSync(file, 'utf8');
      expect(text, file).not.toContain('undici');
      expect(text, file).not.toContain('JWSSignatureVerificationFailed');
    }
  });

  it('colours for a terminal when asked (FORCE_COLOR), never with --no-color or NO_COLOR', async () => {
    writeFiles();
    const { NO_COLOR: _, ...env } = home.env;
    const coloured = await runCli(['list'], { env: { ...env, FORCE_COLOR: '1' } });
    expect(coloured.stdout).toMatch(/\u001b\[\d+m/);
    expect(coloured.stdout.replace(/\u001b\[\d+m/g, '')).toBe((await runCli(['list'], { env: home.env })).stdout);
    expect((await runCli(['list', '--no-color'], { env: { ...env, FORCE_COLOR: '1' } })).stdout).not.toContain('\u001b[');
    expect((await runCli(['list'], { env: { ...env, FORCE_COLOR: '1', NO_COLOR: '1' } })).stdout).not.toContain('\u001b[');
  });

  it('says so on stderr when there is no profile at all', async () => {
    const r = await runCli(['list'], { env: home.env });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`No profiles in ${home.credentialsFile} or ${home.configFile}.\n`);
    expect(JSON.parse((await runCli(['list', '--format', 'json'], { env: home.env })).stdout)).toEqual({ profiles: [] });
  });

  it('a config file that does not parse: exit 5 naming its line, untouched', async () => {
    writeFiles(CREDENTIALS, '[profile dev]\nregion = x\nthis is not a key\n');
    const r = await runCli(['list'], { env: home.env });
    expect(r.code).toBe(5);
    expect(r.stderr).toContain(`Cannot parse ${home.configFile}, line 3`);
    expect(r.stdout).toBe('');
    expect(readFileSync(home.configFile, 'utf8')).toBe('[profile dev]\nregion = x\nthis is not a key\n');
  });
});
