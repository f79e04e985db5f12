// The control plane wired into the mock (SPEC §10): the journal records every answer with its
// caller and reason and never a secret; issued credentials land in the session list and can be
// revoked; faults answer in the flavor's shape, late, or not at all; the clock expires
// credentials and tokens without voiding signatures; `control: false` switches all of it off.
import { connect } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/errors.js';
import { startMockSts, type MockSts } from '../../../src/mock/index.js';
import { totp } from '../../../src/mock/totp.js';
import { assumeParams, call, credentialsOf, ROLE } from '../call.js';

let sts: MockSts;
let ceph: MockSts;
beforeAll(async () => {
  [sts, ceph] = await Promise.all([startMockSts(), startMockSts({ flavor: 'ceph' })]);
});
afterAll(async () => Promise.all([sts?.close(), ceph?.close()]));
beforeEach(() => {
  for (const m of [sts, ceph]) {
    m.clearRequests();
    m.clearFaults();
    m.clock.reset();
  }
});

const whoami = (url: string, credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }) =>
  call(url, { Action: 'GetCallerIdentity', Version: '2011-06-15' }, credentials ? { credentials } : {});
const web = (url: string, token: string) =>
  call(
    url,
    { Action: 'AssumeRoleWithWebIdentity', Version: '2011-06-15', RoleArn: ROLE, RoleSessionName: 'web', WebIdentityToken: token },
    { credentials: null },
  );
const CEPH_ROLE = 'arn:aws:iam:::role/S3Access';

describe('the journal', () => {
  it('records each request, oldest first: parameters, caller, status, and each refusal’s code and reason', async () => {
    const granted = await call(sts.url, assumeParams({ RoleSessionName: 'j1', DurationSeconds: '900' }));
    const refused = await call(sts.url, assumeParams({ RoleArn: 'short' }));
    const unsigned = await whoami(sts.url, { accessKeyId: 'AKIDUNKNOWN', secretAccessKey: 'x' });
    const entries = sts.requests();
    expect(entries.map((e) => e.requestId)).toEqual([granted, refused, unsigned].map((a) => a.headers.get('x-amzn-requestid')));
    expect(entries[0]).toEqual({
      time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      requestId: granted.headers.get('x-amzn-requestid'),
      action: 'AssumeRole',
      params: { Action: 'AssumeRole', Version: '2011-06-15', RoleArn: ROLE, RoleSessionName: 'j1', DurationSeconds: '900' },
      callerArn: 'arn:aws:iam::123456789012:user/test',
      status: 200,
    });
    expect(entries[1]).toMatchObject({ status: 400, errorCode: 'ValidationError', callerArn: 'arn:aws:iam::123456789012:user/test' });
    expect(entries[1]!.reason).toMatch(/roleArn/);
    expect(entries[2]).toMatchObject({ action: 'GetCallerIdentity', status: 403, errorCode: 'InvalidClientTokenId', reason: 'unknown access key id' });
    expect(entries[2]).not.toHaveProperty('callerArn');
    expect(sts.requests({ action: 'GetCallerIdentity', limit: 1 }).map((e) => e.status)).toEqual([403]);
  });

  it('never holds a secret: no web identity token, MFA code, signature, session token or secret key', async () => {
    const jwt = await sts.mintWebIdentityToken({ sub: 'ci' });
    const creds = credentialsOf(await web(sts.url, jwt));
    await whoami(sts.url, creds);
    await call(sts.url, assumeParams({ SerialNumber: 'arn:aws:iam::123456789012:mfa/test', TokenCode: '482913' }));
    // A session token in the header and in the query string (where presigned requests carry theirs).
    await call(sts.url, assumeParams(), {
      headers: { 'x-amz-security-token': 'not-a-token-but-secret-anyway' },
      path: '/?X-Amz-Security-Token=query-secret-1',
    });
    const text = JSON.stringify(sts.requests());
    const authorization = /Signature=([0-9a-f]{64})/;
    expect(sts.requests()).toHaveLength(4);
    for (const secret of [jwt, creds.secretAccessKey, creds.sessionToken!, '482913', 'not-a-token-but-secret-anyway', 'query-secret-1'])
      expect(text).not.toContain(secret);
    expect(text).not.toMatch(authorization);
    expect(text).not.toMatch(/WebIdentityToken|TokenCode|X-Amz-/i);
    expect(sts.requests()[0]!.params).toMatchObject({ RoleArn: ROLE, RoleSessionName: 'web' });
  });

  it('keeps the last 10 000 requests and clears on demand', async () => {
    await whoami(sts.url);
    expect(sts.requests()).toHaveLength(1);
    sts.clearRequests();
    expect(sts.requests()).toEqual([]);
    expect(() => sts.requests({ limit: 0 })).toThrow(UsageError);
  });
});

