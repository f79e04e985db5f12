// Each flavor as data (STYLE principle 4): where it listens, how it authenticates, how its
// answers and errors look, and its limits. Algorithms read this table instead of branching.
import { BoundedCache } from '../boundedCache.js';
import { limits, SEVEN_DAYS, type StsLimits, withMax, withPattern } from '../sts/limits.js';
import type { MockErrorCode } from './errors.js';
import type { Flavor } from './types.js';

export type StsAction = 'AssumeRole' | 'AssumeRoleWithWebIdentity' | 'GetCallerIdentity' | 'GetSessionToken';

export interface KeyShape {
  prefix: string;
  length: number;
  alphabet: string;
}

export interface FlavorSpec {
  name: Flavor;
  /** Path the STS answers on; `null`: any path. */
  path: string | null;
  /** Where the parameters come from. */
  params: 'query+form' | 'form' | 'query';
  /** Whether `+` in a form body means a space (Ceph keeps it as `+`). */
  plusIsSpace: boolean;
  /** Authentication besides SigV4: ECS's X-SDS-AUTH-TOKEN header. */
  tokenHeader: string | null;
  checkVersion: boolean;
  actions: ReadonlySet<StsAction>;
  /** A GET is S3 ListBuckets (Ceph), not STS. */
  getIsS3: boolean;
  /** STS actions also answer a GET with a query string (AWS), not only a POST. */
  acceptsGet: boolean;
  /** The SigV4 service checked in the credential scope; null: none (Ceph). */
  signingService: string | null;
  /** AssumeRole's result repeats a given SourceIdentity (AWS). */
  echoesSourceIdentity: boolean;
  /** A role's unique id: `AROA…` (AWS) or a UUID (Ceph). */
  roleIdStyle: 'aroa' | 'uuid';
  /** With no roles configured, a role ARN with a 12-digit (AWS-style) account names no role (Ceph keys roles by tenant). */
  awsAccountRolesMissing: boolean;
  /** Message of NoSuchRole for an unknown role: Ceph's "not found" or AWS's "not authorized". */
  unknownRoleMessage: 'not-found' | 'not-authorized';
  /** Scheme and partition of a user's ARN: `arn:aws` or `urn:ecs`. */
  userArnPrefix: string;
  /** MinIO routes AssumeRole only as a POST with a form body and an empty query string. */
  assumeRoleNeedsPostForm: boolean;
  success: {
    declaration: string | null;
    /** `xmlns` value, or null for none. */
    namespace: string | null;
    /** Element prefix for the root (`ns2` for ECS). */
    rootPrefix: string | null;
    responseMetadata: 'first' | 'last' | 'none';
    roleIdElement: 'AssumedRoleId' | 'AssumeRoleId';
    /** Order of the two blocks of an AssumeRole* result. */
    userFirst: boolean;
    /** MinIO leaves Arn and the role id empty. */
    emptyAssumedRoleUser: boolean;
    packedPolicySize: 'when-asked' | 'zero' | 'always';
    /** Fraction digits of Expiration: 0 (AWS), 9 (Ceph's nanoseconds). */
    expirationDigits: 0 | 9;
  };
  contentType: string;
  requestIdHeader: string;
  requestIdStyle: 'uuid' | 'rgw' | 'ecs';
  errorShape: 'ErrorResponse' | 'S3Error';
  /** Flavor's name and status for a mock error code; absent codes keep AWS's. */
  errors: Partial<Record<MockErrorCode, { code: string; status: number }>>;
  limits: {
    /** The shared table (src/sts/limits.ts) with this flavor's maxima and patterns. */
    rules: StsLimits;
    /** A configured role's maximum when it names none. */
    roleDefaultMax: number;
    roleArnRequired: boolean;
    sessionNameRequired: boolean;
    /** AssumeRole with temporary credentials: AWS caps it, MinIO refuses it, Ceph allows it. */
    chained: 'cap' | 'refuse' | 'allow';
  };
  accessKey: KeyShape;
  secretKey: KeyShape;
  /** Session token text: standard base64 for every flavor (AWS's and Ceph's have `+`, `/`, `=`). */
  defaultAccount: string;
  /** The assumed-role ARN for a role ARN and session name. */
  assumedRoleArn(roleArn: string, session: string): string;
  /** What a role ARN must look like in this flavor; null: anything (MinIO ignores it). */
  roleArnPattern: RegExp | null;
}

