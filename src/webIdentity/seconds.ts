/** A timeout as a sentence says it: `1 second`, `0.3 seconds`, `30 seconds`. */
export function seconds(ms: number): string {
  const value = ms / 1000;
  return `${value} second${value === 1 ? '' : 's'}`;
}
