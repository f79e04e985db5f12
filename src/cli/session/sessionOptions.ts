// How a command obtains sessions (SPEC §7): through the cache or not, the MFA code given up front,
// how long an MFA session lasts, the ECS token of ecs-token hops. Read once from the typed input,
// every value checked before anything is sent.
import { checkTokenCode } from '../../sts/tokenCode.js';
import { parseSessionTokenDuration } from '../../sts/duration.js';
import { limits } from '../../sts/limits.js';
import type { CliContext } from '../context.js';

/**
 * `use`: answer from the cache when it can; `refresh` (--refresh): assume again and replace the
 * entry; `bypass` (--no-cache): neither read nor write it; `peek`: the cache only, nothing run or
 * sent (a miss ends the walk: `sts-cli list` asks what is cached).
 */
export type CachePolicy = 'use' | 'refresh' | 'bypass' | 'peek';

export interface SessionOptions {
  cache: CachePolicy;
  /** --token-code: used for the MFA step that needs a code, instead of a prompt. */
  tokenCode?: string;
  /** --mfa-session-duration, in seconds (default 12 hours). */
  mfaSessionSeconds: number;
  /** --auth-token, else ECS_AUTH_TOKEN: what an ecs-token hop sends. */
  ecsToken?: string;
  /** Under `peek`: the file names the cache folder holds, read once (sts-cli list): an entry not among them is a miss without a look. */
  cachedEntries?: ReadonlySet<string>;
}

/** The flags of SPEC §7 a command may declare (each declares a subset). */
export interface SessionFlags {
  /** false with --no-cache. */
  cache?: boolean;
  refresh?: boolean;
  tokenCode?: string;
  mfaSessionDuration?: string;
  authToken?: string;
}

export const DEFAULT_MFA_SESSION_SECONDS = limits.sessionTokenDuration.default;

/** The session options of `input`; a malformed --token-code or --mfa-session-duration is exit 2. */
export function sessionOptionsOf(input: SessionFlags, ctx: CliContext): SessionOptions {
  if (input.tokenCode !== undefined) checkTokenCode(input.tokenCode);
  const ecsToken = input.authToken ?? (ctx.env.ECS_AUTH_TOKEN || undefined);
  if (ecsToken !== undefined) ctx.out.addSecret(ecsToken);
  return {
    cache: input.cache === false ? 'bypass' : input.refresh ? 'refresh' : 'use',
    mfaSessionSeconds: input.mfaSessionDuration === undefined ? DEFAULT_MFA_SESSION_SECONDS : parseSessionTokenDuration(input.mfaSessionDuration),
    ...(input.tokenCode !== undefined ? { tokenCode: input.tokenCode } : {}),
    ...(ecsToken !== undefined ? { ecsToken } : {}),
  };
}
