// One answer happens at one instant: its credentials' expiry, the session list and the journal
// agree, even when the clock moves a second at every read of it (handleRequest holds it).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockSts } from '../../../src/mock/index.js';
import type { MockSts } from '../../../src/mock/types.js';
import { call, credentialsOf } from '../call.js';

describe('one answer, one instant', () => {
  let sts: MockSts;
  let ms = Date.now();
  beforeAll(async () => {
    // Real time that runs a second ahead at every read: anything read twice in one answer differs.
    sts = await startMockSts({
      now: () => {
        ms += 1000;
        return new Date(ms);
      },
    });
  });
  afterAll(() => sts.close());

  it('issue time, expiry, session and journal entry are the same moment', async () => {
    const answer = await call(
      sts.url,
      {
        Action: 'AssumeRole',
        Version: '2011-06-15',
        RoleArn: 'arn:aws:iam::000000000000:role/instant',
        RoleSessionName: 'instant',
        DurationSeconds: '900',
      },
      { now: new Date(ms) },
    );
    expect(answer.status).toBe(200);
    const expiration = Date.parse(credentialsOf(answer).expiration);
    const [session] = sts.sessions();
    const [entry] = sts.requests({ action: 'AssumeRole' });
    const issuedMs = Date.parse(session!.issuedAt);
    expect(Date.parse(session!.expiration)).toBe(expiration);
    expect(expiration).toBe(Math.floor(issuedMs / 1000) * 1000 + 900_000);
    expect(Date.parse(entry!.time)).toBe(issuedMs);
  });
});
