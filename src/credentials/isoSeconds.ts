/** ISO 8601 UTC without milliseconds, e.g. `2026-11-23T13:00:00Z`: what x_security_token_expires and the AWS CLI use. */
export function isoSeconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
