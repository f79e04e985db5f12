// The mock STS's public types: options, the running server's handle, its config and request log.
import type { MockControl } from './control/mockControl.js';

export type Flavor = 'aws' | 'minio' | 'ceph' | 'ecs';

export interface MockUser {
  accessKeyId: string;
  secretAccessKey: string;
  /** 12 digits (aws), empty (ceph) or an ECS namespace; defaults to the config's account. */
  account?: string;
  /** IAM user name; defaults to the access key id. */
  name?: string;
  /** Shown by the ceph flavor's S3 ListBuckets answer. */
  displayName?: string;
}

export interface MockOidcTrust {
  /** `iss` of the tokens; `self` means the mock's own issuer (whatever its URL). */
  issuer: string;
  /** Accepted `aud` values; absent: any. */
  audiences?: string[];
  /** Accepted `sub` values, `*` as a wildcard; absent: any. */
  subjects?: string[];
}

export interface MockRole {
  arn: string;
  /** 3600..43200 (AWS default 3600). */
  maxSessionDuration?: number;
  trust: {
    /** Access key ids, user names, user ARNs, or role ARNs (for chaining) that may assume the role. */
    users?: string[];
    oidc?: MockOidcTrust[];
  };
  mfa?: { serialNumber: string; totpSecret: string };
}

export interface MockOidcProvider {
  issuer: string;
  jwksFile?: string;
  jwksUrl?: string;
}

export interface MockBucket {
  name: string;
  creationDate: string;
}

export interface MockConfig {
  flavor?: Flavor;
  account?: string;
  users?: MockUser[];
  /** Absent: any role ARN is allowed, trusted by every user and by the mock's own issuer. */
  roles?: MockRole[];
  oidcProviders?: MockOidcProvider[];
  /** The ceph flavor's S3 ListBuckets answer. */
  buckets?: MockBucket[];
}

export interface MockRequestLog {
  time: string;
  requestId: string;
  remote?: string;
  method: string;
  path: string;
  action?: string;
  accessKeyId?: string;
  status: number;
  /** The error code when the answer is an error. */
  code?: string;
  /** A short reason for an error, never a secret. */
  detail?: string;
  durationMs: number;
}

export interface MockStsOptions {
  host?: string;
  port?: number;
  flavor?: Flavor;
  config?: MockConfig | string;
  accessKeyId?: string;
  secretAccessKey?: string;
  /** Pins the SigV4 region; absent: any region. */
  region?: string;
  /** 32 or more characters; keys session tokens and the OIDC key pair. Random per start when absent. */
  signingKey?: string;
  /** The ecs flavor's X-SDS-AUTH-TOKEN (default `test`). */
  authToken?: string;
  onRequest?: (entry: MockRequestLog) => void;
  /** Stands in for real time (the mock's clock runs from it). */
  now?: () => Date;
  /** false: no control plane (`serve --no-control`): no journal, sessions, faults or clock, /_sts-cli/ answers 404. */
  control?: boolean;
  /** Bearer token the control plane asks for (`serve --control-token`); needed off loopback. */
  controlToken?: string;
}

/** The running mock: where it listens, its default keys, and its control plane (SPEC §10). */
export interface MockSts extends MockControl {
  url: string;
  accessKeyId: string;
  secretAccessKey: string;
  flavor: Flavor;
  /** A JWT signed by the mock's own issuer, by the mock's clock; `expiresIn` seconds (default 3600, may be negative). */
  mintWebIdentityToken(claims: { sub: string; aud?: string | string[]; expiresIn?: number; [k: string]: unknown }): Promise<string>;
  close(): Promise<void>;
}
