// The rows of `sts-cli list`: kind, source chain, region, endpoint, expiry (stored or cached),
// shadowing between the two files as botocore merges them, problems, and never a secret.
import { describe, expect, it } from 'vitest';
import { listProfiles, type ProfileRow } from '../../src/credentials/listProfiles.js';
import type { ResolvedProfile } from '../../src/credentials/profileTypes.js';
import { sharedFiles } from './sharedFiles.js';

const CREDENTIALS = `
[base]
aws_access_key_id = AKIDBASE
aws_secret_access_key = base-secret-value
[temp]
aws_access_key_id = ASIATEMP
aws_secret_access_key = temp-secret-value
aws_session_token = temp-session-token
x_security_token_expires = 2030-01-02T03:04:05Z
[dev]
aws_access_key_id = AKIDSTALE
aws_secret_access_key = stale-secret-value
[keys]
aws_access_key_id = AKIDKEYS
aws_secret_access_key = keys-secret-value
region = eu-west-3
[self]
aws_access_key_id = AKIDSELF
aws_secret_access_key = self-secret-value
[profile odd]
region = x
`;

const CONFIG = `
[profile dev]
role_arn = arn:aws:iam::1:role/dev
source_profile = mid
region = eu-west-1
[profile mid]
role_arn = arn:aws:iam::1:role/mid
source_profile = base
endpoint_url = http://127.0.0.1:9000
[profile keys]
credential_process = /bin/creds --secret-arg hunter2
region = eu-west-1
[profile self]
role_arn = arn:aws:iam::1:role/self
source_profile = self
[default]
region = us-east-1
[profile default]
region = us-east-2
[profile a]
role_arn = arn:x:a
source_profile = b
region = ap-east-1
[profile b]
role_arn = arn:x:b
source_profile = a
[profile ci]
role_arn = arn:x:ci
credential_source = Environment
[profile wi]
role_arn = arn:x:wi
web_identity_token_file = /run/token
`;

const files = sharedFiles(CREDENTIALS, CONFIG);
const NOW_PLUS = new Date('2031-05-06T07:08:09Z');

function rows(options?: Parameters<typeof listProfiles>[1]): Map<string, ProfileRow> {
  return new Map(listProfiles(files, options).map((r) => [r.name, r]));
}

