// A profile's credential_process: split as POSIX shlex splits it, run without a shell, its JSON
// checked as botocore checks it; every failure one sentence (exit 3) that never quotes the output.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseProcessCredentials, readCredentialProcess } from '../../src/credentials/readCredentialProcess.js';
import { runCommand } from '../../src/credentials/runCommand.js';
import { ExitCode, type StsCliError } from '../../src/errors.js';

const NOW = new Date('2026-03-01T12:00:00Z');
const root = mkdtempSync(join(tmpdir(), 'sts-process-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function refusal(fn: () => unknown): StsCliError {
  try {
    fn();
  } catch (error) {
    return error as StsCliError;
  }
  throw new Error('expected a refusal');
}

describe('parseProcessCredentials', () => {
  it('reads Version 1 JSON: keys, an optional session token and expiration', () => {
    expect(parseProcessCredentials('{"Version":1,"AccessKeyId":"AKID","SecretAccessKey":"s"}', 'p', NOW)).toEqual({
      accessKeyId: 'AKID',
      secretAccessKey: 's',
    });
    expect(
      parseProcessCredentials(
        JSON.stringify({ Version: 1, AccessKeyId: 'ASIA', SecretAccessKey: 's', SessionToken: 't', Expiration: '2026-03-01T13:00:00Z' }),
        'p',
        NOW,
      ),
    ).toEqual({ accessKeyId: 'ASIA', secretAccessKey: 's', sessionToken: 't', expiration: new Date('2026-03-01T13:00:00Z') });
  });

  it.each([
    ['', /printed nothing\./],
    ['AccessKeyId=AKID SecretAccessKey=hunter2-secret', /printed something that is not JSON\./],
    ['[1]', /JSON that is not an object/],
    ['{"Version":2,"AccessKeyId":"A","SecretAccessKey":"hunter2-secret"}', /without "Version": 1/],
    ['{"Version":1,"AccessKeyId":"A"}', /without AccessKeyId and SecretAccessKey/],
    ['{"Version":1,"AccessKeyId":"A","SecretAccessKey":"hunter2-secret","SessionToken":5}', /a SessionToken that is not a string/],
    ['{"Version":1,"AccessKeyId":"A","SecretAccessKey":"hunter2-secret","Expiration":"soon"}', /an Expiration that is not an ISO 8601 time/],
    [
      '{"Version":1,"AccessKeyId":"A","SecretAccessKey":"hunter2-secret","Expiration":"2026-03-01T11:00:00Z"}',
      /printed credentials that expired at 2026-03-01T11:00:00Z/,
    ],
  ])('%s: one sentence, exit 3, never the output', (text, message) => {
    const error = refusal(() => parseProcessCredentials(text, 'vault', NOW));
    expect(error).toMatchObject({ code: 'ERR_CREDENTIAL_PROCESS', exitCode: ExitCode.noCredentials, profile: 'vault' });
    expect(error.message).toMatch(/^The credential_process of profile "vault" /);
    expect(error.message).toMatch(message);
    expect(`${error.message} ${error.hint}`).not.toContain('hunter2');
  });
});

describe('runCommand and readCredentialProcess', () => {
  const script = (name: string, body: string) => {
    const path = join(root, name);
    writeFileSync(path, body);
    return path;
  };
  const options = { env: process.env, now: () => NOW };

  it('runs the command without a shell, its words split as POSIX shlex splits them', async () => {
    const path = script('echo args.js', 'console.log(JSON.stringify(process.argv.slice(2)));');
    const out = await runCommand({
      profile: 'p',
      key: 'credential_process',
      command: `${process.execPath} "${path}" 'a b' c\\ d "$HOME" ';' \`id\``,
      env: process.env,
      timeoutMs: 10_000,
    });
    expect(JSON.parse(out)).toEqual(['a b', 'c d', '$HOME', ';', '`id`']);
  });

  it('reads the credentials it prints', async () => {
    const path = script('ok.js', 'console.log(JSON.stringify({ Version: 1, AccessKeyId: "AKID", SecretAccessKey: "s" }));');
    expect(await readCredentialProcess({ profile: 'p', command: `${process.execPath} ${path}` }, options)).toEqual({
      accessKeyId: 'AKID',
      secretAccessKey: 's',
    });
  });

  it.each([
    ['fails', 'process.exit(3)', /exited with code 3\./],
    ['is killed', 'process.kill(process.pid, "SIGKILL")', /was ended by SIGKILL\./],
    ['prints over 1 MiB', 'process.stdout.write("x".repeat(2 * 1024 * 1024))', /printed more than 1 MiB/],
  ])('a process that %s: exit 3', async (_title, body, message) => {
    const path = script(`${body.length}.js`, body);
    const error = await readCredentialProcess({ profile: 'p', command: `${process.execPath} ${path}` }, options).catch((e: unknown) => e as StsCliError);
    expect(error).toMatchObject({ code: 'ERR_CREDENTIAL_PROCESS', exitCode: 3 });
    expect((error as StsCliError).message).toMatch(message);
  });

  it('a process that does not finish in time is killed: exit 3', async () => {
    const path = script('slow.js', 'setTimeout(() => {}, 60_000);');
    const started = Date.now();
    const error = await readCredentialProcess({ profile: 'p', command: `${process.execPath} ${path}` }, { ...options, timeoutMs: 300 }).catch(
      (e: unknown) => e as StsCliError,
    );
    expect(error).toMatchObject({ code: 'ERR_CREDENTIAL_PROCESS', message: expect.stringMatching(/did not finish within 0.3 seconds/) });
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('a program that is not there, and a quote left open', async () => {
    await expect(readCredentialProcess({ profile: 'p', command: '/nonexistent/tool --x' }, options)).rejects.toMatchObject({
      code: 'ERR_CREDENTIAL_PROCESS',
      message: expect.stringContaining('"/nonexistent/tool" was not found'),
    });
    await expect(readCredentialProcess({ profile: 'p', command: 'tool "open' }, options)).rejects.toMatchObject({ code: 'ERR_PROFILE_CONFIG', exitCode: 2 });
  });
});