const ALL_ACTIONS: ReadonlySet<StsAction> = new Set(['AssumeRole', 'AssumeRoleWithWebIdentity', 'GetCallerIdentity', 'GetSessionToken']);
export const UPPER_ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const MIXED_ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const BASE64 = `${MIXED_ALNUM}+/`;
export const AWS_NS = 'https://sts.amazonaws.com/doc/2011-06-15/';

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

const base = {
  path: null,
  params: 'query+form',
  plusIsSpace: true,
  tokenHeader: null,
  checkVersion: true,
  actions: ALL_ACTIONS,
  getIsS3: false,
  acceptsGet: false,
  signingService: 'sts',
  echoesSourceIdentity: false,
  roleIdStyle: 'aroa',
  awsAccountRolesMissing: false,
  unknownRoleMessage: 'not-authorized',
  userArnPrefix: 'arn:aws',
  assumeRoleNeedsPostForm: false,
  contentType: 'text/xml',
  requestIdHeader: 'x-amzn-RequestId',
  requestIdStyle: 'uuid',
  errorShape: 'ErrorResponse',
  // AWS answers an unknown role as AccessDenied (403), like a role it may not assume.
  errors: { NoSuchRole: { code: 'AccessDenied', status: 403 } },
  accessKey: { prefix: 'ASIA', length: 20, alphabet: UPPER_ALNUM },
  secretKey: { prefix: '', length: 40, alphabet: BASE64 },
  defaultAccount: '123456789012',
  roleArnPattern: /^arn:[\w-]+:iam::\d{12}:role\/[\w+=,.@/-]+$/,
} as const satisfies Partial<FlavorSpec>;

const awsSuccess: FlavorSpec['success'] = {
  declaration: null,
  namespace: AWS_NS,
  rootPrefix: null,
  responseMetadata: 'last',
  roleIdElement: 'AssumedRoleId',
  userFirst: true,
  emptyAssumedRoleUser: false,
  packedPolicySize: 'when-asked',
  expirationDigits: 0,
};

const awsLimits: FlavorSpec['limits'] = {
  rules: limits,
  roleDefaultMax: 3600,
  roleArnRequired: true,
  sessionNameRequired: true,
  chained: 'cap',
};

// AWS drops the role's path from the assumed-role ARN; Ceph keeps it.
function stsArn(roleArn: string, session: string, keepPath: boolean, service = 'sts'): string {
  const p = splitRoleArn(roleArn);
  if (!p) return `arn:aws:${service}::${base.defaultAccount}:assumed-role/${roleArn.split('/').pop() ?? 'role'}/${session}`;
  const name = keepPath ? `${p.path.slice(1)}${p.name}` : p.name;
  return `${p.scheme}:${p.partition}:${service}::${p.account}:assumed-role/${name}/${session}`;
}

