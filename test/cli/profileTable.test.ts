// What `sts-cli list` prints: one line a profile with kind, source chain, region, endpoint, expiry
// and time left, shadow marks and problems in the notes; colours only through the painter; JSON for
// scripts; never a secret, never a terminal control character, never a URL's userinfo.
import { describe, expect, it } from 'vitest';
import { listProfiles } from '../../src/credentials/listProfiles.js';
import { type Painter, plain } from '../../src/cli/output.js';
import { profileListJson, renderProfileTable, shadowText } from '../../src/cli/profileTable.js';
import { sharedFiles } from '../credentials/sharedFiles.js';

const NOW = new Date('2030-01-01T12:00:00Z');

const CREDENTIALS = `
[base]
aws_access_key_id = AKIDBASE
aws_secret_access_key = base-secret-value
[temp]
aws_access_key_id = ASIATEMP
aws_secret_access_key = temp-secret-value
aws_session_token = temp-session-token
x_security_token_expires = 2030-01-01T12:10:00Z
[later]
aws_access_key_id = ASIALATER
aws_secret_access_key = later-secret-value
aws_session_token = later-session-token
x_security_token_expires = 2030-01-01T13:00:00Z
[gone]
aws_access_key_id = ASIAGONE
aws_secret_access_key = gone-secret-value
aws_session_token = gone-session-token
x_security_token_expires = 2030-01-01T11:00:00Z
[dev]
aws_access_key_id = AKIDSTALE
aws_secret_access_key = stale-secret-value
`;

const CONFIG = `
[profile dev]
role_arn = arn:aws:iam::1:role/dev
source_profile = mid
region = eu-west-1
[profile mid]
role_arn = arn:aws:iam::1:role/mid
source_profile = base
endpoint_url = http://admin:hunter2@127.0.0.1:9000
[profile keys]
credential_process = /bin/creds --secret-arg hunter2
[profile ci]
role_arn = arn:x:ci
credential_source = Environment
[profile a]
role_arn = arn:x:a
source_profile = b
[profile b]
role_arn = arn:x:b
source_profile = a
[profile evil\u001b]2;pwned\u0007]
region = x
`;

const SECRETS = ['base-secret-value', 'temp-secret-value', 'temp-session-token', 'stale-secret-value', 'hunter2', 'later-session-token', 'gone-session-token'];

const rows = listProfiles(sharedFiles(CREDENTIALS, CONFIG));
const table = renderProfileTable(rows, NOW, plain);
const lineOf = (name: string) => table.split('\n').find((line) => line.startsWith(`${name} `))!;

// A painter that shows which paint each piece of text got.
const tags: Painter = {
  green: (t) => `<green>${t}</green>`,
  yellow: (t) => `<yellow>${t}</yellow>`,
  red: (t) => `<red>${t}</red>`,
  dim: (t) => `<dim>${t}</dim>`,
  cyan: (t) => `<cyan>${t}</cyan>`,
  bold: (t) => `<bold>${t}</bold>`,
};

