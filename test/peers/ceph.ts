// A real Ceph radosgw STS endpoint for one test file (beforeAll/afterAll), started by ceph-rgw.sh.
// Callers skip with skipWithout(radosgw()) first: locally without Ceph the tests skip, under CI they run.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const SCRIPT = new URL('./ceph-rgw.sh', import.meta.url).pathname;

/** What ceph-rgw.sh prints once the gateway answers. */
export interface CephPeer {
  /** `http://127.0.0.1:PORT`, the gateway (S3, IAM and STS on one port). */
  endpoint: string;
  /** Long-term keys of the user `sts-tester` (caps roles=*;user-policy=*; may call GetSessionToken). */
  accessKeyId: string;
  secretAccessKey: string;
  /** `arn:aws:iam:::role/S3Access`: default maximum session (3600 s), role policy s3:*. */
  roleArn: string;
  /** `arn:aws:iam:::role/app/S3AccessLong`: path /app/, MaxSessionDuration 43200, role policy s3:*. */
  pathRoleArn: string;
  /** `arn:aws:iam:::user/sts-tester` */
  userArn: string;
  /** Wall time from nothing to a gateway with its user and roles. */
  startupSeconds: number;
}

export type RunningCeph = CephPeer & { dir: string; stop(): Promise<void> };

function run(args: string[], timeoutMs: number, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('bash', [SCRIPT, ...args], { env, timeout: timeoutMs, killSignal: 'SIGTERM', maxBuffer: 1 << 20 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`ceph-rgw.sh ${args[0]} failed (${error.message.split('\n')[0]}):\n${stderr}`));
      else resolve(stdout);
    });
  });
}

/** Starts a throw-away single-node cluster; stop() kills its daemons and removes its folder. */
export async function startCeph(): Promise<RunningCeph> {
  const dir = mkdtempSync(join(tmpdir(), 'sts-ceph-'));
  const stop = async () => {
    await run(['stop', dir], 30_000);
    rmSync(dir, { recursive: true, force: true });
  };
  let stdout: string;
  try {
    // The watchdog stops the cluster if this test process dies without calling stop().
    // Bounded below vitest's hookTimeout (120 s), so that a failed start reports the daemons' logs.
    stdout = await run(['start', dir], 110_000, { ...process.env, CEPH_RGW_WATCH_PID: String(process.pid), CEPH_RGW_TIMEOUT: '90' });
  } catch (error) {
    await stop().catch(() => undefined);
    throw error;
  }
  const peer = JSON.parse(stdout.trim().split('\n').pop() ?? '') as CephPeer;
  console.info(`[ceph] radosgw at ${peer.endpoint} ready in ${peer.startupSeconds} s`);
  return { ...peer, dir, stop };
}