describe('sessions and revocation', () => {
  it('lists what this instance issued (never the secret or token), by the mock’s clock', async () => {
    const creds = credentialsOf(
      await call(sts.url, assumeParams({ RoleSessionName: 'listed', SourceIdentity: 'alice', 'Tags.member.1.Key': 'team', 'Tags.member.1.Value': 'blue' })),
    );
    const session = sts.sessions().find((s) => s.accessKeyId === creds.accessKeyId)!;
    expect(session).toMatchObject({
      arn: 'arn:aws:sts::123456789012:assumed-role/demo/listed',
      roleArn: ROLE,
      sessionName: 'listed',
      sourceIdentity: 'alice',
      tags: { team: 'blue' },
      action: 'AssumeRole',
      expiration: new Date(Date.parse(creds.expiration)).toISOString(),
      expired: false,
      revoked: false,
    });
    expect(session.secondsLeft).toBeGreaterThan(3590);
    expect(JSON.stringify(sts.sessions())).not.toContain(creds.secretAccessKey);
    expect(JSON.stringify(sts.sessions())).not.toContain(creds.sessionToken);
    sts.clock.advance(3600);
    expect(sts.sessions().find((s) => s.accessKeyId === creds.accessKeyId)).toMatchObject({ expired: true, secondsLeft: 0 });
  });

  it('revoked credentials are refused afterwards: InvalidClientTokenId on AWS, AccessDenied in the ceph flavor', async () => {
    const creds = credentialsOf(await call(sts.url, assumeParams()));
    expect((await whoami(sts.url, creds)).status).toBe(200);
    expect(sts.revoke(creds.accessKeyId)).toBe(true);
    const refused = await whoami(sts.url, creds);
    expect([refused.status, refused.code]).toEqual([403, 'InvalidClientTokenId']);
    expect(sts.requests().at(-1)).toMatchObject({ errorCode: 'InvalidClientTokenId', reason: 'credentials revoked' });
    expect(sts.sessions().find((s) => s.accessKeyId === creds.accessKeyId)?.revoked).toBe(true);
    expect(sts.revoke('ASIANOTISSUEDHERE000')).toBe(false);
    expect(() => sts.revoke('not a key id')).toThrow(UsageError);

    const cephCreds = credentialsOf(await call(ceph.url, assumeParams({ RoleArn: CEPH_ROLE })));
    ceph.revoke(cephCreds.accessKeyId);
    const cephRefused = await call(ceph.url, assumeParams({ RoleArn: CEPH_ROLE }), { credentials: cephCreds });
    expect([cephRefused.status, cephRefused.code]).toEqual([403, 'AccessDenied']);
  });
});

