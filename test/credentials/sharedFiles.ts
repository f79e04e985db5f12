// Parsed credentials and config files from text, for the pure profile functions.
import { iniSections, parseIni } from '../../src/credentials/ini.js';
import type { SharedConfigFiles } from '../../src/credentials/profileTypes.js';

export function sharedFiles(credentials = '', config = ''): SharedConfigFiles {
  return {
    credentials: iniSections(parseIni(credentials)),
    config: iniSections(parseIni(config)),
    credentialsPath: '/home/u/.aws/credentials',
    configPath: '/home/u/.aws/config',
  };
}
