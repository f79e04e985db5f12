// Who the mock knows, resolved once at start from the config and options: users by access key
// id, roles by ARN (or "any role"), and the account. Pure; refuses options that contradict the config.
import { UsageError } from '../errors.js';
import { SecretSigningKeys } from '../sigv4/signingKey.js';
import type { IdentitySpec } from './flavors.js';
import { stableId, UPPER_ALNUM, type MockKeys } from './keys.js';
import { parseTrustPolicy, type TrustPolicy } from './trust/index.js';
import type { MockConfig, MockRole } from './types.js';

export interface KnownUser {
  accessKeyId: string;
  secretAccessKey: string;
  /** Its signing keys, ready to check its signatures with. */
  signingKeys: SecretSigningKeys;
  account: string;
  name: string;
  displayName: string;
  arn: string;
  /** AIDA… (AWS's unique id of an IAM user). */
  userId: string;
  /** What a role's `trust.users` may name to mean this user. */
  identifiers: string[];
}

export interface Directory {
  account: string;
  users: ReadonlyMap<string, KnownUser>;
  /** null: no roles configured, so any role ARN is allowed and trusted. */
  roles: ReadonlyMap<string, MockRole> | null;
  /** The roles' trust policies, parsed (the config's validation has already refused bad ones). */
  trustPolicies: ReadonlyMap<string, TrustPolicy>;
  /** The credentials MockSts hands out (the first user). */
  primary: KnownUser;
  /** The ceph flavor's S3 ListBuckets answer. */
  buckets?: ReadonlyArray<{ name: string; creationDate: string }>;
}

export function buildDirectory(input: {
  config: MockConfig;
  identity: IdentitySpec;
  keys: MockKeys;
  accessKeyId?: string;
  secretAccessKey?: string;
}): Directory {
  const { config, identity, keys } = input;
  const account = config.account ?? identity.defaultAccount;
  const declared = [...(config.users ?? [])];
  if (input.accessKeyId !== undefined || input.secretAccessKey !== undefined || declared.length === 0) {
    const accessKeyId = input.accessKeyId ?? 'test';
    const existing = declared.findIndex((u) => u.accessKeyId === accessKeyId);
    const entry = { accessKeyId, secretAccessKey: input.secretAccessKey ?? 'test' };
    if (existing === -1) declared.unshift(entry);
    else if (declared[existing]!.secretAccessKey !== entry.secretAccessKey) {
      // Replacing a configured user's secret behind the config's back would lock its users out (SPEC §11).
      throw new UsageError(`The access key ${accessKeyId} is a user of the config with another secret; refusing to replace it.`, {
        hint: 'Drop --access-key to use the config as written, or give that user’s own secret (STS_CLI_SECRET_KEY or --secret-key).',
      });
    }
  }
  const users = new Map<string, KnownUser>();
  for (const u of declared) {
    const userAccount = u.account ?? account;
    const name = u.name ?? u.accessKeyId;
    const arn = `${identity.userArnPrefix}:iam::${userAccount}:user/${name}`;
    users.set(u.accessKeyId, {
      accessKeyId: u.accessKeyId,
      secretAccessKey: u.secretAccessKey,
      signingKeys: new SecretSigningKeys(u.secretAccessKey),
      account: userAccount,
      name,
      displayName: u.displayName ?? name,
      arn,
      userId: `AIDA${stableId(keys, arn, UPPER_ALNUM, 17)}`,
      identifiers: [u.accessKeyId, name, arn],
    });
  }
  const roles = config.roles ? new Map(config.roles.map((r) => [r.arn, r] as const)) : null;
  const trustPolicies = new Map<string, TrustPolicy>();
  for (const [i, r] of (config.roles ?? []).entries())
    if (r.trustPolicy !== undefined) trustPolicies.set(r.arn, parseTrustPolicy(r.trustPolicy, `roles[${i}].trustPolicy`));
  return { account, users, roles, trustPolicies, primary: users.values().next().value!, ...(config.buckets ? { buckets: config.buckets } : {}) };
}
