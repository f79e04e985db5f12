// The error for a profile name that is in neither file, with the likely slip as its hint.
import { ProfileNotFoundError } from '../errors.js';
import type { ProfileIndex } from './profileIndex.js';

/** `name` was asked for (referencedBy undefined) or named by `referencedBy`'s source_profile. */
export function profileNotFound(name: string, referencedBy: string | undefined, index: ProfileIndex): ProfileNotFoundError {
  const { credentialsPath, configPath } = index.files;
  const what = referencedBy === undefined ? `Profile "${name}"` : `Profile "${referencedBy}" has source_profile = ${name}, but that profile`;
  // botocore reads only [profile NAME] (and [default]) in the config file: [NAME] there is no profile.
  const hint = index.files.config.has(name)
    ? `${configPath} has [${name}], which botocore does not read as a profile in the config file: name it [profile ${name}].`
    : `Check the name, or add [profile ${name}] to ${configPath} or [${name}] to ${credentialsPath}.`;
  return new ProfileNotFoundError(name, referencedBy, `${what} is not in ${credentialsPath} or ${configPath}.`, { hint });
}
