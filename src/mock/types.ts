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
  /** The short form of who may assume the role; a role has this or `trustPolicy`, not both. */
  trust?: {
    /** Access key ids, user names, user ARNs, or role ARNs (for chaining) that may assume the role. */
    users?: string[];
    oidc?: MockOidcTrust[];
  };
  /**
   * The role's IAM trust policy document (an object or its JSON text), evaluated as IAM does;
   * checked when the config loads. With it, `mfa` is the device whose codes AssumeRole checks.
   */
  trustPolicy?: string | Record<string, unknown>;
  mfa?: { serialNumber: string; totpSecret: string };
}

/** `GET /oidc/github`: the claims' defaults (query parameters of the same names override them). */
export interface MockGithub {
  /** When set, the request's `Authorization: Bearer` value must be this. */
  requestToken?: string;
  /** Default `aud` when the query has no `audience` (else sts.amazonaws.com). */
  audience?: string;
  sub?: string;
  repository?: string;
  repository_owner?: string;
  repository_id?: string;
  repository_owner_id?: string;
  repository_visibility?: string;
  ref?: string;
  ref_type?: string;
  ref_protected?: string;
  sha?: string;
  workflow?: string;
  workflow_ref?: string;
  workflow_sha?: string;
  job_workflow_ref?: string;
  job_workflow_sha?: string;
  actor?: string;
  actor_id?: string;
  event_name?: string;
  environment?: string;
  head_ref?: string;
  base_ref?: string;
  run_id?: string;
  run_number?: string;
  run_attempt?: string;
  runner_environment?: string;
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
  /** The `iss` of the tokens the mock mints, and its discovery document's base (else its own URL). */
  issuer?: string;
  /** What the mock's issuer signs with: RS256 (default) or EdDSA. */
  oidcAlgorithm?: 'RS256' | 'EdDSA';
  github?: MockGithub;
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

/** A certificate of your own for `startMockSts({ tls })`: PEM texts (not paths). */
export interface MockTlsCertificate {
  /** The server certificate, then any intermediate certificates. */
  cert: string;
  /** Its private key (PKCS#8, PKCS#1 or SEC1; not encrypted). */
  key: string;
  /** The CA certificate clients should trust, handed back as `caCertificate`. */
  ca?: string;
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
  /** The issuer URL of the tokens the mock mints (overrides the config's `issuer`; else the mock's URL). */
  issuer?: string;
  /** Put the reason of a trust refusal into the answer's Message too (`serve --explain`). */
  explain?: boolean;
  /**
   * Serve https: `true` makes a CA and a server certificate at start (for 127.0.0.1, ::1,
   * localhost and `host`), whose CA is `caCertificate`; or serve your own certificate.
   */
  tls?: boolean | MockTlsCertificate;
}

/** The running mock: where it listens, its default keys, and its control plane (SPEC §10). */
export interface MockSts extends MockControl {
  url: string;
  accessKeyId: string;
  secretAccessKey: string;
  flavor: Flavor;
  /** The `iss` of the tokens it mints: `issuer` if given, else `url`. */
  issuer: string;
  /** With `tls`: the PEM of the CA that signed the server certificate, for clients to trust (`--ca-bundle`, `AWS_CA_BUNDLE`, `ca`). */
  caCertificate?: string;
  /** A JWT signed by the mock's own issuer, by the mock's clock; `expiresIn` seconds (default 3600, may be negative). */
  mintWebIdentityToken(claims: { sub: string; aud?: string | string[]; expiresIn?: number; [k: string]: unknown }): Promise<string>;
  close(): Promise<void>;
}