describe('the list table', () => {
  it('has a header and one line per profile, columns aligned', () => {
    const lines = table.split('\n');
    expect(lines[0]).toMatch(/^NAME +KIND +SOURCE +REGION +ENDPOINT +EXPIRES +NOTES$/);
    expect(lines).toHaveLength(rows.length + 1);
    const kindColumn = lines[0]!.indexOf('KIND');
    for (const line of lines.slice(1)) expect(line[kindColumn - 1], line).toBe(' ');
    expect(lines.slice(1).map((l) => l.split(/\s+/)[0])).toEqual(
      rows.map((r) => r.name.replace(/[\u001b\u0007]/g, (c) => `\\u00${c.charCodeAt(0).toString(16).padStart(2, '0')}`)),
    );
  });

  it('shows kind, the source chain, region and endpoint', () => {
    expect(lineOf('dev')).toMatch(/^dev +role +mid > base +eu-west-1 +- /);
    expect(lineOf('mid')).toMatch(/^mid +role +base +- +http:\/\/\*\*\*\*@127\.0\.0\.1:9000 /);
    expect(lineOf('ci')).toMatch(/^ci +role +environment /);
    expect(lineOf('keys')).toMatch(/^keys +process +- /);
    expect(lineOf('base')).toMatch(/^base +long-term +- /);
  });

  it('shows a stored expiry with the time left', () => {
    expect(lineOf('temp')).toContain('2030-01-01T12:10:00Z (in 10m)');
    expect(lineOf('later')).toContain('2030-01-01T13:00:00Z (in 1h)');
    expect(lineOf('gone')).toContain('2030-01-01T11:00:00Z (1h ago)');
  });

  it('shows a cached session when the caller knows one', () => {
    const cached = listProfiles(sharedFiles(CREDENTIALS, CONFIG), {
      cachedExpiry: (p) => (p.name === 'dev' ? new Date('2030-01-01T12:30:00Z') : undefined),
    });
    expect(renderProfileTable(cached, NOW, plain)).toMatch(/^dev .*2030-01-01T12:30:00Z \(in 30m, cached\)/m);
  });

  it('marks shadowed sections and problems in the notes', () => {
    expect(lineOf('dev')).toContain('shadowed: credentials [dev] aws_access_key_id, aws_secret_access_key unused, config [profile dev] wins');
    expect(lineOf('a')).toContain('The source_profile settings form a loop: a -> b -> a.');
    expect(lineOf('evil\\u001b]2;pwned\\u0007')).toContain('sts-cli will not use it');
  });

  it('never prints a secret, a URL password or a control character', () => {
    for (const secret of SECRETS) expect(table).not.toContain(secret);
    expect(table).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
  });

  it('paints expiry by time left, problems red, shadowing yellow, and nothing with the plain painter', () => {
    const painted = renderProfileTable(rows, NOW, tags);
    const line = (name: string) => painted.split('\n').find((l) => l.startsWith(`<bold>${name} `))!;
    expect(line('temp')).toMatch(/<yellow>2030-01-01T12:10:00Z \(in 10m\) *<\/yellow>/);
    expect(line('later')).toMatch(/<green>2030-01-01T13:00:00Z \(in 1h\) *<\/green>/);
    expect(line('gone')).toMatch(/<red>2030-01-01T11:00:00Z \(1h ago\) *<\/red>/);
    expect(line('a')).toMatch(/<red>The source_profile settings form a loop/);
    expect(line('dev')).toMatch(/<yellow>shadowed: /);
    expect(line('dev')).toMatch(/<cyan>role +<\/cyan>/);
    expect(table).not.toMatch(/<\w+>/);
  });

  it('phrases each kind of shadow mark', () => {
    const by = { file: 'config', section: 'profile dev' } as const;
    expect(shadowText({ file: 'config', section: 'dev', what: 'section', keys: [], by })).toBe('config [dev] ignored, config [profile dev] wins');
    expect(shadowText({ file: 'config', section: 'profile dev', what: 'settings', keys: ['region'], by: { file: 'credentials', section: 'dev' } })).toBe(
      'config [profile dev] region overridden by credentials [dev]',
    );
  });
});

describe('list --format json', () => {
  const parsed = JSON.parse(profileListJson(rows, NOW)) as { profiles: Array<Record<string, unknown>> };
  const profile = (name: string) => parsed.profiles.find((p) => p.name === name)!;

  it('has every row with its fields, dates as ISO 8601 with the seconds left', () => {
    expect(parsed.profiles.map((p) => p.name)).toEqual(rows.map((r) => r.name));
    expect(profile('dev')).toMatchObject({
      kind: 'role',
      source: { profiles: ['mid', 'base'], type: 'static' },
      region: 'eu-west-1',
      files: ['credentials', 'config'],
    });
    expect(profile('temp')).toMatchObject({ kind: 'temporary', expiration: '2030-01-01T12:10:00Z', secondsLeft: 600, expiry: 'stored' });
    expect(profile('gone')).toMatchObject({ expiration: '2030-01-01T11:00:00Z', secondsLeft: 0 });
    expect(profile('a')).toMatchObject({ problem: { code: 'ERR_PROFILE_LOOP' } });
    expect((profile('dev').shadow as unknown[]).length).toBe(1);
  });

  it('never holds a secret or a URL password', () => {
    const text = profileListJson(rows, NOW);
    for (const secret of SECRETS) expect(text).not.toContain(secret);
    expect(profile('mid').endpointUrl).toBe('http://****@127.0.0.1:9000');
  });
});