describe('faults', () => {
  it('answer the next matching requests with the error, in the flavor’s shape, then go away', async () => {
    const fault = sts.injectFault({ action: 'AssumeRole', error: 'Throttling', count: 2 });
    expect(fault).toMatchObject({ id: expect.stringMatching(/^f\d+$/), remaining: 2, hits: 0 });
    expect((await whoami(sts.url)).status).toBe(200); // another action
    for (let i = 0; i < 2; i++) {
      const answer = await call(sts.url, assumeParams());
      expect([answer.status, answer.code]).toEqual([400, 'Throttling']);
      expect(answer.text).toMatch(
        /^<ErrorResponse xmlns="https:\/\/sts\.amazonaws\.com\/doc\/2011-06-15\/"><Error><Type>Sender<\/Type><Code>Throttling<\/Code><Message>Rate exceeded<\/Message><\/Error><RequestId>/,
      );
    }
    expect((await call(sts.url, assumeParams())).status).toBe(200);
    expect(sts.faults()).toEqual([]);
    expect(sts.requests().map((e) => e.reason ?? '')).toEqual(['', `injected by fault ${fault.id}`, `injected by fault ${fault.id}`, '']);

    ceph.injectFault({ error: 'SlowDown' });
    const slow = await call(ceph.url, assumeParams({ RoleArn: CEPH_ROLE }));
    expect([slow.status, slow.code]).toEqual([503, 'SlowDown']);
    expect(slow.text).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?><Error><Code>SlowDown<\/Code><Message><\/Message><RequestId>tx/);
  });

  it('take a status, a message and a rate', async () => {
    sts.injectFault({ action: '*', error: 'InternalFailure', status: 502, message: 'boom', rate: 1 });
    const answer = await whoami(sts.url);
    expect([answer.status, answer.code]).toEqual([502, 'InternalFailure']);
    expect(answer.text).toContain('<Type>Receiver</Type><Code>InternalFailure</Code><Message>boom</Message>');
    sts.clearFaults();
    sts.injectFault({ error: 'Throttling', rate: 0 });
    expect((await whoami(sts.url)).status).toBe(200);
    expect(sts.faults()[0]).toMatchObject({ hits: 0 });
  });

  it('delay the answer, or drop the connection without one', async () => {
    sts.injectFault({ action: 'GetCallerIdentity', delayMs: 300, count: 1 });
    const started = Date.now();
    expect((await whoami(sts.url)).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);

    sts.injectFault({ action: 'GetCallerIdentity', drop: true, count: 1 });
    await expect(whoami(sts.url)).rejects.toThrow();
    expect((await whoami(sts.url)).status).toBe(200);
    expect(sts.requests().at(-2)).toMatchObject({ action: 'GetCallerIdentity', status: 0, reason: expect.stringMatching(/connection dropped by fault f\d+/) });
  });

  it('refuse what they cannot be, with one sentence', () => {
    expect(() => sts.injectFault({ error: 'NoSuchCode' })).toThrow(/Unknown fault error code "NoSuchCode"/);
    expect(() => sts.injectFault({ error: 'Throttling', count: -1 })).toThrow(/count must be a whole number/);
    expect(() => sts.injectFault({ error: 'Throttling', drop: true })).toThrow(UsageError);
  });
});

describe('the clock', () => {
  it('expires issued credentials without voiding signatures made in real time', async () => {
    const creds = credentialsOf(await call(sts.url, assumeParams({ DurationSeconds: '900' })));
    expect((await whoami(sts.url, creds)).status).toBe(200);
    sts.clock.advance(901);
    const expired = await whoami(sts.url, creds);
    expect([expired.status, expired.code]).toEqual([400, 'ExpiredToken']);
    // The long-term key still signs in real time: no RequestExpired.
    expect((await whoami(sts.url)).status).toBe(200);
    sts.clock.reset();
    expect((await whoami(sts.url, creds)).status).toBe(200);
  });

  it('issues credentials that expire by it, and expires web identity tokens by it', async () => {
    sts.clock.set('2030-01-01T00:00:00Z');
    const creds = credentialsOf(await call(sts.url, assumeParams({ DurationSeconds: '3600' })));
    expect(creds.expiration).toBe('2030-01-01T01:00:00Z');
    sts.clock.reset();
    const jwt = await sts.mintWebIdentityToken({ sub: 'ci', expiresIn: 600 });
    expect((await web(sts.url, jwt)).status).toBe(200);
    sts.clock.advance(601);
    const late = await web(sts.url, jwt);
    expect([late.status, late.code]).toEqual([400, 'ExpiredTokenException']);
  });

  it('leaves the MFA code window on real time', async () => {
    const secret = 'JBSWY3DPEHPK3PXP';
    const mfa = await startMockSts({
      config: { roles: [{ arn: ROLE, trust: { users: ['*'] }, mfa: { serialNumber: 'arn:aws:iam::123456789012:mfa/test', totpSecret: secret } }] },
    });
    try {
      mfa.clock.advance(7200);
      const answer = await call(mfa.url, assumeParams({ SerialNumber: 'arn:aws:iam::123456789012:mfa/test', TokenCode: totp(secret, new Date()) }));
      expect(answer.status).toBe(200);
    } finally {
      await mfa.close();
    }
  });

  it('refuses a time before 1970 or a move past 9999', () => {
    expect(() => sts.clock.set('1969-12-31T23:59:59Z')).toThrow(/between 1970-01-01 and 9999-12-31/);
    expect(() => sts.clock.advance(-1e12)).toThrow(UsageError);
    expect(() => sts.clock.advance(Number.NaN)).toThrow(/finite number/);
  });
});

