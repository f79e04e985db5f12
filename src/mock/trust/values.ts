// Reading condition values as the operator's type: numbers, dates (W3C ISO 8601 or epoch
// seconds), booleans, IP addresses and ranges, base64. Each returns null for what it cannot read.
import { BlockList, isIP } from 'node:net';

const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

export function readNumber(text: string): number | null {
  const t = text.trim();
  return NUMBER.test(t) ? Number(t) : null;
}

// W3C's profile of ISO 8601: YYYY, YYYY-MM, YYYY-MM-DD, then hh:mm[:ss[.s+]] with a zone
// designator (Z or ±hh:mm). A time without a zone is read as UTC.
const W3C_DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?)?)?$/;
const EPOCH = /^-?\d{1,12}(?:\.\d+)?$/;

/** Milliseconds since the epoch, or null. Bare digits are epoch seconds (IAM: aws:EpochTime). */
export function readDate(text: string): number | null {
  const t = text.trim();
  // Four digits alone read as a year (W3C YYYY) only when they cannot be an epoch.
  if (EPOCH.test(t) && t.length !== 4) return Number(t) * 1000;
  const m = W3C_DATE.exec(t);
  if (!m) return null;
  const [, y, mo = '01', d = '01', h = '00', mi = '00', s = '00', frac = '', zone = 'Z'] = m;
  const iso = `${y}-${mo}-${d}T${h}:${mi}:${s}${frac}${zone.length === 5 ? `${zone.slice(0, 3)}:${zone.slice(3)}` : zone}`;
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return null;
  // Date.parse rolls 2024-02-31 over to March; IAM would not read it as a date.
  const back = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
  if (back.getUTCMonth() !== Number(mo) - 1 || back.getUTCDate() !== Number(d) || Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return null;
  return ms;
}

export function readBool(text: string): boolean | null {
  const t = text.toLowerCase();
  return t === 'true' ? true : t === 'false' ? false : null;
}

/** A CIDR range or a single address (IAM: /32, or /128 for IPv6). */
export function readCidr(text: string): BlockList | null {
  const [address = '', prefix, extra] = text.trim().split('/');
  if (extra !== undefined) return null;
  const family = isIP(address);
  if (family === 0) return null;
  const max = family === 4 ? 32 : 128;
  const bits = prefix === undefined ? max : /^\d{1,3}$/.test(prefix) ? Number(prefix) : Number.NaN;
  if (!(bits >= 0 && bits <= max)) return null;
  const list = new BlockList();
  list.addSubnet(address, bits, family === 4 ? 'ipv4' : 'ipv6');
  return list;
}

export function inCidr(range: BlockList, address: string): boolean {
  const family = isIP(address);
  if (family === 0) return false;
  return range.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

export function readBase64(text: string): Buffer | null {
  const t = text.trim();
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(t) || t.length % 4 !== 0) return null;
  return Buffer.from(t, 'base64');
}
