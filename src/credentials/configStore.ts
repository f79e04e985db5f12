// The config file's side of writing a profile (SPEC §7): `region` and `endpoint_url` in
// `[profile NAME]`, so that `aws --profile NAME`, the SDKs and `sts-cli whoami NAME` reach the
// server the keys came from. Written with the credentials file's guarantees (updateIniFile: safe
// path, lock, re-read under the lock, byte-exact splice, atomic replace 0600).
import { UsageError } from '../errors.js';
import type { IniDocument } from './ini.js';
import { configSectionTarget } from './profileMap.js';
import { checkProfileName } from './profileName.js';
import { readIniFile } from './readIniFile.js';
import { checkSafeFile } from './safePath.js';
import { spliceSection } from './spliceSection.js';
import { type UpdateIniOptions, updateIniFile } from './updateIniFile.js';

/** What is recorded beside the keys; an absent field is left as the file has it. */
export interface ProfileSettings {
  region?: string;
  endpointUrl?: string;
  /** A region recorded only when the section has none: the one an endpoint was reached with, not one the user chose. */
  fallbackRegion?: string;
}

const KEYS: ReadonlyArray<readonly [keyof ProfileSettings, string]> = [
  ['region', 'region'],
  ['fallbackRegion', 'region'],
  ['endpointUrl', 'endpoint_url'],
];

/** The header botocore reads profile `name` from (the last section naming it), or the one to add: `profile NAME`, `default`. */
export function configHeaderOf(doc: IniDocument | undefined, name: string): string {
  let found: string | undefined;
  for (const section of doc?.sections ?? []) {
    const target = configSectionTarget(section.name);
    if (target?.type === 'profile' && target.name === name) found = section.name;
  }
  return found ?? (name === 'default' ? 'default' : `profile ${name}`);
}

/** Refuses (UsageError, exit 2) a value that would not be read back as one line of the file: a line break or control character, spaces around it, nothing at all. */
export function checkProfileSettings(settings: ProfileSettings): void {
  for (const [field, key] of KEYS) {
    const value = settings[field];
    if (value === undefined) continue;
    if (value === '' || value.trim() !== value || /[\u0000-\u001f\u007f]/.test(value)) {
      throw new UsageError(
        `The ${key} "${value.replace(/[\u0000-\u001f\u007f]/g, '?')}" cannot be written to the config file: it is empty, has spaces around it or a control character.`,
        {
          hint: 'Give it without line breaks or spaces, or pass --no-write-config.',
        },
      );
    }
  }
}

/** The checks writeProfileSettings makes, made before anything is sent: the file must be safe to write and parse. Throws FileError (exit 5). */
export async function checkConfigWritable(path: string): Promise<void> {
  await checkSafeFile(path, { action: 'write' });
  await readIniFile(path);
}

/**
 * Sets `settings` in the config file's section of profile `name` (created at the end when absent),
 * keeping every other byte. Leaves the file untouched when it already says so. Returns the keys and
 * values it wrote (none when it left the file alone). Throws UsageError or InvalidProfileNameError (exit 2) for a value that is not one line or a name the SDKs misread, FileError (exit 5) otherwise.
 */
export async function writeProfileSettings(
  path: string,
  name: string,
  settings: ProfileSettings,
  opts: UpdateIniOptions = {},
): Promise<Array<readonly [key: string, value: string]>> {
  checkProfileSettings(settings);
  // A header botocore, the JS SDK or the Go SDK would read differently (SPEC §11) is never written.
  checkProfileName(name, { scope: 'config' });
  let written: Array<readonly [key: string, value: string]> = [];
  await updateIniFile(
    path,
    (doc) => {
      const header = configHeaderOf(doc, name);
      const section = doc.sections.find((s) => s.name === header);
      const current = (key: string) => section?.entries.find((e) => e.key === key)?.value;
      const set = KEYS.flatMap(([field, key]) => {
        const value = settings[field];
        if (value === undefined || (field === 'fallbackRegion' && (settings.region !== undefined || current(key) !== undefined))) return [];
        return [[key, value] as const];
      });
      const change = set.filter(([key, value]) => current(key) !== value);
      if (change.length === 0) return undefined;
      written = change;
      return spliceSection(doc, header, { set: change });
    },
    opts,
  );
  return written;
}
