import { describe, expect, it } from 'vitest';
import { cacheDir, configFilePath, credentialsFilePath } from '../../src/credentials/paths.js';

describe('paths', () => {
  it('defaults under the home folder', () => {
    expect(credentialsFilePath({}, '/home/u')).toBe('/home/u/.aws/credentials');
    expect(configFilePath({}, '/home/u')).toBe('/home/u/.aws/config');
    expect(cacheDir({}, '/home/u')).toBe('/home/u/.cache/sts-cli');
  });

  it('honours the variables, expanding ~ and $VARS as botocore does', () => {
    expect(credentialsFilePath({ AWS_SHARED_CREDENTIALS_FILE: '~/x/creds' }, '/h')).toBe('/h/x/creds');
    expect(credentialsFilePath({ AWS_SHARED_CREDENTIALS_FILE: '/abs/creds' }, '/h')).toBe('/abs/creds');
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the shell-style ${NAME} is what is under test
    expect(configFilePath({ AWS_CONFIG_FILE: '$BASE/${NAME}.ini', BASE: '/b', NAME: 'cfg' }, '/h')).toBe('/b/cfg.ini');
    expect(configFilePath({ AWS_CONFIG_FILE: '$UNKNOWN/c' }, '/h')).toBe('$UNKNOWN/c');
    expect(configFilePath({ AWS_CONFIG_FILE: '' }, '/h')).toBe('/h/.aws/config');
    expect(configFilePath({ AWS_CONFIG_FILE: '~' }, '/h')).toBe('/h');
  });

  it('uses an absolute XDG_CACHE_HOME only', () => {
    expect(cacheDir({ XDG_CACHE_HOME: '/xdg' }, '/h')).toBe('/xdg/sts-cli');
    expect(cacheDir({ XDG_CACHE_HOME: 'relative' }, '/h')).toBe('/h/.cache/sts-cli');
  });
});
