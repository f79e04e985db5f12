// What the client knows a server will refuse before asking it (SPEC §2, issue 8). Only two kinds
// of endpoint are known by their address alone: AWS's own (by host name) and Dell ECS (its
// dialect, --auth ecs-token). Both need a RoleArn and allow at most 43200 s. Any other endpoint of
// the aws dialect may be MinIO (RoleArn optional, sessions up to 7 days), Ceph, moto or the mock,
// so there the server decides. Pure.
import { InvalidParameterError } from '../errors.js';
import type { DialectName } from './dialects.js';
import { isAwsEndpoint } from './endpoint.js';
import { limits } from './limits.js';

/** How a message names a server whose kind is known. */
export type KnownServer = 'AWS STS' | 'Dell ECS';

/** The server at `endpoint` when its kind is known from the address and dialect alone, else undefined. */
export function knownServer(endpoint: string, dialect: DialectName): KnownServer | undefined {
  if (dialect === 'ecs') return 'Dell ECS';
  return isAwsEndpoint(endpoint) ? 'AWS STS' : undefined;
}

/** Refuses (exit 2, nothing sent) what `server` is known to refuse: a missing role ARN, a session longer than STS's maximum. */
export function checkForServer(params: { roleArn?: string; durationSeconds?: number }, server: KnownServer | undefined): void {
  if (!server) return;
  const { roleArn, durationSeconds } = limits;
  if (params.roleArn === undefined) {
    throw new InvalidParameterError(roleArn.member, `${server} needs ${roleArn.flag}: pass the ARN of the role to assume (only MinIO does without one).`);
  }
  const max = durationSeconds.max;
  if (params.durationSeconds !== undefined && params.durationSeconds > max) {
    throw new InvalidParameterError(
      durationSeconds.member,
      `${durationSeconds.flag} must be at most ${max} seconds (${max / 3600}h) for ${server}; got ${params.durationSeconds}.`,
    );
  }
}
