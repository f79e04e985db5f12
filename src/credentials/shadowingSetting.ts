// Before keys are written to the credentials file's [NAME]: does a setting of profile NAME make
// the AWS tools use something else than those keys, or the keys replace something the user set up
// (SPEC §7)? botocore assumes role_arn and takes a web identity token or SSO before the credentials
// file's keys; a credential_process comes after them, so written keys would silently replace it.
// Pure.
import { has, indexProfiles } from './profileIndex.js';
import type { ProfileFile, SharedConfigFiles } from './profileTypes.js';

export interface ShadowingSetting {
  key: string;
  file: ProfileFile;
  /** The section's header without brackets: `profile dev`, `dev`. */
  section: string;
  /** What the AWS tools would do with keys written to `written` (`[dev] of ~/.aws/credentials`), as a clause. */
  effect: (written: string) => string;
}

type Effect = (written: string) => string;
const instead =
  (what: string): Effect =>
  (written) =>
    `${what} instead of using keys written to ${written}`;

const KEYS: ReadonlyArray<readonly [key: string, effect: Effect]> = [
  ['web_identity_token_file', instead('the AWS CLI and botocore would assume its role with the token')],
  ['web_identity_token_process', instead('sts-cli would assume its role with the token')],
  ['role_arn', instead('the AWS CLI and the SDKs would assume that role')],
  ['credential_process', (written) => `keys written to ${written} would silently replace it for the AWS CLI and the SDKs`],
  ['sso_account_id', instead('the AWS CLI and botocore would sign in with SSO')],
  ['sso_role_name', instead('the AWS CLI and botocore would sign in with SSO')],
];

/** The first setting of profile `name` (config file first, then the credentials file's section) that written keys would clash with. */
export function shadowingSetting(name: string, files: SharedConfigFiles): ShadowingSetting | undefined {
  const index = indexProfiles(files);
  const places: Array<[ProfileFile, string | undefined, Record<string, string> | undefined]> = [
    ['config', index.configSection.get(name), index.configProfiles.get(name)],
    ['credentials', name, files.credentials.get(name)],
  ];
  for (const [file, section, values] of places) {
    const found = KEYS.find(([key]) => has(values, key));
    if (found && section !== undefined) return { key: found[0], file, section, effect: found[1] };
  }
  return undefined;
}

/** `NAME-sts`, else `NAME-sts-2`, `-3`…: the first that neither file names. */
export function freeProfileName(name: string, files: SharedConfigFiles): string {
  const index = indexProfiles(files);
  const taken = (candidate: string) => index.merged.has(candidate) || index.ignoredConfigSections.has(candidate);
  let candidate = `${name}-sts`;
  for (let n = 2; taken(candidate); n++) candidate = `${name}-sts-${n}`;
  return candidate;
}
