// Each flavor as data (STYLE principle 4), one block per concern, each block read by the module
// named on it. A new flavor fills one block per concern, mostly by changing a few fields of AWS's.
import { limits, SEVEN_DAYS, type StsLimits, withMax, withPattern } from '../sts/limits.js';
import type { StsAction } from './actions/types.js';
import type { MockErrorCode } from './errors.js';
import { BASE64, MIXED_ALNUM, UPPER_ALNUM } from './keys.js';
import { AWS_DEFAULT_ACCOUNT } from './roleArn.js';
import type { KeyShape } from './tokens.js';
import type { Flavor } from './types.js';
import { STS_NAMESPACE } from './xml.js';

/** Which requests are STS calls, and which of them the flavor answers (router.ts). */
export interface RouteSpec {
  /** Path the STS answers on; `null`: any path. */
  path: string | null;
  actions: ReadonlySet<StsAction>;
  /** Requests must carry Version=2011-06-15. */
  checkVersion: boolean;
  /** STS actions also answer a GET with a query string (AWS), not only a POST. */
  acceptsGet: boolean;
  /** A GET is S3 ListBuckets (Ceph), not STS. */
  getIsS3: boolean;
  /** MinIO routes AssumeRole only as a POST with a form body and an empty query string. */
  assumeRoleNeedsPostForm: boolean;
}

/** Where the parameters of a request are read from (params.ts). */
export interface FormSpec {
  from: 'query+form' | 'form' | 'query';
  /** Whether `+` in a form body means a space (Ceph keeps it as `+`). */
  plusIsSpace: boolean;
}

/** How a caller proves who it is (auth.ts). */
export interface AuthSpec {
  /** Authentication besides SigV4, by a lower-cased header: ECS's X-SDS-AUTH-TOKEN. */
  tokenHeader: string | null;
  /** The SigV4 service checked in the credential scope; null: any (Ceph). */
  signingService: string | null;
}

/** The accounts, ARNs, ids and keys the flavor knows and issues (directory.ts, roles.ts, issue.ts, tokens.ts). */
export interface IdentitySpec {
  /** The account of users and roles when the config names none. */
  defaultAccount: string;
  /** Scheme and partition of a user's ARN: `arn:aws` or `urn:ecs`. */
  userArnPrefix: string;
  /** What a role ARN must look like in this flavor; null: anything (MinIO ignores it). */
  roleArnPattern: RegExp | null;
  /** With no roles configured, a role ARN with a 12-digit (AWS-style) account names no role (Ceph keys roles by tenant). */
  awsAccountRolesMissing: boolean;
  /** Message of NoSuchRole for an unknown role: Ceph's "not found" or AWS's "not authorized". */
  unknownRoleMessage: 'not-found' | 'not-authorized';
  /** A role's unique id: `AROA…` (AWS) or a UUID (Ceph). */
  roleIdStyle: 'aroa' | 'uuid';
  /** The assumed-role ARN: AWS drops the role's path, Ceph keeps it, MinIO answers none. */
  assumedRoleArn: 'drop-path' | 'keep-path' | 'empty';
  accessKey: KeyShape;
  secretKey: KeyShape;
}

/** How a success looks (answer.ts, xml.ts, issue.ts, actions/). */
export interface AnswerSpec {
  contentType: string;
  /** The header carrying the request id, lower-cased as the server writes it. */
  requestIdHeader: string;
  requestIdStyle: 'uuid' | 'rgw' | 'ecs';
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
  /** AssumeRole's result repeats a given SourceIdentity (AWS). */
  echoesSourceIdentity: boolean;
}

/** A refusal's code and HTTP status as the flavor answers it. */
export interface FlavorError {
  code: string;
  status: number;
}

