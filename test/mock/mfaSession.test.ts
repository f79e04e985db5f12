// GetSessionToken with MFA (SPEC §7): the code is checked against a configured device, the session
// is MFA-authenticated, and such a session satisfies a role that requires MFA without a code and
// without the 1-hour cap of role chaining, as on AWS.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockSts, type MockSts } from '../../src/mock/index.js';
import { deriveKeys } from '../../src/mock/keys.js';
import { openToken } from '../../src/mock/tokens.js';
import { flavors } from '../../src/mock/flavors.js';
import { totp } from '../../src/mock/totp.js';
import { assumeParams, call, credentialsOf } from './call.js';

const SECRET = 'JBSWY3DPEHPK3PXP';
const SERIAL = 'arn:aws:iam::123456789012:mfa/alice';
const MFA_ROLE = 'arn:aws:iam::123456789012:role/admin';
const PLAIN_ROLE = 'arn:aws:iam::123456789012:role/plain';
const SIGNING_KEY = 'mfa-session-test-signing-key-0123456789';

let sts: MockSts;
beforeAll(async () => {
  sts = await startMockSts({
    signingKey: SIGNING_KEY,
    config: {
      users: [{ accessKeyId: 'AKIAALICE', secretAccessKey: 'alice-secret', name: 'alice' }],
      roles: [
        { arn: MFA_ROLE, maxSessionDuration: 43200, trust: { users: ['alice', MFA_ROLE] }, mfa: { serialNumber: SERIAL, totpSecret: SECRET } },
        { arn: PLAIN_ROLE, maxSessionDuration: 43200, trust: { users: ['alice', MFA_ROLE] } },
      ],
    },
  });
});
afterAll(() => sts.close());

const alice = { accessKeyId: 'AKIAALICE', secretAccessKey: 'alice-secret' };
const sessionToken = (extra: Record<string, string> = {}, credentials = alice) =>
  call(sts.url, { Action: 'GetSessionToken', Version: '2011-06-15', ...extra }, { credentials });

describe('GetSessionToken with MFA', () => {
  it('checks the code against the configured device', async () => {
    const ok = await sessionToken({ SerialNumber: SERIAL, TokenCode: totp(SECRET, new Date()) });
    expect(ok.status, ok.text).toBe(200);
    const wrong = await sessionToken({ SerialNumber: SERIAL, TokenCode: totp(SECRET, new Date(), -5) });
    expect([wrong.status, wrong.code]).toEqual([403, 'AccessDenied']);
    expect(wrong.text).toContain('invalid MFA one time pass code');
    const unknown = await sessionToken({ SerialNumber: 'arn:aws:iam::123456789012:mfa/nobody', TokenCode: '123456' });
    expect([unknown.status, unknown.code]).toEqual([403, 'AccessDenied']);
    expect(unknown.text).toContain('Please verify your MFA serial number is valid');
    const noCode = await sessionToken({ SerialNumber: SERIAL });
    expect(noCode.code).toBe('AccessDenied');
  });

  it('a session obtained with MFA assumes a role that requires it, without a code and beyond 1 hour', async () => {
    const session = credentialsOf(await sessionToken({ SerialNumber: SERIAL, TokenCode: totp(SECRET, new Date()) }));
    const assumed = await call(sts.url, assumeParams({ RoleArn: MFA_ROLE, DurationSeconds: '43200' }), { credentials: session });
    expect(assumed.status, assumed.text).toBe(200);
    const hours = (Date.parse(credentialsOf(assumed).expiration) - Date.now()) / 3600_000;
    expect(hours).toBeGreaterThan(11.9);
  });

  it('a session without MFA does not, and neither do long-term keys without a code', async () => {
    const session = credentialsOf(await sessionToken());
    const refused = await call(sts.url, assumeParams({ RoleArn: MFA_ROLE }), { credentials: session });
    expect([refused.status, refused.code]).toEqual([403, 'AccessDenied']);
    const bare = await call(sts.url, assumeParams({ RoleArn: MFA_ROLE }), { credentials: alice });
    expect(bare.code).toBe('AccessDenied');
    // A session without MFA is not role chaining either: the role's own maximum applies.
    const plain = await call(sts.url, assumeParams({ RoleArn: PLAIN_ROLE, DurationSeconds: '7200' }), { credentials: session });
    expect(plain.status, plain.text).toBe(200);
  });

  it('role credentials are chaining: the 1-hour cap applies, and their MFA does not pass on as a session’s does', async () => {
    const mfaRole = credentialsOf(
      await call(sts.url, assumeParams({ RoleArn: MFA_ROLE, SerialNumber: SERIAL, TokenCode: totp(SECRET, new Date()) }), { credentials: alice }),
    );
    const capped = await call(sts.url, assumeParams({ RoleArn: PLAIN_ROLE, DurationSeconds: '7200' }), { credentials: mfaRole });
    expect([capped.status, capped.code]).toEqual([400, 'ValidationError']);
    const again = await call(sts.url, assumeParams({ RoleArn: MFA_ROLE }), { credentials: mfaRole });
    expect(again.code).toBe('AccessDenied');
  });

  it('seals the time of the MFA check into the session token (aws:MultiFactorAuthAge counts from it), and passes it to the role session', async () => {
    const before = Math.floor(Date.now() / 1000);
    const session = credentialsOf(await sessionToken({ SerialNumber: SERIAL, TokenCode: totp(SECRET, new Date()) }));
    const keys = deriveKeys(SIGNING_KEY);
    const claims = openToken(keys, session.sessionToken!, flavors.aws.identity.secretKey)!.claims;
    expect(claims.kind).toBe('session');
    expect(claims.mfa).toBeGreaterThanOrEqual(before);
    expect(claims.mfa).toBeLessThanOrEqual(Math.floor(Date.now() / 1000));
    const role = credentialsOf(await call(sts.url, assumeParams({ RoleArn: MFA_ROLE }), { credentials: session }));
    expect(openToken(keys, role.sessionToken!, flavors.aws.identity.secretKey)!.claims.mfa).toBe(claims.mfa);
    expect(openToken(keys, credentialsOf(await sessionToken()).sessionToken!, flavors.aws.identity.secretKey)!.claims).not.toHaveProperty('mfa');
  });

  it('an MFA session still cannot call GetSessionToken again', async () => {
    const session = credentialsOf(await sessionToken({ SerialNumber: SERIAL, TokenCode: totp(SECRET, new Date()) }));
    const nested = await sessionToken({}, session);
    expect([nested.status, nested.code]).toEqual([403, 'AccessDenied']);
  });
});
