// Values between `sts-cli exec --server`, the renewal schedule and the container-credentials endpoint.
import type { TemporaryCredentials } from '../sts/types.js';

/** What the endpoint hands out: an assumed session, plus what the container JSON may carry besides. */
export interface ServedCredentials extends TemporaryCredentials {
  /** Answered as `RoleArn`, as the ECS agent does; every SDK ignores it. */
  roleArn?: string;
  /** Answered as `AccountId`; botocore and the Go SDK read it (account-based endpoints), the JS SDK ignores it. */
  accountId?: string;
  /** When the session began, if known (a cached one): its renewal is then planned over its whole lifetime. */
  issuedAt?: Date;
}

export interface ProvideRequest {
  /**
   * False for the first credentials (a cached session will do). True for a renewal: the session the
   * endpoint holds is the one being replaced, so the source must assume again rather than answer it.
   */
  refresh: boolean;
}

/** Assumes the role (through the cache); may throw any StsCliError. */
export type Provide = (request: ProvideRequest) => Promise<ServedCredentials>;

/** Runs `run` at (or after) `at`; returns a function that cancels it. */
export type Schedule = (at: Date, run: () => void) => () => void;

/** What happened, for `--debug` and for a warning on stderr. Never carries a secret. */
export type EndpointEvent =
  | { kind: 'renewed'; expiration: Date; renewAt: Date }
  | { kind: 'renewal-failed'; message: string; retryAt: Date; error: unknown }
  | { kind: 'unavailable'; message: string };

export interface RenewalStats {
  /** Calls of `provide`, the first one included: what the STS saw. */
  provided: number;
  /** Renewals that brought fresher credentials. */
  renewals: number;
  failedRenewals: number;
}
