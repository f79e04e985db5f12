// The shape of a request the signer reads: plain values, never mutated.
import { TERMINATOR } from './constants.js';

export interface SignableRequest {
  method: string;
  /** Absolute URL as it goes on the wire: `scheme://host[:port]/path?query` (already percent-encoded). */
  url: string;
  /** Header names in any case. */
  headers: Record<string, string>;
  body?: string | Uint8Array;
}

export interface SigningCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/** Where a signature applies: `20261123/us-east-1/sts/aws4_request`. */
export interface CredentialScope {
  date: string;
  region: string;
  service: string;
}

/** `2026-11-23T12:00:00.000Z` → `20261123T120000Z`. */
export function toAmzDate(now: Date): string {
  return now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/** `20261123T120000Z` → a Date, or null when it is not that shape. */
export function parseAmzDate(text: string): Date | null {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(text);
  if (!m) return null;
  const date = new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!));
  return Number.isNaN(date.getTime()) ? null : date;
}

export function scopeString(scope: CredentialScope): string {
  return `${scope.date}/${scope.region}/${scope.service}/${TERMINATOR}`;
}