describe('listProfiles', () => {
  it('has one row per profile of both files: config profiles first, in file order', () => {
    expect(listProfiles(files).map((r) => r.name)).toEqual(['dev', 'mid', 'keys', 'self', 'default', 'a', 'b', 'ci', 'wi', 'base', 'temp', 'profile odd']);
  });

  it('gives kind, source chain, region and endpoint', () => {
    const r = rows();
    expect(r.get('dev')).toMatchObject({
      kind: 'role',
      source: { profiles: ['mid', 'base'], type: 'static' },
      region: 'eu-west-1',
      files: ['credentials', 'config'],
    });
    // botocore calls every hop at the asked profile's endpoint: dev has none of its own.
    expect(r.get('dev')?.endpointUrl).toBeUndefined();
    expect(r.get('mid')).toMatchObject({
      kind: 'role',
      source: { profiles: ['base'], type: 'static' },
      endpointUrl: 'http://127.0.0.1:9000',
      files: ['config'],
    });
    expect(r.get('self')).toMatchObject({ kind: 'role', source: { profiles: ['self'], type: 'static' } });
    expect(r.get('ci')).toMatchObject({ kind: 'role', source: { profiles: [], type: 'environment' } });
    expect(r.get('wi')).toMatchObject({ kind: 'web-identity' });
    expect(r.get('base')).toMatchObject({ kind: 'long-term', files: ['credentials'] });
    expect(r.get('keys')).toMatchObject({ kind: 'long-term', region: 'eu-west-3' });
    expect(r.get('default')).toMatchObject({ kind: 'none', region: 'us-east-2' });
  });

  it('shows stored expiry, and a cached session’s from the callback for role, web identity and process profiles', () => {
    const asked: string[] = [];
    const cachedExpiry = (p: ResolvedProfile) => {
      asked.push(p.name);
      return p.name === 'dev' || p.name === 'wi' ? NOW_PLUS : undefined;
    };
    const r = rows({ cachedExpiry });
    expect(r.get('temp')).toMatchObject({ kind: 'temporary', expiresAt: new Date('2030-01-02T03:04:05Z'), expiry: 'stored' });
    expect(r.get('dev')).toMatchObject({ expiresAt: NOW_PLUS, expiry: 'cache' });
    expect(r.get('wi')).toMatchObject({ expiresAt: NOW_PLUS, expiry: 'cache' });
    expect(r.get('mid')?.expiresAt).toBeUndefined();
    expect(r.get('base')?.expiresAt).toBeUndefined();
    // Not asked for static keys or settings-only profiles.
    expect(asked).not.toContain('base');
    expect(asked).not.toContain('default');
    expect(asked).not.toContain('temp');
  });

  it('marks what one file shadows in the other, as botocore merges them', () => {
    const r = rows();
    // The config role decides: the credentials file's keys for dev are never used.
    expect(r.get('dev')?.shadow).toEqual([
      {
        file: 'credentials',
        section: 'dev',
        what: 'credentials',
        keys: ['aws_access_key_id', 'aws_secret_access_key'],
        by: { file: 'config', section: 'profile dev' },
      },
    ]);
    // The credentials file's keys come before credential_process; its region overrides the config's.
    expect(r.get('keys')?.shadow).toEqual([
      { file: 'config', section: 'profile keys', what: 'settings', keys: ['region'], by: { file: 'credentials', section: 'keys' } },
      { file: 'config', section: 'profile keys', what: 'credentials', keys: ['credential_process'], by: { file: 'credentials', section: 'keys' } },
    ]);
    // A role profile sourcing its own keys uses them: nothing shadowed.
    expect(r.get('self')?.shadow).toEqual([]);
    // [default] then [profile default]: botocore keeps the later section whole.
    expect(r.get('default')?.shadow).toEqual([
      { file: 'config', section: 'default', what: 'section', keys: [], by: { file: 'config', section: 'profile default' } },
    ]);
    expect(r.get('base')?.shadow).toEqual([]);
  });

  it('keeps a broken profile as a row with its problem, and marks names sts-cli refuses', () => {
    const r = rows();
    expect(r.get('a')).toMatchObject({
      kind: 'role',
      region: 'ap-east-1',
      problem: { code: 'ERR_PROFILE_LOOP', message: expect.stringContaining('a -> b -> a') },
    });
    expect(r.get('a')?.source).toBeUndefined();
    expect(r.get('profile odd')).toMatchObject({ kind: 'none', nameProblem: expect.stringContaining('white space') });
    expect(r.get('dev')?.nameProblem).toBeUndefined();
  });

  it('never carries a secret, nor a credential_process command line', () => {
    const text = JSON.stringify(listProfiles(files, { cachedExpiry: () => NOW_PLUS }));
    for (const secret of [
      'base-secret-value',
      'temp-secret-value',
      'temp-session-token',
      'stale-secret-value',
      'keys-secret-value',
      'self-secret-value',
      'hunter2',
    ]) {
      expect(text).not.toContain(secret);
    }
  });

  it('lists 200 profiles quickly', () => {
    const config = Array.from({ length: 200 }, (_, i) => `[profile p${i}]\nrole_arn = arn:x:${i}\nsource_profile = ${i === 0 ? 'base' : `p${i - 1}`}\n`).join(
      '',
    );
    const big = sharedFiles(CREDENTIALS, config);
    const started = performance.now();
    const list = listProfiles(big);
    expect(list).toHaveLength(200 + 6);
    expect(list.find((r) => r.name === 'p199')?.source?.profiles).toHaveLength(200);
    expect(performance.now() - started).toBeLessThan(2000);
  });
});
