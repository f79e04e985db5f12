// Where the credentials file and the config file disagree about one profile name, as botocore
// merges them: a key in both takes the credentials file's value, and the first provider that
// takes the profile decides which file's credentials are used; the others' are never read.
import { type ProviderName, winningProvider } from './profileCredentialSource.js';
import type { ProfileIndex } from './profileIndex.js';
import type { ProfileFile } from './profileTypes.js';

/** A section (or part of it) botocore does not use because another one wins. Key names only, never values. */
export interface ShadowMark {
  file: ProfileFile;
  /** The losing section's header without brackets: `dev` in the credentials file, `profile dev` in the config file. */
  section: string;
  /** Its credentials are unused, some of its settings are overridden, or the whole section is ignored. */
  what: 'credentials' | 'settings' | 'section';
  keys: string[];
  by: { file: ProfileFile; section: string };
}

const STATIC = ['aws_access_key_id', 'aws_secret_access_key', 'aws_session_token', 'aws_security_token'];
const ROLE = ['role_arn', 'source_profile', 'credential_source', 'role_session_name', 'external_id', 'mfa_serial', 'duration_seconds', 'sts_cli_auth'];
const WEB_IDENTITY = ['role_arn', 'web_identity_token_file', 'web_identity_token_process', 'role_session_name'];
const SSO = ['sso_role_name', 'sso_account_id'];

/** The keys each provider reads. */
const READS: Record<ProviderName, string[]> = {
  'assume-role': ROLE,
  'web-identity': WEB_IDENTITY,
  sso: [...SSO, 'sso_session', 'sso_start_url', 'sso_region'],
  'shared-credentials': STATIC,
  login: ['login_session'],
  process: ['credential_process'],
  'config-file': STATIC,
};

/** Keys that would make some provider take the profile. */
const MATERIAL = new Set([...STATIC, 'credential_process', 'login_session', 'role_arn', 'web_identity_token_file', 'web_identity_token_process', ...SSO]);

/** The file botocore takes the winning provider's deciding key from. */
function decidingFile(provider: ProviderName, credentials: Record<string, string>): ProfileFile {
  if (provider === 'shared-credentials') return 'credentials';
  if (provider === 'config-file') return 'config';
  return READS[provider].some((key) => MATERIAL.has(key) && Object.hasOwn(credentials, key)) ? 'credentials' : 'config';
}

/** The shadow marks of profile `name`: empty unless both files have it, or two config sections name it. */
export function profileShadowing(name: string, index: ProfileIndex): ShadowMark[] {
  const marks: ShadowMark[] = [];
  const configHeader = index.configSection.get(name);
  for (const ignored of index.ignoredConfigSections.get(name) ?? []) {
    marks.push({ file: 'config', section: ignored, what: 'section', keys: [], by: { file: 'config', section: configHeader! } });
  }
  const credentials = index.files.credentials.get(name);
  const config = index.configProfiles.get(name);
  if (!credentials || !config || configHeader === undefined) return marks;
  const sections: Record<ProfileFile, { section: string; values: Record<string, string> }> = {
    credentials: { section: name, values: credentials },
    config: { section: configHeader, values: config },
  };
  const overridden = Object.keys(config).filter((key) => Object.hasOwn(credentials, key) && credentials[key] !== config[key]);
  if (overridden.length > 0)
    marks.push({ file: 'config', section: configHeader, what: 'settings', keys: overridden, by: { file: 'credentials', section: name } });
  const winner = winningProvider(name, index, true);
  if (!winner) return marks;
  const read = new Set(READS[winner]);
  // A role profile that names itself as source_profile signs with its own keys: those are read too.
  const self = winner === 'assume-role' && index.merged.get(name)?.source_profile === name ? winningProvider(name, index, false) : undefined;
  for (const key of self ? READS[self] : []) read.add(key);
  const winnerFile = decidingFile(winner, credentials);
  const loser: ProfileFile = winnerFile === 'credentials' ? 'config' : 'credentials';
  const other = sections[winnerFile].values;
  const unused = Object.keys(sections[loser].values).filter((key) => MATERIAL.has(key) && !read.has(key) && !Object.hasOwn(other, key));
  if (unused.length > 0) {
    marks.push({
      file: loser,
      section: sections[loser].section,
      what: 'credentials',
      keys: unused,
      by: { file: winnerFile, section: sections[winnerFile].section },
    });
  }
  return marks;
}
