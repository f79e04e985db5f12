// Output formats: exact shapes, and real shells (bash, zsh, fish) evaluating hostile values.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  EXPORT_FORMATS,
  isExportFormat,
  isOutputFormat,
  OUTPUT_FORMATS,
  renderCredentials,
  renderExports,
  renderUnset,
} from '../../src/credentials/formats.js';
import type { AwsCredentials, StsCredentialsResult } from '../../src/sts/types.js';
import { shell, skipWithout } from '../helpers/peers.js';

const expiration = new Date('2026-11-23T13:00:00.999Z');
const plain: AwsCredentials = { accessKeyId: 'ASIAEXAMPLE', secretAccessKey: 'abc/def+ghi=', sessionToken: 'FwoG+tok/en==', expiration };
const result: StsCredentialsResult = {
  credentials: { accessKeyId: 'ASIAEXAMPLE', secretAccessKey: 'abc/def+ghi=', sessionToken: 'FwoG+tok/en==', expiration },
  expirationText: '2026-11-23T13:00:00.999999Z',
  assumedRoleUser: { arn: 'arn:aws:sts::123456789012:assumed-role/r/s', assumedRoleId: 'AROA123:s' },
  packedPolicySize: 6,
};

describe('formats', () => {
  it('lists the formats and guards them', () => {
    expect(OUTPUT_FORMATS).toEqual(['env', 'env-no-export', 'fish', 'powershell', 'windows-cmd', 'json', 'process']);
    expect(EXPORT_FORMATS).not.toContain('json');
    expect(isOutputFormat('json')).toBe(true);
    expect(isOutputFormat('yaml')).toBe(false);
    expect(isExportFormat('json')).toBe(false);
    expect(isExportFormat('fish')).toBe(true);
  });

  it('prints plain values as the AWS CLI does, in its order', () => {
    expect(renderExports('env', plain)).toBe(
      'export AWS_ACCESS_KEY_ID=ASIAEXAMPLE\nexport AWS_SECRET_ACCESS_KEY=abc/def+ghi=\nexport AWS_SESSION_TOKEN=FwoG+tok/en==\nexport AWS_CREDENTIAL_EXPIRATION=2026-11-23T13:00:00Z\n',
    );
    expect(renderExports('env-no-export', plain)).toBe(
      'AWS_ACCESS_KEY_ID=ASIAEXAMPLE\nAWS_SECRET_ACCESS_KEY=abc/def+ghi=\nAWS_SESSION_TOKEN=FwoG+tok/en==\nAWS_CREDENTIAL_EXPIRATION=2026-11-23T13:00:00Z\n',
    );
    expect(renderExports('fish', plain)).toBe(
      'set -gx AWS_ACCESS_KEY_ID ASIAEXAMPLE;\nset -gx AWS_SECRET_ACCESS_KEY abc/def+ghi=;\nset -gx AWS_SESSION_TOKEN FwoG+tok/en==;\nset -gx AWS_CREDENTIAL_EXPIRATION 2026-11-23T13:00:00Z;\n',
    );
    expect(renderExports('powershell', plain)).toBe(
      "$Env:AWS_ACCESS_KEY_ID='ASIAEXAMPLE'\n$Env:AWS_SECRET_ACCESS_KEY='abc/def+ghi='\n$Env:AWS_SESSION_TOKEN='FwoG+tok/en=='\n$Env:AWS_CREDENTIAL_EXPIRATION='2026-11-23T13:00:00Z'\n",
    );
    expect(renderExports('windows-cmd', plain)).toBe(
      'set AWS_ACCESS_KEY_ID=ASIAEXAMPLE\nset AWS_SECRET_ACCESS_KEY=abc/def+ghi=\nset AWS_SESSION_TOKEN=FwoG+tok/en==\nset AWS_CREDENTIAL_EXPIRATION=2026-11-23T13:00:00Z\n',
    );
  });

  it('leaves out the token and expiration of long-term keys', () => {
    expect(renderExports('env', { accessKeyId: 'AKIA', secretAccessKey: 's' })).toBe('export AWS_ACCESS_KEY_ID=AKIA\nexport AWS_SECRET_ACCESS_KEY=s\n');
    expect(JSON.parse(renderExports('process', { accessKeyId: 'AKIA', secretAccessKey: 's' }))).toEqual({
      Version: 1,
      AccessKeyId: 'AKIA',
      SecretAccessKey: 's',
    });
  });

  it('quotes for PowerShell, doubling every kind of single quote', () => {
    expect(renderExports('powershell', { accessKeyId: "a'b\u2019c", secretAccessKey: '$(x) `y`' })).toBe(
      "$Env:AWS_ACCESS_KEY_ID='a''b\u2019\u2019c'\n$Env:AWS_SECRET_ACCESS_KEY='$(x) `y`'\n",
    );
  });

  it('quotes cmd metacharacters and refuses what cmd cannot hold', () => {
    expect(renderExports('windows-cmd', { accessKeyId: 'a&b|c', secretAccessKey: 's' })).toBe('set "AWS_ACCESS_KEY_ID=a&b|c"\nset AWS_SECRET_ACCESS_KEY=s\n');
    for (const bad of ['a%PATH%', 'a"b', 'a!b!', 'a\nb']) {
      expect(() => renderExports('windows-cmd', { accessKeyId: bad, secretAccessKey: 's' })).toThrow(expect.objectContaining({ exitCode: 2 }));
    }
  });

  it('prints the STS result as the AWS CLI does', () => {
    expect(JSON.parse(renderCredentials('json', result))).toEqual({
      Credentials: { AccessKeyId: 'ASIAEXAMPLE', SecretAccessKey: 'abc/def+ghi=', SessionToken: 'FwoG+tok/en==', Expiration: '2026-11-23T13:00:00Z' },
      AssumedRoleUser: { Arn: 'arn:aws:sts::123456789012:assumed-role/r/s', AssumedRoleId: 'AROA123:s' },
      PackedPolicySize: 6,
    });
    const web = renderCredentials('json', { ...result, subjectFromWebIdentityToken: 'ci', audience: 'sts-cli', provider: 'http://x', sourceIdentity: 'me' });
    expect(Object.keys(JSON.parse(web))).toEqual([
      'Credentials',
      'SubjectFromWebIdentityToken',
      'AssumedRoleUser',
      'PackedPolicySize',
      'Provider',
      'Audience',
      'SourceIdentity',
    ]);
    const minio = JSON.parse(renderCredentials('json', { credentials: result.credentials, expirationText: 'x' }));
    expect(Object.keys(minio)).toEqual(['Credentials']);
  });

  it('prints credential_process JSON', () => {
    expect(JSON.parse(renderCredentials('process', result))).toEqual({
      Version: 1,
      AccessKeyId: 'ASIAEXAMPLE',
      SecretAccessKey: 'abc/def+ghi=',
      SessionToken: 'FwoG+tok/en==',
      Expiration: '2026-11-23T13:00:00Z',
    });
    expect(renderCredentials('env', result)).toBe(renderExports('env', result.credentials));
  });

  it('unsets, and refuses json for exports', () => {
    expect(renderUnset('env')).toBe('unset AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN AWS_SECURITY_TOKEN AWS_CREDENTIAL_EXPIRATION\n');
    expect(renderUnset('fish')).toContain('set -e AWS_SESSION_TOKEN;\n');
    expect(renderUnset('powershell')).toContain('Remove-Item Env:AWS_SESSION_TOKEN -ErrorAction SilentlyContinue\n');
    expect(renderUnset('windows-cmd')).toContain('set AWS_SESSION_TOKEN=\n');
    expect(() => renderExports('json' as never, plain)).toThrow(expect.objectContaining({ exitCode: 2 }));
    expect(() => renderUnset('process')).toThrow(expect.objectContaining({ exitCode: 2 }));
  });
});

