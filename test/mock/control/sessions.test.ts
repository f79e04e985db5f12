// The session registry: what was issued (never a secret), time left by the mock's clock,
// bounded memory, revocation.
import { describe, expect, it } from 'vitest';
import { REVOKED_CAPACITY, SessionRegistry } from '../../../src/mock/control/sessions.js';

const T0 = Date.UTC(2026, 0, 1);

function registry(capacity?: number) {
  const clock = { ms: T0 };
  return { clock, sessions: new SessionRegistry(() => clock.ms, capacity) };
}

const issued = (n: number, seconds = 3600) => ({
  accessKeyId: `ASIA${String(n).padStart(16, '0')}`,
  arn: `arn:aws:sts::123456789012:assumed-role/dev/s${n}`,
  expiration: new Date(T0 + seconds * 1000),
});

describe('SessionRegistry', () => {
  it('lists what was issued with its time left, and never the secret or the token', () => {
    const { clock, sessions } = registry();
    const credentials = {
      accessKeyId: 'ASIAAAAAAAAAAAAAAAAA',
      secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYSECRETKEY',
      sessionToken: 'FwoGZXIvYXdzSESSIONTOKEN',
      arn: 'arn:aws:sts::123456789012:assumed-role/dev/alice',
      roleArn: 'arn:aws:iam::123456789012:role/dev',
      sessionName: 'alice',
      sourceIdentity: 'alice@example.com',
      tags: { team: 'blue', project: 'x' },
      action: 'AssumeRole',
      expiration: new Date(T0 + 3600_000),
    };
    sessions.add(credentials);
    clock.ms += 600_500;
    expect(sessions.list()).toEqual([
      {
        accessKeyId: 'ASIAAAAAAAAAAAAAAAAA',
        arn: 'arn:aws:sts::123456789012:assumed-role/dev/alice',
        roleArn: 'arn:aws:iam::123456789012:role/dev',
        sessionName: 'alice',
        sourceIdentity: 'alice@example.com',
        tags: { team: 'blue', project: 'x' },
        action: 'AssumeRole',
        issuedAt: '2026-01-01T00:00:00.000Z',
        expiration: '2026-01-01T01:00:00.000Z',
        secondsLeft: 2999,
        expired: false,
        revoked: false,
      },
    ]);
    const text = JSON.stringify(sessions.list());
    expect(text).not.toContain(credentials.secretAccessKey);
    expect(text).not.toContain(credentials.sessionToken);
    clock.ms += 3000_000;
    expect(sessions.list()[0]).toMatchObject({ secondsLeft: 0, expired: true });
  });

  it('stays bounded: full, it drops the expired first, then the oldest', () => {
    const { clock, sessions } = registry(100);
    for (let n = 0; n < 50; n++) sessions.add(issued(n, 60)); // short ones
    for (let n = 50; n < 100; n++) sessions.add(issued(n, 3600));
    clock.ms += 120_000; // the first 50 have expired
    sessions.add(issued(100));
    expect(sessions.size).toBe(51);
    expect(sessions.list()[0]!.accessKeyId).toBe(issued(50).accessKeyId);
    for (let n = 101; n < 100_000; n++) sessions.add(issued(n));
    expect(sessions.size).toBe(100);
    expect(sessions.list().at(-1)!.accessKeyId).toBe(issued(99_999).accessKeyId);
    expect(sessions.list(3).map((s) => s.accessKeyId)).toEqual([issued(99_997), issued(99_998), issued(99_999)].map((s) => s.accessKeyId));
  });

  it('sweeps again once later sessions expire, after the earliest one was pushed out unswept', () => {
    const { clock, sessions } = registry(100);
    sessions.add(issued(0, 60));
    for (let n = 1; n < 150; n++) sessions.add(issued(n, 3600)); // the short one goes as the oldest
    clock.ms += 120_000; // past its expiry only: the next sweep finds nothing to drop
    for (let n = 150; n < 200; n++) sessions.add(issued(n, 3600));
    expect(sessions.size).toBe(100);
    clock.ms += 3_600_000; // now every kept session has expired
    for (let n = 200; n < 211; n++) sessions.add(issued(n, 7200 + 3600));
    expect(sessions.size).toBe(11);
    expect(sessions.list()[0]!.accessKeyId).toBe(issued(200).accessKeyId);
  });

  it('revokes by access key id: isRevoked, the listing says so, unknown ids may be revoked too', () => {
    const { sessions } = registry();
    sessions.add(issued(1));
    expect(sessions.isRevoked(issued(1).accessKeyId)).toBe(false);
    expect(sessions.revoke(issued(1).accessKeyId)).toEqual({ ok: true, value: { accessKeyId: issued(1).accessKeyId, known: true } });
    expect(sessions.isRevoked(issued(1).accessKeyId)).toBe(true);
    expect(sessions.list()[0]!.revoked).toBe(true);
    expect(sessions.revoke('ASIAFROMANOTHERINST')).toMatchObject({ ok: true, value: { known: false } });
    expect(sessions.isRevoked('ASIAFROMANOTHERINST')).toBe(true);
    expect(sessions.isRevoked(issued(2).accessKeyId)).toBe(false);
  });

  it('refuses to revoke what is not an access key id, and more than it can remember', () => {
    const { sessions } = registry();
    for (const bad of ['', 'a b', 'x'.repeat(129), '<script>', 42 as unknown as string]) {
      const checked = sessions.revoke(bad);
      expect(checked.ok).toBe(false);
      if (!checked.ok) expect(checked.message).toMatch(/^accessKeyId must be/);
    }
    for (let n = 0; n < REVOKED_CAPACITY; n++) expect(sessions.revoke(`K${n}`).ok).toBe(true);
    const over = sessions.revoke('ONEMORE');
    expect(over.ok).toBe(false);
    expect(sessions.revoke('K1').ok).toBe(true); // revoking again is fine
  });

  it('keeps hostile text as text (escaping is the renderer’s job) and bounds its size', () => {
    const { sessions } = registry();
    sessions.add({
      ...issued(1),
      sessionName: `<script>alert(1)</script>\u001b[31m${'x'.repeat(5000)}`,
      tags: Object.fromEntries(Array.from({ length: 80 }, (_, i) => [`k${i}`, 'v'])),
    });
    const [s] = sessions.list();
    expect(s!.sessionName!.startsWith('<script>alert(1)</script>\u001b[31m')).toBe(true);
    expect(s!.sessionName!.length).toBe(2048);
    expect(Object.keys(s!.tags)).toHaveLength(50);
  });
});
