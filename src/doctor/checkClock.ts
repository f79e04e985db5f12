// The clock against the server's `Date` header (SPEC §9): SigV4 signatures and token lifetimes
// are judged by the server's clock, and AWS refuses a signature more than 15 minutes off. Pure.
import { type Check, failed, passed, warning } from './check.js';

const WARN_MS = 5 * 60_000;
const FAIL_MS = 15 * 60_000;
const ID = 'clock';
const TITLE = 'clock';
const FIX = "Set this machine's clock (timedatectl set-ntp true), or the server's: SigV4 signatures more than 15 minutes off are refused.";

/** `20m 3s`, `2s`, `1h 5m`. */
export function formatSkew(ms: number): string {
  const total = Math.round(Math.abs(ms) / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (h > 0) return `${h}h${m ? ` ${m}m` : ''}`;
  if (m > 0) return `${m}m${s ? ` ${s}s` : ''}`;
  return `${s}s`;
}

/**
 * Compares `dateHeader` (an HTTP date, 1 s resolution) with `now`, the local time the answer
 * arrived; within 5 minutes passes, within 15 warns, beyond fails.
 */
export function checkClock(dateHeader: string | undefined, now: Date): Check {
  if (dateHeader === undefined)
    return warning(
      ID,
      TITLE,
      'the server sent no Date header, so the clocks cannot be compared',
      'Compare the clocks by hand (date -u here and on the server).',
    );
  const server = Date.parse(dateHeader);
  if (Number.isNaN(server))
    return warning(ID, TITLE, 'the server sent a Date header that is not an HTTP date', 'Compare the clocks by hand (date -u here and on the server).');
  // The header is cut to the second: a skew under a second and a half is no skew at all.
  const skew = server - now.getTime();
  const size = Math.abs(skew) < 1500 ? 0 : skew;
  const said =
    size === 0 ? "this machine's clock and the server's agree" : `this machine's clock is ${formatSkew(size)} ${size > 0 ? 'behind' : 'ahead of'} the server's`;
  if (Math.abs(size) > FAIL_MS) return failed(ID, TITLE, `${said} (over 15 minutes)`, FIX);
  if (Math.abs(size) > WARN_MS) return warning(ID, TITLE, `${said} (over 5 minutes)`, FIX);
  return passed(ID, TITLE, size === 0 ? `${said} (Date: ${new Date(server).toISOString()})` : said);
}
