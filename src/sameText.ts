// Whether two secrets-bearing texts (a signature, a token) are equal, in time that depends on
// their lengths only: every character is compared, with no early exit. Plain JavaScript instead
// of two Buffers for crypto.timingSafeEqual, which cost more than the comparison on the mock's hot path.
export function sameText(a: string, b: string): boolean {
  let difference = a.length ^ b.length;
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) difference |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return difference === 0;
}
