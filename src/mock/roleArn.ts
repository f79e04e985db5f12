// Role ARNs taken apart, and the assumed-role ARN made from one in the flavor's style.
import { BoundedCache } from '../boundedCache.js';
import type { IdentitySpec } from './flavors.js';

/** The aws flavor's account, and the one an assumed-role ARN falls back to when its role ARN does not split. */
export const AWS_DEFAULT_ACCOUNT = '123456789012';

export interface RoleArnParts {
  readonly scheme: string;
  readonly partition: string;
  readonly account: string;
  readonly path: string;
  readonly name: string;
}

// Each AssumeRole splits its role ARN twice or more; the same few ARNs come back again and again.
const splitArns = new BoundedCache<string, RoleArnParts | null>(1024);

/** `arn:aws:iam::123:role/path/name` → parts, or null. */
export function splitRoleArn(arn: string): RoleArnParts | null {
  const known = splitArns.get(arn);
  if (known !== undefined) return known;
  const m = /^(arn|urn):([^:]*):iam::([^:]*):role(\/.*\/|\/)([^/]+)$/.exec(arn);
  const parts = m ? Object.freeze({ scheme: m[1]!, partition: m[2]!, account: m[3]!, path: m[4]!, name: m[5]! }) : null;
  if (arn.length <= 2048) splitArns.set(arn, parts);
  return parts;
}

/** The assumed-role ARN for a role ARN and session name: AWS drops the role's path, Ceph keeps it, MinIO has none. */
export function assumedRoleArn(roleArn: string, session: string, style: IdentitySpec['assumedRoleArn']): string {
  if (style === 'empty') return '';
  const p = splitRoleArn(roleArn);
  if (!p) return `arn:aws:sts::${AWS_DEFAULT_ACCOUNT}:assumed-role/${roleArn.split('/').pop() ?? 'role'}/${session}`;
  const name = style === 'keep-path' ? `${p.path.slice(1)}${p.name}` : p.name;
  return `${p.scheme}:${p.partition}:sts::${p.account}:assumed-role/${name}/${session}`;
}
