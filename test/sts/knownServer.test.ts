// What the client refuses for a server whose kind it knows from the address (issue 8): AWS's own
// endpoints and Dell ECS need a RoleArn and allow at most 43200 s; any other endpoint may be MinIO.
import { describe, expect, it } from 'vitest';
import { checkForServer, knownServer } from '../../src/sts/knownServer.js';

const ROLE = 'arn:aws:iam::123456789012:role/dev';
const refusal = (params: { roleArn?: string; durationSeconds?: number }, endpoint: string, dialect: 'aws' | 'ecs' = 'aws') => {
  try {
    checkForServer(params, knownServer(endpoint, dialect));
  } catch (error) {
    return error as Error & { parameter: string; exitCode: number };
  }
  return undefined;
};

describe('checkForServer', () => {
  it('AWS STS: a missing role ARN and more than 12h are refused locally, naming the flag', () => {
    expect(refusal({}, 'https://sts.amazonaws.com')).toMatchObject({
      parameter: 'RoleArn',
      exitCode: 2,
      message: expect.stringMatching(/^AWS STS needs --role-arn/),
    });
    expect(refusal({ roleArn: ROLE, durationSeconds: 72000 }, 'https://sts.eu-west-1.amazonaws.com')).toMatchObject({
      parameter: 'DurationSeconds',
      message: '--duration-seconds must be at most 43200 seconds (12h) for AWS STS; got 72000.',
    });
    expect(refusal({ roleArn: ROLE, durationSeconds: 43200 }, 'https://sts.amazonaws.com')).toBeUndefined();
  });

  it('Dell ECS (its dialect) needs a role ARN too', () => {
    expect(refusal({}, 'https://ecs.example:4443', 'ecs')).toMatchObject({
      parameter: 'RoleArn',
      message: expect.stringMatching(/^Dell ECS needs --role-arn/),
    });
  });

  it('any other endpoint may be MinIO (no RoleArn, 7 days): the server decides', () => {
    expect(refusal({ durationSeconds: 604800 }, 'http://127.0.0.1:9000')).toBeUndefined();
    expect(refusal({}, 'https://minio.example')).toBeUndefined();
  });
});