/** How a refusal looks (answer.ts, xml.ts). */
export interface ErrorSpec {
  /** AWS's `ErrorResponse`, or a bare S3 `<Error>` (Ceph: empty Message, HostId). */
  shape: 'ErrorResponse' | 'S3Error';
  contentType: string;
  /** The flavor's code and status for a mock error code; absent codes keep AWS's. */
  codes: Partial<Record<MockErrorCode, FlavorError>>;
  /** Ceph's S3 layer (a GET is ListBuckets) names refusals apart: these codes, anything else `otherwise`. */
  s3?: { codes: Partial<Record<MockErrorCode, FlavorError>>; otherwise: FlavorError };
}

/** What a request may ask (checks.ts, actions/, roles.ts). */
export interface LimitSpec {
  /** The shared table (src/sts/limits.ts) with this flavor's maxima and patterns. */
  rules: StsLimits;
  /** A configured role's maximum session when it names none. */
  roleDefaultMax: number;
  roleArnRequired: boolean;
  sessionNameRequired: boolean;
  /** AssumeRole with temporary credentials: AWS caps it, MinIO refuses it, Ceph allows it. */
  chained: 'cap' | 'refuse' | 'allow';
}

export interface FlavorSpec {
  name: Flavor;
  route: RouteSpec;
  form: FormSpec;
  auth: AuthSpec;
  identity: IdentitySpec;
  answer: AnswerSpec;
  errors: ErrorSpec;
  limits: LimitSpec;
}

// AWS's blocks; the other flavors change what differs.

const route: RouteSpec = {
  path: null,
  actions: new Set(['AssumeRole', 'AssumeRoleWithWebIdentity', 'GetCallerIdentity', 'GetSessionToken']),
  checkVersion: true,
  acceptsGet: true,
  getIsS3: false,
  assumeRoleNeedsPostForm: false,
};

const form: FormSpec = { from: 'query+form', plusIsSpace: true };

const auth: AuthSpec = { tokenHeader: null, signingService: 'sts' };

const identity: IdentitySpec = {
  defaultAccount: AWS_DEFAULT_ACCOUNT,
  userArnPrefix: 'arn:aws',
  roleArnPattern: /^arn:[\w-]+:iam::\d{12}:role\/[\w+=,.@/-]+$/,
  awsAccountRolesMissing: false,
  unknownRoleMessage: 'not-authorized',
  roleIdStyle: 'aroa',
  assumedRoleArn: 'drop-path',
  accessKey: { prefix: 'ASIA', length: 20, alphabet: UPPER_ALNUM },
  secretKey: { prefix: '', length: 40, alphabet: BASE64 },
};

const answer: AnswerSpec = {
  contentType: 'text/xml',
  requestIdHeader: 'x-amzn-requestid',
  requestIdStyle: 'uuid',
  declaration: null,
  namespace: STS_NAMESPACE,
  rootPrefix: null,
  responseMetadata: 'last',
  roleIdElement: 'AssumedRoleId',
  userFirst: true,
  emptyAssumedRoleUser: false,
  packedPolicySize: 'when-asked',
  expirationDigits: 0,
  echoesSourceIdentity: true,
};

const errors: ErrorSpec = {
  shape: 'ErrorResponse',
  contentType: 'text/xml',
  // AWS answers an unknown role as AccessDenied (403), like a role it may not assume.
  codes: { NoSuchRole: { code: 'AccessDenied', status: 403 } },
};

const limitSpec: LimitSpec = { rules: limits, roleDefaultMax: 3600, roleArnRequired: true, sessionNameRequired: true, chained: 'cap' };

const aws: FlavorSpec = { name: 'aws', route, form, auth, identity, answer, errors, limits: limitSpec };

