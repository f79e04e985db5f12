// A statement's Principal or NotPrincipal, refused where IAM refuses it ("Invalid principal in
// policy"): `"*"` or a map of AWS / Federated / Service to one name or a list; no wildcard inside
// a name or ARN. Account parts may be empty or a tenant name as well as 12 digits (Ceph's forms).
import { didYouMean } from './suggest.js';
import type { AwsPrincipalEntry, PrincipalSet } from './types.js';

export type Refuse = (place: string, reason: string) => never;

const TYPES = ['AWS', 'Federated', 'Service'] as const;
const BUILT_IN_PROVIDERS = ['cognito-identity.amazonaws.com', 'accounts.google.com', 'www.amazon.com', 'graph.facebook.com'];
const ACCOUNT = '(\\d{12}|[A-Za-z0-9_-]*)';
const ROOT = new RegExp(`^arn:[a-z-]+:iam::${ACCOUNT}:root$`);
const IAM_ENTITY = new RegExp(`^arn:[a-z-]+:iam::${ACCOUNT}:(user|role)(/[^*?]*)?/[\\w+=,.@-]+$`);
const STS_SESSION = new RegExp(`^arn:[a-z-]+:sts::${ACCOUNT}:(assumed-role/[^*?]+/[^*?/]+|federated-user/[\\w+=,.@-]+)$`);
const OIDC_PROVIDER = new RegExp(`^arn:[a-z-]+:iam::${ACCOUNT}:oidc-provider/[^*?\\s]+$`);
const SAML_PROVIDER = new RegExp(`^arn:[a-z-]+:iam::${ACCOUNT}:saml-provider/[\\w+=,.@-]+$`);
const SERVICE = /^[a-z0-9][a-z0-9.-]*[a-z0-9]$/;

export const shown = (value: unknown): string => {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 100 ? `${text.slice(0, 100)}…` : text;
};

function names(raw: unknown, place: string, refuse: Refuse): string[] {
  const list = Array.isArray(raw) ? raw : [raw];
  if (list.length === 0) refuse(place, 'must name at least one principal');
  list.forEach((name, i) => {
    if (typeof name !== 'string' || name === '') refuse(Array.isArray(raw) ? `${place}[${i}]` : place, `must be a non-empty string (got ${shown(name)})`);
  });
  return list as string[];
}

function awsEntry(name: string, place: string, refuse: Refuse): AwsPrincipalEntry {
  if (name === '*') return { kind: 'any' };
  if (/^\d{12}$/.test(name)) return { kind: 'account', account: name };
  const root = ROOT.exec(name);
  if (root) return { kind: 'account', account: root[1]! };
  if (IAM_ENTITY.test(name) || STS_SESSION.test(name)) return { kind: 'arn', arn: name };
  const why = /[*?]/.test(name) ? ' (IAM: a wildcard cannot match part of a principal name or ARN)' : '';
  return refuse(
    place,
    `${shown(name)} is not a principal IAM accepts${why}: use an account id, arn:aws:iam::ACCOUNT:root, a user, role or assumed-role session ARN, or "*"`,
  );
}

function federatedEntry(name: string, place: string, refuse: Refuse): string {
  if (OIDC_PROVIDER.test(name) || SAML_PROVIDER.test(name) || BUILT_IN_PROVIDERS.includes(name)) return name;
  return refuse(place, `${shown(name)} is not an identity provider IAM accepts: use arn:aws:iam::ACCOUNT:oidc-provider/HOST[/PATH] (or a saml-provider ARN)`);
}

/** Validates and normalises the element's value; `place` names the element itself. */
export function parsePrincipal(raw: unknown, place: string, refuse: Refuse): PrincipalSet {
  if (raw === '*') return { everyone: true, aws: [], federated: [], service: [], written: ['*'] };
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return refuse(place, `must be "*" or an object such as {"AWS": "arn:aws:iam::123456789012:root"} (got ${shown(raw)})`);
  }
  const entries = Object.entries(raw as Record<string, unknown>);
  if (entries.length === 0) refuse(place, 'names no principal');
  const set = { everyone: false, aws: [] as AwsPrincipalEntry[], federated: [] as string[], service: [] as string[], written: [] as string[] };
  for (const [type, value] of entries) {
    const at = `${place}.${type}`;
    if (type === 'CanonicalUser') refuse(at, 'is an S3 bucket-policy principal; a role trust policy cannot name one');
    if (!(TYPES as readonly string[]).includes(type)) refuse(at, `is not a principal type (AWS, Federated or Service)${didYouMean(type, TYPES)}`);
    const list = names(value, at, refuse);
    list.forEach((name, i) => {
      const itemPlace = Array.isArray(value) ? `${at}[${i}]` : at;
      set.written.push(`${type} ${name}`);
      if (type === 'AWS') set.aws.push(awsEntry(name, itemPlace, refuse));
      else if (type === 'Federated') set.federated.push(federatedEntry(name, itemPlace, refuse));
      else if (SERVICE.test(name)) set.service.push(name);
      else refuse(itemPlace, `${shown(name)} is not a service principal (such as ec2.amazonaws.com)`);
    });
  }
  return set;
}
