// Mints temporary credentials (random key id, derived secret, sealed token) and writes the XML
// blocks every credentials-returning action shares, in the flavor's shape.
import { randomInt } from 'node:crypto';
import { stableId, UPPER_ALNUM } from './keys.js';
import { assumedRoleArn } from './roleArn.js';
import { randomKey, sealToken, type SessionClaims } from './tokens.js';
import type { MockContext } from './context.js';
import type { AnswerSpec } from './flavors.js';
import { SafeText, type XmlNode } from './xml.js';

export interface IssuedCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  expiration: Date;
}

/** What the session list shows of new credentials beyond their claims (SPEC §10). */
export interface SessionShown {
  sessionName?: string | undefined;
  sourceIdentity?: string | undefined;
  tags?: Readonly<Record<string, string>> | undefined;
  /** How large the request was (body and query): the registry copies the strings of a large one. */
  sourceBytes: number;
}

const ISSUING_ACTION = { role: 'AssumeRole', web: 'AssumeRoleWithWebIdentity', session: 'GetSessionToken' } as const;

// issueCredentials copies the claims field by field: a field added to SessionClaims and not to the
// copy fails to compile here instead of silently missing from every token.
type Copied = 'akid' | 'iat' | 'exp' | 'kind' | 'account' | 'arn' | 'userId' | 'src' | 'owner' | 'role' | 'mfa';
type NothingLeft<T extends never> = T;
export type SessionClaimsAllCopied = NothingLeft<Exclude<keyof SessionClaims, Copied>>;

/** What an action seals into a token; issueCredentials adds the key id and the times. */
export type IssuedClaims = Omit<SessionClaims, 'akid' | 'iat' | 'exp'>;

/** New temporary credentials, expiring by the mock's clock, remembered in its session list. */
export function issueCredentials(ctx: MockContext, durationSeconds: number, shown: SessionShown, claims: IssuedClaims): IssuedCredentials {
  const now = ctx.now();
  const accessKeyId = randomKey(ctx.spec.identity.accessKey);
  const iat = Math.floor(now.getTime() / 1000);
  const expiration = new Date((iat + durationSeconds) * 1000);
  // Field by field: in V8, a spread followed by new properties takes a slow path (6 µs here, more
  // than sealing the token).
  const sealed: SessionClaims = {
    akid: accessKeyId,
    iat,
    exp: iat + durationSeconds,
    kind: claims.kind,
    account: claims.account,
    arn: claims.arn,
    userId: claims.userId,
    src: claims.src,
    owner: claims.owner,
  };
  if (claims.role !== undefined) sealed.role = claims.role;
  if (claims.mfa !== undefined) sealed.mfa = claims.mfa;
  const { sessionToken, secretAccessKey } = sealToken(ctx.keys, sealed, ctx.spec.identity.secretKey);
  if (ctx.control.enabled) {
    ctx.control.sessions.add(
      {
        accessKeyId,
        arn: claims.arn,
        roleArn: claims.role,
        sessionName: shown.sessionName,
        sourceIdentity: shown.sourceIdentity,
        tags: shown.tags,
        expiration,
        action: ISSUING_ACTION[claims.kind],
      },
      shown.sourceBytes,
    );
  }
  return { accessKeyId, secretAccessKey, sessionToken, expiration };
}

// The last expiration formatted: under load, thousands of sessions end in the same second.
let lastSecond = Number.NaN;
let lastText = '';

/** `2026-11-23T09:15:38Z`, or with nanoseconds for Ceph (`…38.878978824Z`). */
export function formatExpiration(answer: AnswerSpec, expiration: Date): string {
  const second = Math.floor(expiration.getTime() / 1000);
  if (second !== lastSecond) {
    lastSecond = second;
    lastText = expiration.toISOString().slice(0, 19);
  }
  const seconds = lastText;
  if (answer.expirationDigits === 0) return `${seconds}Z`;
  return `${seconds}.${String(randomInt(1_000_000_000)).padStart(9, '0')}Z`;
}

export function credentialsNode(answer: AnswerSpec, c: IssuedCredentials): XmlNode {
  // All made here (key alphabets, digits and base64: the test of xml.ts checks the alphabets), so
  // written as one piece of markup: the largest block of every answer costs one piece to join.
  const markup =
    `<AccessKeyId>${c.accessKeyId}</AccessKeyId><Expiration>${formatExpiration(answer, c.expiration)}</Expiration>` +
    `<SecretAccessKey>${c.secretAccessKey}</SecretAccessKey><SessionToken>${c.sessionToken}</SessionToken>`;
  return ['Credentials', new SafeText(markup)];
}

const HEX = '0123456789abcdef';

/** The role's unique id: `AROA…` (AWS) or a UUID (Ceph), stable for an ARN on every worker. */
export function roleId(ctx: MockContext, roleArn: string): string {
  if (ctx.spec.identity.roleIdStyle === 'uuid') {
    const h = stableId(ctx.keys, roleArn, HEX, 32);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  }
  return `AROA${stableId(ctx.keys, roleArn, UPPER_ALNUM, 17)}`;
}

export interface AssumedRoleUser {
  arn: string;
  assumedRoleId: string;
}

export function assumedRoleUser(ctx: MockContext, roleArn: string, session: string): AssumedRoleUser {
  return { arn: assumedRoleArn(roleArn, session, ctx.spec.identity.assumedRoleArn), assumedRoleId: `${roleId(ctx, roleArn)}:${session}` };
}

export function assumedRoleUserNode(answer: AnswerSpec, user: AssumedRoleUser): XmlNode {
  const empty = answer.emptyAssumedRoleUser;
  return [
    'AssumedRoleUser',
    [
      ['Arn', empty ? '' : user.arn],
      [answer.roleIdElement, empty ? '' : user.assumedRoleId],
    ],
  ];
}

/** Credentials and AssumedRoleUser in the flavor's order, then PackedPolicySize when the flavor sends it. */
export function roleResultNodes(s: AnswerSpec, creds: IssuedCredentials, user: AssumedRoleUser, packed: { packedPercent: number; asked: boolean }): XmlNode[] {
  const blocks = s.userFirst ? [assumedRoleUserNode(s, user), credentialsNode(s, creds)] : [credentialsNode(s, creds), assumedRoleUserNode(s, user)];
  const size = s.packedPolicySize === 'zero' ? '0' : s.packedPolicySize === 'always' || packed.asked ? String(packed.packedPercent) : null;
  return size === null ? blocks : [...blocks, ['PackedPolicySize', size]];
}