describe('over HTTP, on the mock’s own port', () => {
  const post = (url: string, path: string, body: unknown) =>
    fetch(`${url}/_sts-cli${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  it('answers health, and bad input with a 400 and one sentence', async () => {
    expect(await (await fetch(`${sts.url}/_sts-cli/health`)).json()).toEqual({ status: 'ok', flavor: 'aws', version: expect.any(String) });
    for (const [path, body, message] of [
      ['/faults', { error: 'Nope' }, /^Unknown fault error code "Nope"; use one of Throttling, /],
      ['/faults', { error: 'Throttling', count: -1 }, /^count must be a whole number from 1 to 1000000\.$/],
      ['/clock', { set: '1969-07-20T20:17:40Z' }, /^The time to set must lie between 1970-01-01 and 9999-12-31\.$/],
      ['/clock', { advanceSeconds: 'soon' }, /^advanceSeconds must be a finite number of seconds\.$/],
      ['/revoke', { accessKeyId: '' }, /^accessKeyId must be an access key id/],
    ] as const) {
      const response = await post(sts.url, path, body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(((await response.json()) as { error: string }).error).toMatch(message);
    }
    expect(sts.faults()).toEqual([]);
    expect(sts.requests()).toEqual([]); // control requests are not STS requests
  });

  it('injects a fault and moves the clock for the next STS request', async () => {
    expect((await post(sts.url, '/faults', { action: 'GetCallerIdentity', error: 'ServiceUnavailable', count: 1 })).status).toBe(201);
    expect((await whoami(sts.url)).code).toBe('ServiceUnavailable');
    const creds = credentialsOf(await call(sts.url, assumeParams({ DurationSeconds: '900' })));
    expect((await post(sts.url, '/clock', { advanceSeconds: 3600 })).status).toBe(200);
    expect((await whoami(sts.url, creds)).code).toBe('ExpiredToken');
    const listed = (await (await fetch(`${sts.url}/_sts-cli/requests?action=GetCallerIdentity`)).json()) as { requests: Array<{ errorCode?: string }> };
    expect(listed.requests.map((r) => r.errorCode)).toEqual(['ServiceUnavailable', 'ExpiredToken']);
  });

  it('journals what never reached an action: a body too large, a request that is not HTTP', async () => {
    const big = await fetch(`${sts.url}/`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'a'.repeat(70_000),
    }).catch(() => null);
    expect(big === null || big.status === 413).toBe(true);
    await new Promise<void>((resolve) => {
      const socket = connect(Number(new URL(sts.url).port), '127.0.0.1', () => socket.end('NOT HTTP\r\n\r\n'));
      socket.on('close', () => resolve());
      socket.on('error', () => resolve());
      socket.resume();
    });
    expect(sts.requests().map((e) => e.errorCode)).toEqual(['RequestTooLarge', 'MalformedQueryString']);
  });
});

describe('switched off', () => {
  it('records nothing, injects nothing, and says so in the handle and over HTTP (health still answers)', async () => {
    const off = await startMockSts({ control: false });
    try {
      expect((await whoami(off.url)).status).toBe(200);
      expect(() => off.requests()).toThrow(/switched off/);
      expect(() => off.injectFault({ error: 'Throttling' })).toThrow(/switched off/);
      expect(() => off.clock.advance(60)).toThrow(/switched off/);
      expect(off.clock.now()).toBeInstanceOf(Date);
      const requests = await fetch(`${off.url}/_sts-cli/requests`);
      expect(requests.status).toBe(404);
      expect(((await requests.json()) as { error: string }).error).toMatch(/--no-control/);
      expect((await fetch(`${off.url}/_sts-cli/health`)).status).toBe(200);
    } finally {
      await off.close();
    }
  });

  it('a control token is asked for whenever one is set, even on loopback', async () => {
    const guarded = await startMockSts({ controlToken: 'control-token-1' });
    try {
      expect((await fetch(`${guarded.url}/_sts-cli/requests`)).status).toBe(403);
      expect((await fetch(`${guarded.url}/_sts-cli/requests`, { headers: { authorization: 'Bearer control-token-1' } })).status).toBe(200);
      expect(guarded.requests()).toEqual([]); // the handle needs no token
    } finally {
      await guarded.close();
    }
    await expect(startMockSts({ controlToken: 'has spaces' })).rejects.toThrow(UsageError);
  });
});
