// The README's vitest example, verbatim in spirit: the published entry point ('sts-cli', i.e.
// dist/index.js through package.json "exports") starts the mock for @aws-sdk/client-sts.
import { AssumeRoleCommand, AssumeRoleWithWebIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startMockSts, type MockSts } from 'sts-cli';

let sts: MockSts;
beforeAll(async () => {
  sts = await startMockSts({ port: 0 });
});
afterAll(() => sts.close());

it('assumes a role and a web identity through the package entry point', async () => {
  const client = new STSClient({ endpoint: sts.url, region: 'us-east-1', credentials: { accessKeyId: sts.accessKeyId, secretAccessKey: sts.secretAccessKey } });
  const out = await client.send(new AssumeRoleCommand({ RoleArn: 'arn:aws:iam::000000000000:role/x', RoleSessionName: 'test' }));
  expect(out.Credentials?.AccessKeyId).toMatch(/^ASIA/);
  const jwt = await sts.mintWebIdentityToken({ sub: 'ci', aud: 'sts-cli' });
  const web = await client.send(
    new AssumeRoleWithWebIdentityCommand({ RoleArn: 'arn:aws:iam::000000000000:role/x', RoleSessionName: 'tt', WebIdentityToken: jwt }),
  );
  expect(web.SubjectFromWebIdentityToken).toBe('ci');
  client.destroy();
});
