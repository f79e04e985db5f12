// The shapes of IAM trust-policy evaluation: a validated policy (parse.ts), the request it is
// asked about (context.ts builds one), and the decision with its reason (evaluate.ts).

/** `2008-10-17` keeps `${…}` literal; null: no Version element (IAM then reads it as 2008-10-17). */
export type PolicyVersion = '2012-10-17' | '2008-10-17' | null;

export type BaseOperator =
  | 'StringEquals'
  | 'StringNotEquals'
  | 'StringEqualsIgnoreCase'
  | 'StringNotEqualsIgnoreCase'
  | 'StringLike'
  | 'StringNotLike'
  | 'NumericEquals'
  | 'NumericNotEquals'
  | 'NumericLessThan'
  | 'NumericLessThanEquals'
  | 'NumericGreaterThan'
  | 'NumericGreaterThanEquals'
  | 'DateEquals'
  | 'DateNotEquals'
  | 'DateLessThan'
  | 'DateLessThanEquals'
  | 'DateGreaterThan'
  | 'DateGreaterThanEquals'
  | 'Bool'
  | 'BinaryEquals'
  | 'IpAddress'
  | 'NotIpAddress'
  | 'ArnEquals'
  | 'ArnLike'
  | 'ArnNotEquals'
  | 'ArnNotLike'
  | 'Null';

export type SetOperator = 'ForAnyValue' | 'ForAllValues';

/** One key of one operator: `"StringLike": {"KEY": [values]}`. */
export interface TrustCondition {
  /** The operator as IAM spells it, e.g. `ForAllValues:StringEqualsIfExists`. */
  operator: string;
  base: BaseOperator;
  set: SetOperator | null;
  ifExists: boolean;
  /** The key as written; looked up case-insensitively. */
  key: string;
  /** Policy values as strings (numbers and booleans converted); IAM accepts an empty list. */
  values: readonly string[];
}

/** An `AWS` entry: a whole account (`123456789012`, `arn:…:root`), `*`, or one user/role/session ARN. */
export type AwsPrincipalEntry = { kind: 'any' } | { kind: 'account'; account: string } | { kind: 'arn'; arn: string };

export interface PrincipalSet {
  /** `"Principal": "*"`: everyone, federated identities included. */
  everyone: boolean;
  aws: readonly AwsPrincipalEntry[];
  federated: readonly string[];
  service: readonly string[];
  /** The element as written, one `TYPE value` per entry, for explanations. */
  written: readonly string[];
}

export interface TrustStatement {
  /** Position in the Statement list (0 when Statement is a single object). */
  index: number;
  sid?: string;
  effect: 'Allow' | 'Deny';
  principal: { element: 'Principal' | 'NotPrincipal'; set: PrincipalSet };
  action: { element: 'Action' | 'NotAction'; patterns: readonly string[] };
  conditions: readonly TrustCondition[];
}

export interface TrustPolicy {
  version: PolicyVersion;
  statements: readonly TrustStatement[];
}

/** Who asks: a signed AWS caller, a web identity token's issuer, or an AWS service. */
export type TrustPrincipal =
  | {
      kind: 'aws';
      /** The signer: `arn:aws:iam::A:user/N`, `arn:aws:iam::A:root` or `arn:aws:sts::A:assumed-role/R/S`. */
      arn: string;
      account: string;
      /** For a role session: the role's IAM ARN with its path (derived from `arn` when absent). */
      roleArn?: string;
    }
  | {
      kind: 'federated';
      /** The token's `iss`, e.g. `https://token.actions.githubusercontent.com`. */
      issuer: string;
      /** The role's account: an `oidc-provider` ARN of another account does not match. Absent: any. */
      account?: string;
    }
  | { kind: 'service'; service: string };

/** Condition keys → values: a string is single-valued, an array multivalued (even of one). */
export type TrustContext = Readonly<Record<string, string | readonly string[]>>;

export interface TrustRequest {
  /** `sts:AssumeRole` or `sts:AssumeRoleWithWebIdentity`. */
  action: string;
  /** Further actions the call needs allowed too: `sts:TagSession` (tags sent), `sts:SetSourceIdentity`. */
  impliedActions?: readonly string[];
  principal: TrustPrincipal;
  context: TrustContext;
}

export interface StatementRef {
  index: number;
  sid?: string;
}

/** One operator × key as evaluated. */
export interface ConditionCheck {
  operator: string;
  key: string;
  /** The policy's values, as written. */
  expected: readonly string[];
  /** The request's value as the context holds it (a list for a multivalued key); null when absent. */
  seen: string | readonly string[] | null;
  matched: boolean;
  /** Why it failed when that is not a plain mismatch (multivalued key without a set operator, …). */
  note?: string;
}

export type ElementMismatch =
  | { element: 'Principal' | 'NotPrincipal'; expected: readonly string[]; seen: readonly string[] }
  | { element: 'Action' | 'NotAction'; expected: readonly string[]; seen: string }
  | { element: 'Condition'; condition: ConditionCheck };

export type TrustRefusal =
  | { kind: 'explicitDeny'; statement: StatementRef; conditions: readonly ConditionCheck[] }
  /** `closest` is null when the policy has no Allow statement at all. */
  | { kind: 'noAllow'; closest: { statement: StatementRef; mismatch: ElementMismatch } | null };

export type TrustDecision =
  | { allowed: true; grants: readonly { action: string; statement: StatementRef }[] }
  | { allowed: false; action: string; reason: TrustRefusal };
