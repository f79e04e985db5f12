// The MFA code's check (SPEC §2: 6 digits), in its own module so that commands which take a code
// for a role profile's MFA session (env, exec, whoami) load no more than this and the table.
import { InvalidParameterError } from '../errors.js';
import { checkLength, limits } from './limits.js';

/** Throws (exit 2) unless `tokenCode` is 6 digits; a one-time secret: says what is wrong without repeating it. */
export function checkTokenCode(tokenCode: string): void {
  const { member, flag, min } = limits.tokenCode;
  if (checkLength(tokenCode, limits.tokenCode) !== null) throw new InvalidParameterError(member, `${flag} must be exactly ${min} digits.`);
}
