// Certificate thumbprints as servers register them for an OpenID Connect provider.
import { createHash } from 'node:crypto';

/**
 * The SHA-1 of a DER certificate as 40 lower-case hex digits, the form AWS IAM's
 * `CreateOpenIDConnectProvider` and Ceph take as `ThumbprintList` entries.
 */
export function thumbprintSha1(der: Uint8Array): string {
  return createHash('sha1').update(der).digest('hex');
}
