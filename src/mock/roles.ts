// Which role an ARN names and whether a caller may assume it: the config's roles, or (with none
// configured) any well-formed role ARN, trusted by every user and by the mock's own issuer. A
// role's trust is its short `trust` form (checked here) or its `trustPolicy` (checkTrustPolicy.ts).
import { trustRefusal } from './checkTrustPolicy.js';
import { MockError } from './errors.js';
import { splitRoleArn } from './roleArn.js';
import { verifyTotp } from './totp.js';
import type { MockContext } from './context.js';
import type { SessionClaims } from './tokens.js';
import type { TrustPolicy, TrustRequestInput } from './trust/index.js';
import type { MockRole } from './types.js';

export interface ResolvedRole {
  arn: string;
  maxSessionDuration: number;
  /** null: anyone (no roles configured). */
  role: MockRole | null;
  /** The role's parsed trust policy; null: its short `trust` form decides (or anyone, without roles). */
  policy: TrustPolicy | null;
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
    return { arn, maxSessionDuration: limits.rules.durationSeconds.max, role: null, policy: null };
  }
  const role = directory.roles.get(arn);
  if (role) return { arn, maxSessionDuration: role.maxSessionDuration ?? limits.roleDefaultMax, role, policy: directory.trustPolicies.get(arn) ?? null };
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

/**
 * resolveRole for an AssumeRole*. Without a RoleArn (MinIO): with no roles configured anyone may
 * have the flavor's maximum; with roles configured, the first one whose trust `admits` the caller
 * (its maximum and MFA then apply), else a refusal, so omitting RoleArn never skips trust (SPEC §11).
 */
export function resolveAssumedRole(
  ctx: MockContext,
  arn: string | undefined,
  caller: string,
  action: string,
  admits: (role: ResolvedRole) => boolean = () => false,
): ResolvedRole {
  if (arn) return resolveRole(ctx, arn, caller, action);
  const { roles, trustPolicies } = ctx.directory;
  if (roles === null) return { arn: '', maxSessionDuration: ctx.spec.limits.rules.durationSeconds.max, role: null, policy: null };
  for (const role of roles.values()) {
    const resolved = {
      arn: role.arn,
      maxSessionDuration: role.maxSessionDuration ?? ctx.spec.limits.roleDefaultMax,
      role,
      policy: trustPolicies.get(role.arn) ?? null,
    };
    if (admits(resolved)) return resolved;
  }
  throw new MockError(
    'AccessDenied',
    `${caller} is not trusted by any configured role to perform: ${action}; name one with RoleArn.`,
    'no role trusts the caller',
  );
}

/** Whether the role's short trust form names one of `identifiers` (or `*`); any role when none are configured. */
export function trustsUser(resolved: ResolvedRole, identifiers: readonly string[]): boolean {
  if (!resolved.role) return true;
  return (resolved.role.trust?.users ?? []).some((t) => t === '*' || identifiers.includes(t));
}

/** DurationSeconds must not exceed the role's MaxSessionDuration. */
export function checkRoleMaximum(resolved: ResolvedRole, duration: number): void {
  if (duration > resolved.maxSessionDuration) throw new MockError('ValidationError', OVER_ROLE_MAX);
}

/** The short form: the caller must be one of `trust.users` (or `*`). */
export function checkUserTrust(ctx: MockContext, resolved: ResolvedRole, identifiers: readonly string[], caller: string): void {
  if (!trustsUser(resolved, identifiers))
    throw trustRefusal(ctx, notAuthorized(caller, 'sts:AssumeRole', resolved.arn).message, `${caller} is not in the role's trust.users`);
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
 * MFA of an AssumeRole: a code sent is checked against the role's `mfa` device. Without a trust
 * policy that device is also required, and a caller whose GetSessionToken session was obtained
 * with MFA satisfies it without a code (as on AWS, such credentials are MFA-authenticated); with a
 * policy, the policy decides (aws:MultiFactorAuthPresent), and a code for a role without a device
 * counts as given. Returns what IAM's MFA keys see: present with a code or an MFA session (with
 * when it was checked), false for other temporary credentials, absent for long-term keys without one.
 */
export function checkMfa(
  resolved: ResolvedRole,
  serialNumber: string | undefined,
  tokenCode: string | undefined,
  now: Date,
  caller: { arn: string; temporary: boolean; session?: SessionClaims | undefined },
): TrustRequestInput['mfa'] {
  const mfa = resolved.role?.mfa;
  const given = serialNumber !== undefined && tokenCode !== undefined;
  const mfaSession = sessionMfa(caller.session);
  if (mfa && (given || resolved.policy === null)) {
    if (serialNumber === undefined && tokenCode === undefined && mfaSession) return mfaContext(false, true, now, mfaSession);
    if (!given || serialNumber !== mfa.serialNumber) throw notAuthorized(caller.arn, 'sts:AssumeRole', resolved.arn);
    if (!verifyTotp(mfa.totpSecret, tokenCode, now)) throw new MockError('AccessDenied', WRONG_CODE);
  }
  return mfaContext(given, caller.temporary, now, mfaSession);
}

/** When the MFA of a GetSessionToken session was checked; undefined for any other caller (role sessions are not MFA sessions). */
export function sessionMfa(session: SessionClaims | undefined): Date | undefined {
  return session?.kind === 'session' && session.mfa !== undefined ? new Date(session.mfa * 1000) : undefined;
}

/** What IAM's MFA keys see, the code (if any) taken as checked, else the MFA of the caller's session. */
export function mfaContext(given: boolean, temporary: boolean, now: Date, mfaSession?: Date): TrustRequestInput['mfa'] {
  if (given) return { present: true, authenticatedAt: now };
  if (mfaSession) return { present: true, authenticatedAt: mfaSession };
  return temporary ? { present: false } : undefined;
}