const minio: FlavorSpec = {
  name: 'minio',
  route: { ...route, acceptsGet: false, assumeRoleNeedsPostForm: true },
  form,
  auth,
  identity: { ...identity, roleArnPattern: null, assumedRoleArn: 'empty' },
  answer: {
    ...answer,
    declaration: '<?xml version="1.0" encoding="UTF-8"?>\n',
    roleIdElement: 'AssumeRoleId',
    emptyAssumedRoleUser: true,
    echoesSourceIdentity: false,
  },
  // MinIO refuses a parameter outside its constraint as InvalidParameterValue.
  errors: { ...errors, codes: { ...errors.codes, ValidationError: { code: 'InvalidParameterValue', status: 400 } } },
  limits: {
    rules: { ...limits, durationSeconds: withMax(limits.durationSeconds, SEVEN_DAYS) },
    roleDefaultMax: SEVEN_DAYS,
    roleArnRequired: false,
    sessionNameRequired: false,
    chained: 'refuse',
  },
};

const ceph: FlavorSpec = {
  name: 'ceph',
  route: { ...route, actions: new Set(['AssumeRole', 'AssumeRoleWithWebIdentity', 'GetSessionToken']), checkVersion: false, acceptsGet: false, getIsS3: true },
  form: { from: 'form', plusIsSpace: false },
  auth: { ...auth, signingService: null },
  identity: {
    ...identity,
    defaultAccount: '',
    roleArnPattern: /^arn:[\w-]+:iam::[^:]*:role\/.+$/,
    awsAccountRolesMissing: true,
    unknownRoleMessage: 'not-found',
    roleIdStyle: 'uuid',
    assumedRoleArn: 'keep-path',
    accessKey: { prefix: '', length: 19, alphabet: MIXED_ALNUM },
    secretKey: { prefix: '', length: 39, alphabet: UPPER_ALNUM },
  },
  answer: {
    ...answer,
    contentType: 'application/xml',
    requestIdHeader: 'x-amz-request-id',
    requestIdStyle: 'rgw',
    namespace: null,
    responseMetadata: 'none',
    roleIdElement: 'AssumeRoleId',
    userFirst: false,
    packedPolicySize: 'zero',
    expirationDigits: 9,
    echoesSourceIdentity: false,
  },
  errors: {
    shape: 'S3Error',
    contentType: 'application/xml',
    codes: {
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
    s3: {
      codes: {
        SignatureDoesNotMatch: { code: 'SignatureDoesNotMatch', status: 403 },
        RequestExpired: { code: 'RequestTimeTooSkewed', status: 403 },
        // The mock's own failure, not a refusal: a 500 in every layer.
        InternalFailure: { code: 'InternalFailure', status: 500 },
      },
      otherwise: { code: 'AccessDenied', status: 403 },
    },
  },
  limits: {
    ...limitSpec,
    rules: {
      ...limits,
      // radosgw's session names take no `+`; its GetSessionToken lasts 3600 s unless asked, at most 43200.
      roleSessionName: withPattern(limits.roleSessionName, '[\\w=,.@-]*'),
      webIdentityToken: withMax(limits.webIdentityToken, 2048),
      sessionTokenDuration: { ...withMax(limits.sessionTokenDuration, 43200), default: 3600 },
    },
    chained: 'allow',
  },
};

const ecs: FlavorSpec = {
  name: 'ecs',
  route: { ...route, path: '/sts', acceptsGet: false, checkVersion: false },
  // ECS documents its actions with query parameters; an unsigned AssumeRoleWithWebIdentity
  // arrives as a form POST like everywhere else, so both are read.
  form,
  auth: { ...auth, tokenHeader: 'x-sds-auth-token' },
  identity: { ...identity, defaultAccount: 's3', userArnPrefix: 'urn:ecs', roleArnPattern: /^urn:ecs:iam::[^:]*:role\/.+$/ },
  answer: {
    ...answer,
    contentType: 'application/xml',
    requestIdStyle: 'ecs',
    declaration: '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n',
    namespace: 'none',
    rootPrefix: 'ns2',
    responseMetadata: 'first',
    packedPolicySize: 'always',
    echoesSourceIdentity: false,
  },
  errors,
  limits: limitSpec,
};

export const flavors: Readonly<Record<Flavor, FlavorSpec>> = { aws, minio, ceph, ecs };
