// AWS CLI v2 (a reader nobody here wrote) reads back what the store wrote and what the process
// format printed.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { renderCredentials } from '../../src/credentials/formats.js';
import { writeProfile } from '../../src/credentials/store.js';
import type { StsCredentialsResult } from '../../src/sts/types.js';
import { AWS_CLI_V2, awsCliV2, skipWithout } from '../helpers/peers.js';

describe.skipIf(skipWithout(awsCliV2()))('AWS CLI v2 reads what sts-cli wrote', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sts-awscli-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const credentialsFile = join(dir, 'credentials');
  const configFile = join(dir, 'config');
  // An hour ahead: the AWS CLI refuses credentials that have already expired.
  const expiration = new Date(Math.floor(Date.now() / 1000 + 3600) * 1000);
  const result: StsCredentialsResult = {
    credentials: {
      accessKeyId: 'ASIAQWERTYUIOPASDFGH',
      secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY',
      sessionToken: 'FwoGZXIvYXdzEBYaD+token/with;semicolon#hash==',
      expiration,
    },
    expirationText: expiration.toISOString().replace('.000Z', 'Z'),
  };
  const aws = (args: string[]) =>
    execFileSync(AWS_CLI_V2, args, {
      encoding: 'utf8',
      env: { PATH: process.env.PATH, HOME: dir, AWS_SHARED_CREDENTIALS_FILE: credentialsFile, AWS_CONFIG_FILE: configFile, AWS_PAGER: '' },
    });

  it('reads a profile spliced into a file with comments, CRLF and dotted sections', async () => {
    writeFileSync(credentialsFile, '# mine\r\n[a.b]\r\nk = v ; x\r\n\r\n[x]\r\nregion = eu-central-1\r\naws_security_token = stale\r\n');
    writeFileSync(configFile, '[profile x]\noutput = json\n');
    await writeProfile(credentialsFile, 'x', result.credentials, {});
    const seen = JSON.parse(aws(['configure', 'export-credentials', '--profile', 'x', '--format', 'process']));
    expect(seen).toMatchObject({
      Version: 1,
      AccessKeyId: result.credentials.accessKeyId,
      SecretAccessKey: result.credentials.secretAccessKey,
      SessionToken: result.credentials.sessionToken,
    });
    expect(aws(['configure', 'get', 'region', '--profile', 'x']).trim()).toBe('eu-central-1');
  });

  it('reads the process format through credential_process, Expiration included', () => {
    const out = join(dir, 'process.json');
    writeFileSync(out, renderCredentials('process', result));
    writeFileSync(configFile, `[profile p]\ncredential_process = cat ${out}\n`);
    const seen = JSON.parse(aws(['configure', 'export-credentials', '--profile', 'p', '--format', 'process']));
    expect(seen).toMatchObject({
      AccessKeyId: result.credentials.accessKeyId,
      SecretAccessKey: result.credentials.secretAccessKey,
      SessionToken: result.credentials.sessionToken,
    });
    expect(new Date(seen.Expiration).getTime()).toBe(result.credentials.expiration.getTime());
    // And the env format lists the variables in the order the AWS CLI itself uses.
    const cliOrder = aws(['configure', 'export-credentials', '--profile', 'p', '--format', 'env'])
      .split('\n')
      .filter(Boolean)
      .map((l) => l.split('=')[0]);
    const ourOrder = renderCredentials('env', result)
      .split('\n')
      .filter(Boolean)
      .map((l) => l.split('=')[0]);
    expect(ourOrder).toEqual(cliOrder);
  });
});
