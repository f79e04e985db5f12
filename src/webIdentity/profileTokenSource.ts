// The token source a web identity profile of ~/.aws/config names (SPEC §7): botocore's
// web_identity_token_file, or sts-cli's own web_identity_token_process (a command, run as
// --web-identity-token-process runs it).
import type { WebIdentitySource } from '../credentials/profileTypes.js';
import type { TokenSource } from './tokenSource.js';

/** The source of `profile`'s token; resolveProfile has already refused a profile with both keys or neither. */
export function profileTokenSource(profile: WebIdentitySource): TokenSource {
  if (profile.tokenProcess !== undefined) {
    return { kind: 'process', command: profile.tokenProcess, origin: `web_identity_token_process of profile ${profile.profile}` };
  }
  return { kind: 'file', path: profile.tokenFile ?? '' };
}
