// The I/O edge of resolveProfile and listProfiles: reads and parses both files once.
import type { SharedConfigFiles } from './profileTypes.js';
import { readProfiles } from './readIniFile.js';

/** Both files parsed as botocore reads them; a missing file is empty. Throws FileError (exit 5) naming the line when one does not parse. */
export async function readSharedConfigFiles(paths: { credentialsFile: string; configFile: string }): Promise<SharedConfigFiles> {
  const [credentials, config] = await Promise.all([readProfiles(paths.credentialsFile), readProfiles(paths.configFile)]);
  return { credentials, config, credentialsPath: paths.credentialsFile, configPath: paths.configFile };
}
