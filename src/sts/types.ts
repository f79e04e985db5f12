// Values that flow between the CLI, the STS client, the credentials store and the mock.

/** Keys that sign a request: long-term (no session token) or temporary. */
export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  /** When temporary credentials stop working. */
  expiration?: Date;
}

/** Temporary credentials as STS issues them. */
export interface TemporaryCredentials extends AwsCredentials {
  sessionToken: string;
  expiration: Date;
}

export interface Tag {
  key: string;
  value: string;
}

/** Parameters of AssumeRole (SPEC §2), in STS's own terms. */
export interface AssumeRoleParams {
  roleArn?: string;
  roleSessionName: string;
  durationSeconds?: number;
  policy?: string;
  policyArns?: string[];
  externalId?: string;
  serialNumber?: string;
  tokenCode?: string;
  tags?: Tag[];
  transitiveTagKeys?: string[];
  sourceIdentity?: string;
}

/** Parameters of AssumeRoleWithWebIdentity. */
export interface AssumeRoleWithWebIdentityParams {
  roleArn?: string;
  roleSessionName: string;
  webIdentityToken: string;
  providerId?: string;
  durationSeconds?: number;
  policy?: string;
  policyArns?: string[];
}

/** What a successful AssumeRole / AssumeRoleWithWebIdentity / GetSessionToken returns. */
export interface StsCredentialsResult {
  credentials: TemporaryCredentials;
  /** Expiration exactly as the server wrote it (any number of fractional digits). */
  expirationText: string;
  assumedRoleUser?: { arn: string; assumedRoleId: string };
  packedPolicySize?: number;
  sourceIdentity?: string;
  subjectFromWebIdentityToken?: string;
  audience?: string;
  provider?: string;
  requestId?: string;
}

/** What GetCallerIdentity returns. */
export interface CallerIdentity {
  account: string;
  arn: string;
  userId: string;
  requestId?: string;
}
