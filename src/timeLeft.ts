// How a person reads time left, the same in every message and table: `assume` and `whoami` must
// not say "in 1h" and "in 59m" of the same fresh session a second apart (issue 8). Pure.

/** `45s`, `59m`, `1h`, `11h 59m`, `2d 3h`: a span rounded to the nearest minute (to the second under one). */
export function spanText(ms: number): string {
  const seconds = Math.round(Math.abs(ms) / 1000);
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.round(seconds / 60);
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const rest = minutes % 60;
  if (days > 0) return `${days}d${hours ? ` ${hours}h` : ''}`;
  if (hours > 0) return `${hours}h${rest ? ` ${rest}m` : ''}`;
  return `${rest}m`;
}

/** "in 59m", "in 11h 59m", "2m ago". */
export function timeLeft(until: Date, now: Date): string {
  const ms = until.getTime() - now.getTime();
  return ms >= 0 ? `in ${spanText(ms)}` : `${spanText(ms)} ago`;
}
