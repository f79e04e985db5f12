// What `serve --workers` hands its workers: arguments without secrets, secrets in the environment.
import { describe, expect, it } from 'vitest';
import { argsWithoutSecrets, secretsEnvironment } from '../../src/cli/workerLaunch.js';

describe('worker launch', () => {
  it('drops every secret flag with its value, in either form, and keeps the rest in order', () => {
    expect(
      argsWithoutSecrets([
        'serve',
        '--workers',
        '2',
        '--secret-key',
        's3cret',
        '--signing-key=k',
        '--control-token',
        't',
        '--auth-token=a=b',
        '--host',
        '0.0.0.0',
        '--access-key',
        'AKID',
      ]),
    ).toEqual(['serve', '--workers', '2', '--host', '0.0.0.0', '--access-key', 'AKID']);
  });

  it('keeps what follows -- as it is, and a flag that only starts like a secret one', () => {
    expect(argsWithoutSecrets(['serve', '--secret-keys', 'x', '--', '--secret-key', 'y'])).toEqual(['serve', '--secret-keys', 'x', '--', '--secret-key', 'y']);
  });

  it('puts each resolved secret under its variable, and nothing for the absent ones', () => {
    expect(secretsEnvironment({ '--signing-key': 'k', '--control-token': undefined, '--auth-token': 'test' })).toEqual({
      STS_CLI_SIGNING_KEY: 'k',
      STS_CLI_AUTH_TOKEN: 'test',
    });
  });
});
