// A clock and a scheduler the test moves by hand, and a source of sessions it controls.
import type { ProvideRequest, Schedule, ServedCredentials } from '../../src/containerEndpoint/index.js';

export const MINUTE = 60_000;

export function manualClock(start = Date.parse('2030-01-01T00:00:00Z')) {
  let t = start;
  const timers: Array<{ at: number; run: () => void; live: boolean }> = [];
  const schedule: Schedule = (at, run) => {
    const timer = { at: at.getTime(), run, live: true };
    timers.push(timer);
    return () => {
      timer.live = false;
    };
  };
  return {
    now: () => new Date(t),
    schedule,
    /** Moves the clock, running each timer that falls due on the way, then lets promises settle. */
    async advance(ms: number) {
      const end = t + ms;
      for (;;) {
        const next = timers.filter((x) => x.live && x.at <= end).sort((a, b) => a.at - b.at)[0];
        if (!next) break;
        t = Math.max(t, next.at);
        next.live = false;
        next.run();
        await settle();
      }
      t = end;
      await settle();
    },
    live: () => timers.filter((x) => x.live).map((x) => new Date(x.at)),
  };
}

export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
}

let serial = 0;
/** A session of `lifetimeMs` from `issuedAt`, with recognisable fake secrets. */
export function session(issuedAt: Date, lifetimeMs: number, extra: Partial<ServedCredentials> = {}): ServedCredentials {
  serial += 1;
  const id = String(serial).padStart(16, '0');
  return {
    accessKeyId: `ASIA${id}`,
    secretAccessKey: `secret-${id}-${'s'.repeat(20)}`,
    sessionToken: `token-${id}-${'t'.repeat(40)}`,
    expiration: new Date(issuedAt.getTime() + lifetimeMs),
    ...extra,
  };
}

/** A provide whose every call the test answers (or fails) when it likes. */
export function heldSource() {
  const calls: Array<{ request: ProvideRequest; resolve: (c: ServedCredentials) => void; reject: (e: unknown) => void }> = [];
  return {
    calls,
    provide: (request: ProvideRequest) =>
      new Promise<ServedCredentials>((resolve, reject) => {
        calls.push({ request, resolve, reject });
      }),
    last: () => calls[calls.length - 1]!,
  };
}
