// Bounded memory (SPEC §6): the journal and the session registry hold as much after the
// 100 000th request as after the 50 000th. Heap measured after a forced collection.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { ControlPlane } from '../../../src/mock/control/controlPlane.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

function heapAfterGc(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

describe('control plane memory', () => {
  it('does not grow between the 50 000th and the 100 000th request', () => {
    const plane = new ControlPlane({ flavor: 'aws' });
    const request = (n: number) => {
      // Each request with its own body string, as the server reads it: kept slices must not pin it.
      const body = `Action=AssumeRole&Version=2011-06-15&RoleArn=arn:aws:iam::123456789012:role/r${n % 50}&RoleSessionName=session-${n}&DurationSeconds=3600`;
      const params = new Map(body.split('&').map((kv) => kv.split('=') as [string, string]));
      plane.journal.record({ requestId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`, status: 200, action: 'AssumeRole' }, params, body.length);
      plane.sessions.add({
        accessKeyId: `ASIA${String(n).padStart(16, '0')}`,
        arn: `arn:aws:sts::123456789012:assumed-role/r${n % 50}/${params.get('RoleSessionName')}`,
        sessionName: params.get('RoleSessionName'),
        expiration: Date.now() + 3600_000,
      });
    };
    for (let n = 0; n < 50_000; n++) request(n);
    const at50k = heapAfterGc();
    for (let n = 50_000; n < 100_000; n++) request(n);
    const at100k = heapAfterGc();
    const growth = at100k - at50k;
    console.log(
      `[memory] heap after 50 000 requests ${(at50k / 1048576).toFixed(1)} MiB, after 100 000 ${(at100k / 1048576).toFixed(1)} MiB (${(growth / 1024).toFixed(0)} KiB)`,
    );
    expect(plane.journal.size).toBe(10_000);
    expect(plane.sessions.size).toBe(10_000);
    expect(growth).toBeLessThan(2 * 1024 * 1024);
  });

  it('keeps what a client repeats once: its body, role and session name, however many times it sends them', () => {
    const plane = new ControlPlane({ flavor: 'aws' });
    const role = `arn:aws:iam::123456789012:role/${'deep/'.repeat(100)}ci`;
    const body = `Action=AssumeRole&Version=2011-06-15&RoleArn=${encodeURIComponent(role)}&RoleSessionName=${'s'.repeat(64)}&Policy=${'p'.repeat(1500)}`;
    // Each request as the server reads it: the same text, in strings of its own.
    const fresh = (text: string) => Buffer.from(text).toString();
    const decode = (text: string) => new Map(text.split('&').map((kv) => kv.split('=') as [string, string]));
    const before = heapAfterGc();
    for (let n = 0; n < 10_000; n++) {
      const text = fresh(body);
      const params = decode(text);
      plane.journal.record({ requestId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`, status: 200, action: 'AssumeRole' }, params, text.length, {
        text,
        decode,
      });
      plane.sessions.add({
        accessKeyId: `ASIA${String(n).padStart(16, '0')}`,
        arn: fresh(`arn:aws:sts::123456789012:assumed-role/ci/${'s'.repeat(64)}`),
        roleArn: fresh(role),
        sessionName: fresh('s'.repeat(64)),
        expiration: Date.now() + 3600_000,
      });
    }
    const held = heapAfterGc() - before;
    console.log(`[memory] 10 000 repeats of a ${body.length}-byte request held ${(held / 1048576).toFixed(1)} MiB`);
    expect(plane.journal.list({ limit: 1 })[0]!.params.RoleArn).toBe(encodeURIComponent(role));
    expect(plane.sessions.list(1)[0]).toMatchObject({ roleArn: role, sessionName: 's'.repeat(64) });
    // A copy per request would hold over 25 MiB: the bodies alone are 20 MiB.
    expect(held).toBeLessThan(5 * 1024 * 1024);
  });
});
