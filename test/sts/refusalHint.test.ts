// Issue 8 item 7: a refusal whose server message says why keeps the server's words and gets a
// hint that fits them, which takes the place of the CLI's guess from the code alone
// ("check the secret key and the clock" for a region mismatch, "access key" for an ECS token).
import { afterEach, describe, expect, it } from 'vitest';
import { StsServiceError, UnexpectedResponseError } from '../../src/errors.js';
import { startMockSts, type MockSts } from '../../src/mock/index.js';
import { createStsClient, type StsClientOptions } from '../../src/sts/client.js';
import { refusalHint } from '../../src/sts/refusalHint.js';
import { startTestServer, type Reply } from './testServer.js';

const ROLE = { roleArn: 'arn:aws:iam::123456789012:role/dev', roleSessionName: 'tester' };

const open: Array<{ close(): unknown }> = [];
afterEach(async () => {
  while (open.length) await open.pop()!.close();
});

async function mock(options: Parameters<typeof startMockSts>[0]): Promise<MockSts> {
  const sts = await startMockSts({ host: '127.0.0.1', port: 0, ...options });
  open.push(sts);
  return sts;
}

function client(endpoint: string, options: Partial<StsClientOptions>) {
  const c = createStsClient({ endpoint, region: 'us-east-1', auth: { kind: 'none' }, sleep: async () => {}, ...options });
  open.push(c);
  return c;
}

async function failure<T extends Error>(promise: Promise<unknown>): Promise<T> {
  return promise.then(
    () => {
      throw new Error('expected a failure');
    },
    (e: unknown) => e as T,
  );
}

const refusal = (code: string, message: string): Reply => ({
  status: 403,
  body: `<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>${code}</Code><Message>${message}</Message></Error><RequestId>r-1</RequestId></ErrorResponse>`,
});

describe('a region mismatch is not blamed on the secret key', () => {
  it('the mock pinned to eu-west-1, the client signing for us-east-1', async () => {
    const sts = await mock({ region: 'eu-west-1' });
    const keys = { accessKeyId: sts.accessKeyId, secretAccessKey: sts.secretAccessKey };
    const error = await failure<StsServiceError>(client(sts.url, { auth: { kind: 'sigv4', credentials: keys } }).assumeRole(ROLE));
    expect(error).toBeInstanceOf(StsServiceError);
    expect(error.exitCode).toBe(1);
    expect(error.serviceCode).toBe('SignatureDoesNotMatch');
    // The server's words, unchanged…
    expect(error.serviceMessage).toBe('Credential should be scoped to a valid region.');
    expect(error.message).toContain('SignatureDoesNotMatch: Credential should be scoped to a valid region.');
    // …and a hint that fits them.
    expect(error.hint).toBe(
      'The endpoint serves another region than us-east-1, which the request was signed for: pass its region with --region (or AWS_REGION).',
    );
    expect(error.hint).not.toMatch(/secret|clock/i);
  });

  it.each([
    ['AWS, naming the region sent', 'SignatureDoesNotMatch', "Credential should be scoped to a valid region, not 'us-east-1'. ", undefined],
    ['AWS, bare', 'SignatureDoesNotMatch', 'Credential should be scoped to a valid region. ', undefined],
    ['MinIO', 'AuthorizationHeaderMalformed', "The authorization header is malformed; the region is wrong; expecting 'eu-west-1'.", 'eu-west-1'],
    ['MinIO, InvalidRegion', 'InvalidRegion', "Region does not match; expecting 'ap-south-2'.", 'ap-south-2'],
  ])('%s', async (_who, code, message, expected) => {
    const server = await startTestServer(() => refusal(code, message));
    open.push(server);
    const error = await failure<StsServiceError>(
      client(server.url, { auth: { kind: 'sigv4', credentials: { accessKeyId: 'AKID', secretAccessKey: 'x' } } }).assumeRole(ROLE),
    );
    expect(error.serviceMessage).toBe(message.trim());
    expect(error.hint).toMatch(expected ? new RegExp(`pass --region ${expected}\\.$`) : /pass its region with --region/);
  });

  it('a real signature mismatch gets no hint here: the CLI keeps its own (secret key, clock)', async () => {
    const sts = await mock({});
    const error = await failure<StsServiceError>(
      client(sts.url, { auth: { kind: 'sigv4', credentials: { accessKeyId: sts.accessKeyId, secretAccessKey: 'not-the-secret' } } }).assumeRole(ROLE),
    );
    expect(error.serviceCode).toBe('SignatureDoesNotMatch');
    expect(error.serviceMessage).toMatch(/signature we calculated does not match/);
    expect(error.hint).toBeUndefined();
  });
});

describe('a refused ECS token is not an access key', () => {
  it('the mock ecs flavor with another token', async () => {
    const sts = await mock({ flavor: 'ecs', authToken: 'the-right-token' });
    const error = await failure<StsServiceError>(client(sts.url, { auth: { kind: 'ecs-token', token: 'a-wrong-token' } }).assumeRole(ROLE));
    expect(error.serviceCode).toBe('InvalidClientTokenId');
    expect(error.serviceMessage).toBe('The security token included in the request is invalid.');
    expect(error.hint).toMatch(/^The endpoint refused the ECS token: check --auth-token or ECS_AUTH_TOKEN\./);
    expect(error.hint).not.toMatch(/access key/i);
  });

  it('Dell ECS answering 401 outside STS XML', async () => {
    const server = await startTestServer(() => ({ status: 401, body: '<html>Unauthorized</html>', headers: { 'content-type': 'text/html' } }));
    open.push(server);
    const error = await failure<UnexpectedResponseError>(client(server.url, { auth: { kind: 'ecs-token', token: 'expired-token' } }).assumeRole(ROLE));
    expect(error).toBeInstanceOf(UnexpectedResponseError);
    expect(error.hint).toMatch(/ECS token/);
  });

  it('the same code for a signed request keeps the CLI hint', () => {
    const invalid = { status: 403, code: 'InvalidClientTokenId', message: 'The security token included in the request is invalid.' };
    expect(refusalHint(invalid, { region: 'us-east-1', auth: 'sigv4' })).toBeUndefined();
    expect(refusalHint(invalid, { region: 'us-east-1', auth: 'ecs-token' })).toMatch(/ECS token/);
  });
});

describe('other refusals', () => {
  it('a request scoped to the wrong service points at the endpoint', () => {
    expect(
      refusalHint(
        { status: 403, code: 'SignatureDoesNotMatch', message: "Credential should be scoped to correct service: 's3'. " },
        { region: 'us-east-1', auth: 'sigv4' },
      ),
    ).toMatch(/is --endpoint-url an STS endpoint\?/);
  });

  it('AccessDenied keeps the server message and gets no hint here', async () => {
    const message = 'User: arn:aws:iam::123456789012:user/dev is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::123456789012:role/dev';
    const server = await startTestServer(() => refusal('AccessDenied', message));
    open.push(server);
    const error = await failure<StsServiceError>(client(server.url, { auth: { kind: 'ecs-token', token: 'a-token' } }).assumeRole(ROLE));
    expect(error.serviceMessage).toBe(message);
    expect(error.hint).toBeUndefined();
  });
});
