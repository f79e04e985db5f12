// The profile names `sts-cli list --names` prints for completion scripts: every profile of both
// files as botocore sees them, without the names sts-cli refuses (SPEC §11), which a shell would
// split or mangle anyway. Pure, and cheap: no profile is resolved.
import { indexProfiles } from './profileIndex.js';
import { profileNameProblem } from './profileName.js';
import type { SharedConfigFiles } from './profileTypes.js';

/** Config file profiles first, in file order, then the credentials file's others. */
export function listProfileNames(files: SharedConfigFiles): string[] {
  const index = indexProfiles(files);
  return [...index.merged.keys()].filter((name) => profileNameProblem(name, index.configProfiles.has(name) ? 'config' : 'credentials') === undefined);
}
