// A profile's credential_process: run (runCommand.ts), its JSON read and checked as botocore's
// ProcessProvider checks it (Version 1, AccessKeyId and SecretAccessKey; SessionToken and an ISO 8601
// Expiration optional). A process that prints anything else gives one sentence that never quotes it.
import { CredentialProcessError } from '../errors.js';
import type { AwsCredentials } from '../sts/types.js';
import { isoSeconds } from './isoSeconds.js';
import { COMMAND_TIMEOUT_MS, commandOrigin, runCommand } from './runCommand.js';

function garbage(profile: string, what: string, why: string): CredentialProcessError {
  return new CredentialProcessError(profile, `The ${what} printed ${why}.`, {
    hint: 'It must print credential_process JSON: {"Version": 1, "AccessKeyId": "KEY_ID", "SecretAccessKey": "SECRET", "SessionToken": "TOKEN", "Expiration": "2026-12-02T01:00:00Z"}.',
  });
}

const isText = (value: unknown): value is string => typeof value === 'string' && value !== '';

/** The credentials in `text`, what profile `profile`'s credential_process printed. Pure. Throws CredentialProcessError (exit 3). */
export function parseProcessCredentials(text: string, profile: string, now: Date): AwsCredentials {
  const what = commandOrigin({ profile, key: 'credential_process' });
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw garbage(profile, what, text.trim() === '' ? 'nothing' : 'something that is not JSON');
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw garbage(profile, what, 'JSON that is not an object');
  const json = data as Record<string, unknown>;
  if (json.Version !== 1) throw garbage(profile, what, 'JSON without "Version": 1');
  if (!isText(json.AccessKeyId) || !isText(json.SecretAccessKey)) throw garbage(profile, what, 'JSON without AccessKeyId and SecretAccessKey');
  if (json.SessionToken !== undefined && json.SessionToken !== null && typeof json.SessionToken !== 'string') {
    throw garbage(profile, what, 'a SessionToken that is not a string');
  }
  let expiration: Date | undefined;
  if (json.Expiration !== undefined && json.Expiration !== null) {
    expiration = typeof json.Expiration === 'string' ? new Date(json.Expiration) : undefined;
    if (!expiration || Number.isNaN(expiration.getTime())) throw garbage(profile, what, 'an Expiration that is not an ISO 8601 time');
    if (expiration.getTime() <= now.getTime()) {
      throw new CredentialProcessError(profile, `The ${what} printed credentials that expired at ${isoSeconds(expiration)}.`, {
        hint: 'Make it print fresh credentials.',
      });
    }
  }
  const sessionToken = typeof json.SessionToken === 'string' && json.SessionToken !== '' ? json.SessionToken : undefined;
  return {
    accessKeyId: json.AccessKeyId,
    secretAccessKey: json.SecretAccessKey,
    ...(sessionToken !== undefined ? { sessionToken } : {}),
    ...(expiration ? { expiration } : {}),
  };
}

/** Runs profile `profile`'s credential_process `command` and reads its credentials (exit 3 when it gives none). */
export async function readCredentialProcess(
  source: { profile: string; command: string },
  options: { env: NodeJS.ProcessEnv; now: () => Date; timeoutMs?: number },
): Promise<AwsCredentials> {
  const stdout = await runCommand({
    profile: source.profile,
    key: 'credential_process',
    command: source.command,
    env: options.env,
    timeoutMs: options.timeoutMs ?? COMMAND_TIMEOUT_MS,
  });
  return parseProcessCredentials(stdout, source.profile, options.now());
}
