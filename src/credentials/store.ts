// The credentials file store (SPEC §3): reads profiles as botocore does, and writes one profile
// by splicing its section, atomically, under a lock, keeping every other byte of the file.
import { FileError, ProtectedProfileError, UsageError } from '../errors.js';
import type { TemporaryCredentials } from '../sts/types.js';
import type { IniDocument } from './ini.js';
import { isoSeconds } from './isoSeconds.js';
import { checkProfileName } from './profileName.js';
import { readIniFile } from './readIniFile.js';
import { checkSafeFile } from './safePath.js';
import { spliceSection } from './spliceSection.js';
import { updateIniFile } from './updateIniFile.js';

export { readProfiles } from './readIniFile.js';

/** A section with an access key and no session token holds long-term keys: never overwritten without force. */
function holdsLongTermKeys(keys: Iterable<string>): boolean {
  const set = new Set(keys);
  return set.has('aws_access_key_id') && !set.has('aws_session_token') && !set.has('aws_security_token');
}

/** Throws ProtectedProfileError (exit 5) when `profile`'s own keys are long-term ones and `force` is not set. */
function assertWritable(doc: IniDocument, path: string, profile: string, force: boolean | undefined): void {
  const section = doc.sections.find((s) => s.name === profile);
  if (!force && section && holdsLongTermKeys(section.entries.map((e) => e.key))) throw new ProtectedProfileError(path, profile);
}

/**
 * The checks writeProfile makes, made early so that a refusal costs no STS call: the file and its
 * folders must be safe to write (SPEC §11), and the profile must not hold long-term keys. A
 * missing file is writable. Throws FileError (exit 5) when unsafe, unreadable or unparseable.
 */
export async function checkProfileWritable(path: string, profile: string, opts: WriteProfileOptions = {}): Promise<void> {
  await checkSafeFile(path, { action: 'write' });
  const doc = await readIniFile(path);
  if (doc) assertWritable(doc, path, profile, opts.force);
}

export interface WriteProfileOptions {
  /** Overwrite a section that holds long-term keys. */
  force?: boolean;
  /** How long to wait for another sts-cli's lock before giving up (FileError naming its pid); default 10 s. */
  lockTimeoutMs?: number;
}

function checkInputs(path: string, profile: string, creds: TemporaryCredentials): void {
  if (!profile || /[\r\n]/.test(profile) || profile === 'DEFAULT') {
    // [DEFAULT] would hand its keys to every profile (configparser's defaults section).
    throw new UsageError(`"${profile.replace(/[\r\n]/g, ' ')}" cannot be a profile name in the credentials file.`, {
      hint: 'Choose a name without line breaks, other than DEFAULT.',
    });
  }
  // A name botocore, the JS SDK or the Go SDK would read differently (SPEC §11) is never written.
  checkProfileName(profile, { scope: 'credentials' });
  for (const value of [creds.accessKeyId, creds.secretAccessKey, creds.sessionToken]) {
    if (!value || /[\r\n]/.test(value) || value.trim() !== value) {
      throw new FileError(path, `The credentials cannot be stored in ${path}: a value is empty, has a line break or surrounding spaces.`);
    }
  }
}

/**
 * Writes `creds` into section `[profile]` of the credentials file at `path` (SPEC §3): sets the
 * four keys, removes a stale aws_security_token, keeps the section's other keys and every other
 * byte of the file. Refuses (ProtectedProfileError, exit 5) to replace long-term keys without
 * `force`, and (UnsafeFileError, exit 5) a file, link target or folder another user could change
 * (SPEC §11). Follows a symbolic link and keeps it; the file is written 0600 whatever its mode
 * was, its folder created 0700.
 */
export async function writeProfile(path: string, profile: string, creds: TemporaryCredentials, opts: WriteProfileOptions = {}): Promise<void> {
  checkInputs(path, profile, creds);
  await updateIniFile(
    path,
    (doc) => {
      assertWritable(doc, path, profile, opts.force);
      return spliceSection(doc, profile, {
        set: [
          ['aws_access_key_id', creds.accessKeyId],
          ['aws_secret_access_key', creds.secretAccessKey],
          ['aws_session_token', creds.sessionToken],
          ['x_security_token_expires', isoSeconds(creds.expiration)],
        ],
        // botocore prefers aws_security_token over aws_session_token: a stale one must go.
        remove: ['aws_security_token'],
      });
    },
    opts.lockTimeoutMs === undefined ? {} : { lockTimeoutMs: opts.lockTimeoutMs },
  );
}
