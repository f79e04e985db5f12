// A second local user, the hostile neighbour of SPEC §11: `stscli-neighbour`, created when missing.
// Creating it and acting as it need root: when not root the tests skip with a printed reason
// locally, and fail under CI=true, where the suite runs as root.
import { type SpawnSyncReturns, spawnSync } from 'node:child_process';
import { inCI } from './peers.js';

export const NEIGHBOUR = 'stscli-neighbour';

export interface Neighbour {
  name: string;
  uid: number;
  gid: number;
  /** Runs `script` with sh as the neighbour (its uid and gid, no supplementary groups); throws when it fails. */
  run(script: string, args?: string[]): SpawnSyncReturns<string>;
}

function ids(): { uid: number; gid: number } | undefined {
  const uid = spawnSync('id', ['-u', NEIGHBOUR], { encoding: 'utf8' });
  const gid = spawnSync('id', ['-g', NEIGHBOUR], { encoding: 'utf8' });
  if (uid.status !== 0 || gid.status !== 0) return undefined;
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

function create(): { uid: number; gid: number } {
  const existing = ids();
  if (existing) return existing;
  const r = spawnSync('useradd', ['--system', '--user-group', '--no-create-home', '--home-dir', '/nonexistent', '--shell', '/usr/sbin/nologin', NEIGHBOUR], {
    encoding: 'utf8',
  });
  // Another test file may have created it meanwhile.
  const made = ids();
  if (!made) throw new Error(`useradd ${NEIGHBOUR} failed (${r.status}): ${r.stderr.trim()}`);
  return made;
}

/** The neighbour, or undefined (with the reason printed) when the tests should skip. */
export function neighbour(): Neighbour | undefined {
  if (process.getuid?.() !== 0) {
    const reason = `not root: cannot create or act as the second user ${NEIGHBOUR}`;
    if (inCI) throw new Error(`${reason}; CI runs the suite as root.`);
    console.warn(`[skip] ${reason}`);
    return undefined;
  }
  const { uid, gid } = create();
  return {
    name: NEIGHBOUR,
    uid,
    gid,
    run(script, args = []) {
      const r = spawnSync('sh', ['-c', script, 'sh', ...args], { uid, gid, encoding: 'utf8', env: { PATH: process.env.PATH ?? '/usr/bin:/bin' } });
      if (r.status !== 0) throw new Error(`as ${NEIGHBOUR}: sh -c ${JSON.stringify(script)} exited ${r.status}: ${r.stderr}`);
      return r;
    },
  };
}
