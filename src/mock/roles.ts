// Which role an ARN names and whether a caller may assume it: the config's roles, or (with none
// configured) any well-formed role ARN, trusted by every user and by the mock's own issuer.
import { MockError } from './errors.js';
import { splitRoleArn } from './roleArn.js';
import { verifyTotp } from './totp.js';
import type { MockContext } from './context.js';
import type { SessionClaims } from './tokens.js';
import type { MockRole } from './types.js';

export interface ResolvedRole {
  arn: string;
  maxSessionDuration: number;
  /** null: anyone (no roles configured). */
  role: MockRole | null;
}

export function notAuthorized(caller: string, action: string, resource: string): MockError {
  return new MockError('AccessDenied', `User: ${caller} is not authorized to perform: ${action} on resource: ${resource}`);
}

export function resolveRole(ctx: MockContext, arn: string, caller: string, action: string): ResolvedRole {
  const { identity, limits } = ctx.spec;
  const { directory } = ctx;
  if (identity.roleArnPattern && !identity.roleArnPattern.test(arn)) {
    throw new MockError('ValidationError', `${arn} is not a valid role ARN`, 'malformed role ARN');
  }
  if (directory.roles === null) {
    // Ceph keys roles by tenant; an AWS-style 12-digit account names a tenant that has none.
    if (identity.awsAccountRolesMissing && /^\d{12}$/.test(splitRoleArn(arn)?.account ?? '')) throw new MockError('NoSuchRole', `Role ${arn} not found`);
    return { arn, maxSessionDuration: limits.rules.durationSeconds.max, role: null };
  }
  const role = directory.roles.get(arn);
  if (role) return { arn, maxSessionDuration: role.maxSessionDuration ?? limits.roleDefaultMax, role };
  // A role that exists under another path: Ceph refuses (403) rather than not finding it (404).
  const wanted = splitRoleArn(arn);
  const sameName =
    wanted !== null &&
    [...directory.roles.keys()].some((other) => {
      const o = splitRoleArn(other);
      return o?.name === wanted.name && o.account === wanted.account;
    });
  if (sameName) throw notAuthorized(caller, action, arn);
  if (identity.unknownRoleMessage === 'not-found') throw new MockError('NoSuchRole', `Role ${arn} not found`);
  throw new MockError('NoSuchRole', `User: ${caller} is not authorized to perform: ${action} on resource: ${arn}`);
}

const OVER_ROLE_MAX = 'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.';

/** resolveRole for an AssumeRole*; without a RoleArn (MinIO) anyone may have the flavor's maximum. */
export function resolveAssumedRole(ctx: MockContext, arn: string | undefined, caller: string, action: string): ResolvedRole {
  return arn ? resolveRole(ctx, arn, caller, action) : { arn: '', maxSessionDuration: ctx.spec.limits.rules.durationSeconds.max, role: null };
}

/** DurationSeconds must not exceed the role's MaxSessionDuration. */
export function checkRoleMaximum(resolved: ResolvedRole, duration: number): void {
  if (duration > resolved.maxSessionDuration) throw new MockError('ValidationError', OVER_ROLE_MAX);
}

export function checkUserTrust(resolved: ResolvedRole, identifiers: readonly string[], caller: string): void {
  if (!resolved.role) return;
  const trusted = resolved.role.trust.users ?? [];
  if (!trusted.some((t) => t === '*' || identifiers.includes(t))) throw notAuthorized(caller, 'sts:AssumeRole', resolved.arn);
}

const UNKNOWN_DEVICE =
  'MultiFactorAuthentication failed, unable to validate MFA code.  Please verify your MFA serial number is valid and associated with this user.';
const WRONG_CODE = 'MultiFactorAuthentication failed with invalid MFA one time pass code. ';

// The TOTP secret of MFA device `serialNumber`: the devices are those the config's roles require.
function deviceSecret(ctx: MockContext, serialNumber: string): string | undefined {
  for (const role of ctx.directory.roles?.values() ?? []) if (role.mfa?.serialNumber === serialNumber) return role.mfa.totpSecret;
  return undefined;
}

/**
 * GetSessionToken's MFA check: SerialNumber must name a configured device and TokenCode be its
 * current code. Returns when the code was checked (unix seconds), sealed into the session's token.
 */
export function checkMfaDevice(ctx: MockContext, serialNumber: string | undefined, tokenCode: string | undefined, now: Date): number {
  const secret = serialNumber === undefined ? undefined : deviceSecret(ctx, serialNumber);
  if (secret === undefined || tokenCode === undefined) throw new MockError('AccessDenied', UNKNOWN_DEVICE, 'unknown MFA device or no code');
  if (!verifyTotp(secret, tokenCode, now)) throw new MockError('AccessDenied', WRONG_CODE, 'wrong MFA code');
  return Math.floor(now.getTime() / 1000);
}

/**
 * A role that requires MFA needs its device's current code, or a caller whose GetSessionToken
 * session was obtained with MFA (as on AWS: such credentials are MFA-authenticated). Returns when
 * MFA was checked for the new session (unix seconds), or undefined when it was not.
 */
export function checkMfa(
  resolved: ResolvedRole,
  serialNumber: string | undefined,
  tokenCode: string | undefined,
  now: Date,
  caller: string,
  session?: SessionClaims,
): number | undefined {
  const mfa = resolved.role?.mfa;
  const fromSession = session?.kind === 'session' ? session.mfa : undefined;
  if (!mfa) return fromSession;
  if (tokenCode === undefined && serialNumber === undefined && fromSession !== undefined) return fromSession;
  if (serialNumber === undefined || tokenCode === undefined || serialNumber !== mfa.serialNumber) throw notAuthorized(caller, 'sts:AssumeRole', resolved.arn);
  if (!verifyTotp(mfa.totpSecret, tokenCode, now)) throw new MockError('AccessDenied', WRONG_CODE);
  return Math.floor(now.getTime() / 1000);
}
