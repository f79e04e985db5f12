// Which STS answers (SPEC §9): AWS, MinIO, Ceph RGW, Dell ECS or moto, told apart by the shape of
// their answers to two unsigned GetCallerIdentity calls (a POST form, a GET query) and by a
// Server header, as data (STYLE principle 4): the first sign that matches names the dialect. Pure.

export type DialectName = 'aws' | 'minio' | 'ceph' | 'ecs' | 'moto';

export interface ProbeAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export interface DialectObservations {
  /** An unsigned POST of Action=GetCallerIdentity to the STS URL. */
  post?: ProbeAnswer;
  /** An unsigned GET of ?Action=GetCallerIdentity&Version=2011-06-15. */
  get?: ProbeAnswer;
  /** GET /.well-known/openid-configuration at the endpoint's origin. */
  discovery?: ProbeAnswer;
  origin: string;
}

export interface DialectFinding {
  dialect?: DialectName;
  /** `AWS STS`, `sts-cli's mock STS (answering as Ceph RGW)`, `an unknown server`. */
  label: string;
  /** Why: the sign that matched. */
  evidence: string;
  /** sts-cli's own mock (its OIDC discovery names its /oidc/token). */
  mock: boolean;
}

const NAMES: Record<DialectName, string> = { aws: 'AWS STS', minio: 'MinIO', ceph: 'Ceph RGW', ecs: 'Dell ECS', moto: 'moto' };
const STS_NAMESPACE = 'https://sts.amazonaws.com/doc/2011-06-15/';

function header(answer: ProbeAnswer | undefined, name: string): string {
  const value = answer?.headers[name];
  return (Array.isArray(value) ? value.join(', ') : value) ?? '';
}

function element(body: string, name: string): string | undefined {
  return new RegExp(`<(?:\\w+:)?${name}>([^<]*)</(?:\\w+:)?${name}>`).exec(body)?.[1];
}

/** The root element as written (`ns2:ErrorResponse`) and its attributes. */
function root(body: string): { name: string; attributes: string } | undefined {
  const match = /^\s*(?:<\?xml[^>]*\?>\s*)?<([\w:.-]+)([^>]*)>/.exec(body);
  return match ? { name: match[1]!, attributes: match[2]! } : undefined;
}

const answers = (o: DialectObservations) => [o.post, o.get].filter((a): a is ProbeAnswer => a !== undefined);
const requestIds = (o: DialectObservations) =>
  answers(o).flatMap((a) => [element(a.body, 'RequestId') ?? '', header(a, 'x-amz-request-id'), header(a, 'x-amzn-requestid')]);

interface Sign {
  dialect: DialectName;
  evidence: string;
  matches: (o: DialectObservations) => boolean;
}

/** In order: the first that matches decides. */
export const DIALECT_SIGNS: readonly Sign[] = [
  {
    dialect: 'moto',
    evidence: "its Server header is Werkzeug's, as moto_server's is",
    matches: (o) => answers(o).some((a) => /werkzeug/i.test(header(a, 'server'))),
  },
  { dialect: 'minio', evidence: 'its Server header names MinIO', matches: (o) => answers(o).some((a) => /minio/i.test(header(a, 'server'))) },
  {
    dialect: 'moto',
    evidence: 'it answers GetCallerIdentity without a signature, as mocks that check none do (moto, LocalStack)',
    matches: (o) => o.post?.status === 200 && root(o.post.body)?.name === 'GetCallerIdentityResponse',
  },
  {
    dialect: 'ceph',
    evidence: "it answers S3-style <Error> documents with radosgw's request ids (tx…)",
    matches: (o) => requestIds(o).some((id) => /^tx[0-9a-f]{8,}-[0-9a-f]{8,}-/.test(id)),
  },
  {
    dialect: 'ecs',
    evidence: "its request ids have Dell ECS's shape (…:…:…:…)",
    matches: (o) =>
      answers(o).some((a) => root(a.body)?.name.startsWith('ns2:')) || requestIds(o).some((id) => /^[0-9a-f]{6,}:[0-9a-f]{6,}:[0-9a-f]+:[0-9a-f]+$/.test(id)),
  },
  {
    dialect: 'minio',
    evidence: "its STS takes POST requests only and refuses GET, as MinIO's does",
    matches: (o) => isStsError(o.post) && o.get?.status === 405,
  },
  {
    dialect: 'aws',
    evidence: 'it answers an unsigned call with an ErrorResponse in the STS namespace, as AWS STS does',
    matches: (o) => isStsError(o.post),
  },
];

function isStsError(answer: ProbeAnswer | undefined): boolean {
  const top = answer ? root(answer.body) : undefined;
  return top?.name === 'ErrorResponse' && top.attributes.includes(STS_NAMESPACE);
}

function isMock(o: DialectObservations): boolean {
  if (o.discovery?.status !== 200) return false;
  try {
    const doc = JSON.parse(o.discovery.body) as { token_endpoint?: unknown };
    return doc.token_endpoint === `${o.origin}/oidc/token`;
  } catch {
    return false;
  }
}

/** The dialect the answers show, with the evidence; `dialect` undefined when none fits. */
export function detectDialect(o: DialectObservations): DialectFinding {
  const mock = isMock(o);
  const sign = DIALECT_SIGNS.find((s) => s.matches(o));
  if (!sign) return { label: mock ? "sts-cli's mock STS" : 'an unknown server', evidence: 'its answers match no STS dialect sts-cli knows', mock };
  const name = NAMES[sign.dialect];
  return { dialect: sign.dialect, label: mock ? `sts-cli's mock STS (answering as ${name})` : name, evidence: sign.evidence, mock };
}
