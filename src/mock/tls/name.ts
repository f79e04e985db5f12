// A distinguished name with one common name, the only attribute these certificates carry.
import { MAX_COMMON_NAME_LENGTH, OID } from './constants.js';
import { objectIdentifier, sequence, setOf, utf8String } from './der.js';

/** The DER Name `CN=commonName` (UTF8String, as RFC 5280 §4.1.2.6 recommends). */
export function commonNameOnly(commonName: string): Buffer {
  if (commonName.length === 0 || commonName.length > MAX_COMMON_NAME_LENGTH) {
    throw new RangeError(`A certificate's common name must be 1 to ${MAX_COMMON_NAME_LENGTH} characters long.`);
  }
  return sequence(setOf(sequence(objectIdentifier(OID.commonName), utf8String(commonName))));
}
