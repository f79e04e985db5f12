// Durations as the CLI takes them (SPEC §2): `3600`, `15m`, `1h`, `12h`, `7d`, checked against the
// limits table. Its own module, without the policy checks, so that commands that only read a
// duration (env, exec) load no more than this.
import { InvalidParameterError } from '../errors.js';
import { limits } from './limits.js';

const UNITS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400 };
const { member: DURATION, flag: DURATION_FLAG } = limits.durationSeconds;

/** `3600`, `15m`, `1h`, `12h`, `7d` (or a sum such as `1h30m`) → integer seconds, at least 900. */
export function parseDuration(text: string, flag = DURATION_FLAG): number {
  const trimmed = text.trim().toLowerCase();
  let seconds: number;
  if (/^\d+$/.test(trimmed)) {
    seconds = Number(trimmed);
  } else if (/^(\d+[smhd])+$/.test(trimmed)) {
    seconds = 0;
    for (const [, amount, unit] of trimmed.matchAll(/(\d+)([smhd])/g)) seconds += Number(amount) * UNITS[unit!]!;
  } else {
    throw new InvalidParameterError(DURATION, `${flag} "${text}" is not a number of seconds or a span such as 15m, 1h or 12h.`);
  }
  checkDuration(seconds, flag);
  return seconds;
}

/** A whole number of seconds, at least 900 (the server enforces its own maximum). */
export function checkDuration(seconds: number, flag = DURATION_FLAG): void {
  if (!Number.isSafeInteger(seconds)) throw new InvalidParameterError(DURATION, `${flag} must be a whole number of seconds.`);
  const { min } = limits.durationSeconds;
  if (seconds < min) throw new InvalidParameterError(DURATION, `${flag} must be at least ${min} seconds (15m); got ${seconds}.`);
}

/** `--mfa-session-duration` (GetSessionToken's DurationSeconds, SPEC §7): a duration as parseDuration reads it, 900..129600 seconds. */
export function parseSessionTokenDuration(text: string, flag = limits.sessionTokenDuration.flag): number {
  const seconds = parseDuration(text, flag);
  const { min, max } = limits.sessionTokenDuration;
  if (seconds > max) throw new InvalidParameterError(DURATION, `${flag} must be ${min} to ${max} seconds (15m to 36h); got ${seconds}.`);
  return seconds;
}
