import { describe, expect, it } from 'vitest';
import { containerChildEnvironment } from '../../src/containerEndpoint/index.js';

const endpoint = { env: { AWS_CONTAINER_CREDENTIALS_FULL_URI: 'http://127.0.0.1:1/x', AWS_CONTAINER_AUTHORIZATION_TOKEN: 'tok' } };

describe('containerChildEnvironment', () => {
  it('keeps the rest, sets the two variables and drops what the SDKs would prefer or what is secret', () => {
    const env = containerChildEnvironment(
      {
        PATH: '/bin',
        HOME: '/home/u',
        AWS_ACCESS_KEY_ID: 'AKIA',
        AWS_SECRET_ACCESS_KEY: 's',
        AWS_SESSION_TOKEN: 't',
        AWS_SECURITY_TOKEN: 't',
        AWS_CREDENTIAL_EXPIRATION: 'x',
        AWS_PROFILE: 'p',
        AWS_DEFAULT_PROFILE: 'p',
        AWS_WEB_IDENTITY_TOKEN_FILE: '/t',
        AWS_ROLE_ARN: 'arn',
        AWS_ROLE_SESSION_NAME: 'n',
        AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: '/v2/credentials/x',
        AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: '/f',
        AWS_CONTAINER_AUTHORIZATION_TOKEN: 'old',
        ECS_AUTH_TOKEN: 'e',
        STS_CLI_SIGNING_KEY: 'k',
        STS_CLI_AUTH_TOKEN: 'a',
        AWS_CONFIG_FILE: '/c',
      },
      endpoint,
    );
    expect(env).toEqual({ PATH: '/bin', HOME: '/home/u', AWS_CONFIG_FILE: '/c', ...endpoint.env });
  });

  it('sets the region only when the environment has none', () => {
    expect(containerChildEnvironment({}, endpoint, 'eu-west-1')).toMatchObject({ AWS_REGION: 'eu-west-1', AWS_DEFAULT_REGION: 'eu-west-1' });
    expect(containerChildEnvironment({ AWS_DEFAULT_REGION: 'us-west-2' }, endpoint, 'eu-west-1')).toEqual({ AWS_DEFAULT_REGION: 'us-west-2', ...endpoint.env });
  });
});