// Real shells evaluate the output; the values must arrive exactly, and nothing may run.
const work = mkdtempSync(join(tmpdir(), 'sts-fmt-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const pwned = join(work, 'pwned');
const hostile: AwsCredentials = {
  accessKeyId: `it's "quoted" $(touch ${pwned}) \`touch ${pwned}\` $HOME \${HOME}`,
  secretAccessKey: `; touch ${pwned} & | > < \\ \\' '' \n second line\ttab ! !! %PATH% ~ * ? [a] {a,b}`,
  sessionToken: '=starts-with-equals ünïcødé 🙂 \u2019 -e --',
  expiration,
};
const values = [hostile.accessKeyId, hostile.secretAccessKey, hostile.sessionToken, '2026-11-23T13:00:00Z'];
const NAMES = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_CREDENTIAL_EXPIRATION'];
// A child process reports what it inherited, so exported means exported.
const reportEnv = `${JSON.stringify(process.execPath)} -e 'process.stdout.write(JSON.stringify(${JSON.stringify(NAMES)}.map((n) => process.env[n] ?? null)))'`;

function run(sh: 'bash' | 'zsh' | 'fish', script: string, out: string): string {
  return execFileSync(sh, ['-c', script], { encoding: 'utf8', env: { PATH: process.env.PATH, HOME: work, OUT: out, LANG: 'C.UTF-8' } });
}

for (const sh of ['bash', 'zsh'] as const) {
  describe.skipIf(skipWithout(shell(sh)))(`${sh} evaluates`, () => {
    it('env: exported, exact values, nothing executed', () => {
      const seen = JSON.parse(run(sh, `eval "$OUT"; ${reportEnv}`, renderExports('env', hostile)));
      expect(seen).toEqual(values);
      expect(existsSync(pwned)).toBe(false);
    });

    it('env-no-export: shell variables with exact values, not exported', () => {
      const script = `eval "$OUT"; printf '%s\\0' "$AWS_ACCESS_KEY_ID" "$AWS_SECRET_ACCESS_KEY" "$AWS_SESSION_TOKEN" "$AWS_CREDENTIAL_EXPIRATION"; ${reportEnv}`;
      const output = run(sh, script, renderExports('env-no-export', hostile));
      const parts = output.split('\0');
      expect(parts.slice(0, 4)).toEqual(values);
      expect(JSON.parse(parts[4]!)).toEqual([null, null, null, null]);
      expect(existsSync(pwned)).toBe(false);
    });

    it('--unset clears them', () => {
      const seen = JSON.parse(run(sh, `eval "$OUT"; eval "$(printf '%s' "${renderUnset('env')}")"; ${reportEnv}`, renderExports('env', hostile)));
      expect(seen).toEqual([null, null, null, null]);
    });
  });
}

describe.skipIf(skipWithout(shell('fish')))('fish evaluates', () => {
  it('fish: exported, exact values, nothing executed', () => {
    const seen = JSON.parse(run('fish', `eval (string collect -- $OUT); ${reportEnv}`, renderExports('fish', hostile)));
    expect(seen).toEqual(values);
    expect(existsSync(pwned)).toBe(false);
  });

  it('--unset clears them', () => {
    const script = `eval (string collect -- $OUT); eval (string collect -- '${renderUnset('fish').replace(/\n/g, ' ')}'); ${reportEnv}`;
    expect(JSON.parse(run('fish', script, renderExports('fish', hostile)))).toEqual([null, null, null, null]);
  });
});
