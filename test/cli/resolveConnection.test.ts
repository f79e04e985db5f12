// The connection (who signs, endpoint, region, TLS) is resolved once per command, with the source
// profile's settings as fallbacks, and a bad transport flag outranks missing credentials.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { resolveCall } from '../../src/cli/resolveCall.js';
import { resolveConnection } from '../../src/cli/resolveConnection.js';
import * as endpoint from '../../src/sts/endpoint.js';
import { fakeContext, inputOf, tempHome } from './harness.js';

vi.mock('../../src/sts/endpoint.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../src/sts/endpoint.js')>();
  return { ...original, resolveRegion: vi.fn(original.resolveRegion), resolveEndpoint: vi.fn(original.resolveEndpoint) };
});

let home: ReturnType<typeof tempHome>;
beforeEach(() => {
  home = tempHome();
  home.write('.aws/credentials', '[src]\naws_access_key_id = AKIAPROFILE000000000\naws_secret_access_key = profile-secret\n');
  home.write('.aws/config', '[profile src]\nregion = eu-west-3\n');
  vi.mocked(endpoint.resolveRegion).mockClear();
  vi.mocked(endpoint.resolveEndpoint).mockClear();
});
afterEach(() => home.cleanup());

describe('the transport is resolved once', () => {
  it('assume: one region and one endpoint resolution, with the source profile as fallback', async () => {
    const ctx = fakeContext({ home: home.home });
    const call = await resolveCall('assume', await inputOf('assume', ['--source-profile', 'src', '--role-arn', 'arn:aws:iam::123456789012:role/dev']), ctx);
    expect(call.connection.transport).toMatchObject({ region: 'eu-west-3', endpoint: 'https://sts.eu-west-3.amazonaws.com' });
    expect(endpoint.resolveRegion).toHaveBeenCalledTimes(1);
    expect(endpoint.resolveEndpoint).toHaveBeenCalledTimes(1);
  });

  it('once too when the source is missing: the bad flag is reported (exit 2), not the missing keys', async () => {
    const ctx = fakeContext({ home: home.home });
    await expect(resolveCall('assume', await inputOf('assume', ['--source-profile', 'nope', '--endpoint-url', 'ftp://x']), ctx)).rejects.toMatchObject({
      exitCode: 2,
    });
    expect(endpoint.resolveEndpoint).toHaveBeenCalledTimes(1);
    await expect(
      resolveCall('assume', await inputOf('assume', ['--source-profile', 'nope', '--role-arn', 'arn:aws:iam::123456789012:role/dev']), ctx),
    ).rejects.toMatchObject({ exitCode: 3 });
  });

  it('whoami: the --profile keys, named --profile in messages', async () => {
    const ctx = fakeContext({ home: home.home });
    const input = await inputOf('whoami', ['--profile', 'src', '--timeout', '3']);
    const connection = await resolveConnection({ kind: 'source', profile: input.profile, profileFlag: '--profile' }, input, ctx);
    expect(connection).toMatchObject({ origin: 'profile src', sourceProfile: 'src', transport: { region: 'eu-west-3', timeoutMs: 3000 } });
    expect(ctx.secrets).toContain('profile-secret');
    expect(endpoint.resolveRegion).toHaveBeenCalledTimes(1);
    await expect(resolveConnection({ kind: 'source', profile: 'nope', profileFlag: '--profile' }, input, ctx)).rejects.toMatchObject({
      exitCode: 3,
      message: expect.stringContaining('--profile'),
    });
  });
});