export const flavors: Readonly<Record<Flavor, FlavorSpec>> = {
  aws: {
    ...base,
    name: 'aws',
    acceptsGet: true,
    echoesSourceIdentity: true,
    success: awsSuccess,
    limits: awsLimits,
    assumedRoleArn: (arn, s) => stsArn(arn, s, false),
  },
  minio: {
    ...base,
    name: 'minio',
    assumeRoleNeedsPostForm: true,
    success: { ...awsSuccess, roleIdElement: 'AssumeRoleId', emptyAssumedRoleUser: true, declaration: '<?xml version="1.0" encoding="UTF-8"?>\n' },
    // MinIO refuses a parameter outside its constraint as InvalidParameterValue.
    errors: { ...base.errors, ValidationError: { code: 'InvalidParameterValue', status: 400 } },
    limits: {
      rules: { ...limits, durationSeconds: withMax(limits.durationSeconds, SEVEN_DAYS) },
      roleDefaultMax: SEVEN_DAYS,
      roleArnRequired: false,
      sessionNameRequired: false,
      chained: 'refuse',
    },
    roleArnPattern: null,
    assumedRoleArn: () => '',
  },
  ceph: {
    ...base,
    name: 'ceph',
    params: 'form',
    plusIsSpace: false,
    checkVersion: false,
    actions: new Set(['AssumeRole', 'AssumeRoleWithWebIdentity', 'GetSessionToken']),
    getIsS3: true,
    signingService: null,
    roleIdStyle: 'uuid',
    awsAccountRolesMissing: true,
    unknownRoleMessage: 'not-found',
    success: {
      ...awsSuccess,
      namespace: null,
      responseMetadata: 'none',
      roleIdElement: 'AssumeRoleId',
      userFirst: false,
      packedPolicySize: 'zero',
      expirationDigits: 9,
    },
    contentType: 'application/xml',
    requestIdHeader: 'x-amz-request-id',
    requestIdStyle: 'rgw',
    errorShape: 'S3Error',
    errors: {
      ValidationError: { code: 'InvalidArgument', status: 400 },
      MissingParameter: { code: 'InvalidArgument', status: 400 },
      InvalidParameterValue: { code: 'InvalidArgument', status: 400 },
      MalformedQueryString: { code: 'InvalidArgument', status: 400 },
      PackedPolicyTooLarge: { code: 'InvalidArgument', status: 400 },
      InvalidAction: { code: 'MethodNotAllowed', status: 405 },
      NoSuchRole: { code: 'NoSuchEntity', status: 404 },
      RequestExpired: { code: 'RequestTimeTooSkewed', status: 403 },
      SignatureDoesNotMatch: { code: 'AccessDenied', status: 403 },
      IncompleteSignature: { code: 'AccessDenied', status: 403 },
      InvalidClientTokenId: { code: 'AccessDenied', status: 403 },
      MissingAuthenticationToken: { code: 'AccessDenied', status: 403 },
      ExpiredToken: { code: 'AccessDenied', status: 403 },
      InvalidIdentityToken: { code: 'AccessDenied', status: 403 },
      ExpiredTokenException: { code: 'AccessDenied', status: 403 },
      IDPRejectedClaim: { code: 'AccessDenied', status: 403 },
      NotFound: { code: 'NoSuchKey', status: 404 },
    },
    limits: {
      ...awsLimits,
      rules: {
        ...limits,
        // radosgw's session names take no `+`; its GetSessionToken lasts 3600 s unless asked, at most 43200.
        roleSessionName: withPattern(limits.roleSessionName, '[\\w=,.@-]*'),
        webIdentityToken: withMax(limits.webIdentityToken, 2048),
        sessionTokenDuration: { ...withMax(limits.sessionTokenDuration, 43200), default: 3600 },
      },
      chained: 'allow',
    },
    accessKey: { prefix: '', length: 19, alphabet: MIXED_ALNUM },
    secretKey: { prefix: '', length: 39, alphabet: UPPER_ALNUM },
    defaultAccount: '',
    roleArnPattern: /^arn:[\w-]+:iam::[^:]*:role\/.+$/,
    assumedRoleArn: (arn, s) => stsArn(arn, s, true),
  },
  ecs: {
    ...base,
    name: 'ecs',
    path: '/sts',
    // ECS documents its actions with query parameters; an unsigned AssumeRoleWithWebIdentity
    // arrives as a form POST like everywhere else, so both are read.
    params: 'query+form',
    tokenHeader: 'x-sds-auth-token',
    checkVersion: false,
    userArnPrefix: 'urn:ecs',
    success: {
      ...awsSuccess,
      declaration: '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n',
      namespace: 'none',
      rootPrefix: 'ns2',
      responseMetadata: 'first',
      packedPolicySize: 'always',
    },
    limits: awsLimits,
    contentType: 'application/xml',
    requestIdStyle: 'ecs',
    defaultAccount: 's3',
    roleArnPattern: /^urn:ecs:iam::[^:]*:role\/.+$/,
    assumedRoleArn: (arn, s) => stsArn(arn, s, false),
  },
};

/** The flavor's code and status for a mock error. */
export function errorFor(spec: FlavorSpec, code: MockErrorCode, awsStatus: number): { code: string; status: number } {
  return spec.errors[code] ?? { code, status: awsStatus };
}
