// botocore's view of both files at once (Session.full_config): the config file's profiles, with
// the credentials file's sections merged over them key by key, and where each profile came from.
import { buildProfileMap, configSectionTarget } from './profileMap.js';
import type { SharedConfigFiles } from './profileTypes.js';

export interface ProfileIndex {
  files: SharedConfigFiles;
  /** full_config['profiles']: config values, the credentials file's values over them; config profiles first, in file order. */
  merged: Map<string, Record<string, string>>;
  /** The config file's profiles alone (botocore's ConfigProvider reads keys from these). */
  configProfiles: Map<string, Record<string, string>>;
  services: Map<string, Record<string, string>>;
  /** Profile name → the config section header botocore took it from (the last one naming it), e.g. `profile dev`. */
  configSection: Map<string, string>;
  /** Profile name → earlier config section headers naming it too, which botocore ignores. */
  ignoredConfigSections: Map<string, string[]>;
}

const indexes = new WeakMap<SharedConfigFiles, ProfileIndex>();

/** Builds (once per files object) the merged profile map botocore works on. Pure. */
export function indexProfiles(files: SharedConfigFiles): ProfileIndex {
  const known = indexes.get(files);
  if (known) return known;
  const { profiles: configProfiles, services } = buildProfileMap(files.config);
  const configSection = new Map<string, string>();
  const ignoredConfigSections = new Map<string, string[]>();
  for (const section of files.config.keys()) {
    const target = configSectionTarget(section);
    if (target?.type !== 'profile') continue;
    const earlier = configSection.get(target.name);
    if (earlier !== undefined) ignoredConfigSections.set(target.name, [...(ignoredConfigSections.get(target.name) ?? []), earlier]);
    configSection.set(target.name, section);
  }
  const merged = new Map<string, Record<string, string>>();
  for (const [name, values] of configProfiles) merged.set(name, { ...values });
  for (const [name, values] of files.credentials) merged.set(name, { ...merged.get(name), ...values });
  const index = { files, merged, configProfiles, services, configSection, ignoredConfigSections };
  indexes.set(files, index);
  return index;
}

/** Whether `key` is present (even empty) in a section: botocore tests keys with `in`. */
export function has(values: Record<string, string> | undefined, key: string): boolean {
  return values !== undefined && Object.hasOwn(values, key);
}
