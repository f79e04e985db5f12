// The mock's JSON config: read from disk (FileError, exit 5) and validated into a MockConfig
// (UsageError, exit 2, naming the offending field). Pure validation in validateMockConfig.
import { readFile } from 'node:fs/promises';
import { FileError, UsageError } from '../errors.js';
import { checkLength, limits, SEVEN_DAYS } from '../sts/limits.js';
import { GITHUB_CLAIMS } from './issuer/githubToken.js';
import { OIDC_ALGORITHMS } from './issuer/issuerKeys.js';
import { jsonSyntaxPlace } from './jsonSyntaxPlace.js';
import { splitRoleArn } from './roleArn.js';
import { parseTrustPolicy } from './trust/index.js';
import type { Flavor, MockConfig, MockGithub, MockOidcTrust, MockRole, MockUser } from './types.js';

const FLAVORS: readonly Flavor[] = ['aws', 'minio', 'ceph', 'ecs'];

/** Reads and validates a config file. */
export async function loadMockConfig(path: string): Promise<MockConfig> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (cause) {
    const reason = (cause as NodeJS.ErrnoException).code === 'ENOENT' ? 'does not exist' : 'cannot be read';
    throw new FileError(path, `The mock config ${path} ${reason}.`, { cause, hint: 'Pass --config with a readable JSON file.' });
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (cause) {
    // Not the parser's message nor the error itself as cause: both quote the input, which may hold a secret.
    throw new FileError(path, `The mock config ${path} is not valid JSON${jsonSyntaxPlace(cause, text)}.`);
  }
  return validateMockConfig(data, path);
}

type Obj = Record<string, unknown>;

function fail(source: string, where: string, what: string): never {
  throw new UsageError(`Invalid mock config ${source}: ${where} ${what}.`, { hint: 'See "sts-cli serve --help" for the config format.' });
}

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function str(o: Obj, key: string, where: string, source: string, required: boolean): string | undefined {
  const v = o[key];
  if (v === undefined && !required) return undefined;
  if (typeof v !== 'string' || v === '') fail(source, `${where}.${key}`, 'must be a non-empty string');
  return v;
}

function strList(o: Obj, key: string, where: string, source: string): string[] | undefined {
  const v = o[key];
  if (v === undefined) return undefined;
  if (!Array.isArray(v) || !v.every((x) => typeof x === 'string' && x !== '')) fail(source, `${where}.${key}`, 'must be a list of non-empty strings');
  return v as string[];
}

function list(o: Obj, key: string, source: string): Obj[] | undefined {
  const v = o[key];
  if (v === undefined) return undefined;
  if (!Array.isArray(v)) fail(source, key, 'must be a list');
  v.forEach((item, i) => {
    if (!isObj(item)) fail(source, `${key}[${i}]`, 'must be an object');
  });
  return v as Obj[];
}

function onlyKeys(o: Obj, allowed: readonly string[], where: string, source: string): void {
  for (const key of Object.keys(o)) if (!allowed.includes(key)) fail(source, where, `has an unknown field "${key}" (known: ${allowed.join(', ')})`);
}

function user(o: Obj, where: string, source: string): MockUser {
  onlyKeys(o, ['accessKeyId', 'secretAccessKey', 'account', 'name', 'displayName'], where, source);
  const u: MockUser = { accessKeyId: str(o, 'accessKeyId', where, source, true)!, secretAccessKey: str(o, 'secretAccessKey', where, source, true)! };
  if (typeof o.account === 'string') u.account = o.account;
  else if (o.account !== undefined) fail(source, `${where}.account`, 'must be a string');
  const name = str(o, 'name', where, source, false);
  if (name) u.name = name;
  const displayName = str(o, 'displayName', where, source, false);
  if (displayName) u.displayName = displayName;
  return u;
}

// A role ARN no request could name would only make the role unreachable: refused at start instead.
function roleArn(o: Obj, where: string, source: string): string {
  const arn = str(o, 'arn', where, source, true)!;
  const problem = checkLength(arn, limits.roleArn);
  if (problem) fail(source, `${where}.arn`, problem);
  if (!splitRoleArn(arn)) fail(source, `${where}.arn`, 'must be a role ARN such as arn:aws:iam::123456789012:role/NAME (or urn:ecs:iam::NAMESPACE:role/NAME)');
  return arn;
}

function role(o: Obj, where: string, source: string): MockRole {
  onlyKeys(o, ['arn', 'maxSessionDuration', 'trust', 'trustPolicy', 'mfa'], where, source);
  const r: MockRole = { arn: roleArn(o, where, source) };
  if (o.trustPolicy !== undefined) {
    // One way to say who may assume a role: two would leave the reader guessing which one decides.
    if (o.trust !== undefined) fail(source, where, 'has both trust and trustPolicy; keep one (trustPolicy is the IAM document, trust its short form)');
    // Refused here, at start, naming the role and the element (TrustPolicyError, exit 2).
    parseTrustPolicy(o.trustPolicy, `${where}.trustPolicy`, { source: `${source} (role ${r.arn})` });
    r.trustPolicy = o.trustPolicy as string | Record<string, unknown>;
  } else r.trust = {};
  if (o.maxSessionDuration !== undefined) {
    const m = o.maxSessionDuration;
    if (typeof m !== 'number' || !Number.isInteger(m) || m < limits.durationSeconds.min || m > SEVEN_DAYS)
      fail(source, `${where}.maxSessionDuration`, `must be an integer number of seconds from ${limits.durationSeconds.min} to ${SEVEN_DAYS}`);
    r.maxSessionDuration = m;
  }
  if (o.trust !== undefined) {
    if (!isObj(o.trust)) fail(source, `${where}.trust`, 'must be an object');
    onlyKeys(o.trust, ['users', 'oidc'], `${where}.trust`, source);
    const users = strList(o.trust, 'users', `${where}.trust`, source);
    if (users) r.trust!.users = users;
    const oidc = list(o.trust, 'oidc', source);
    if (oidc) {
      r.trust!.oidc = oidc.map((t, i): MockOidcTrust => {
        const w = `${where}.trust.oidc[${i}]`;
        onlyKeys(t, ['issuer', 'audiences', 'subjects'], w, source);
        const entry: MockOidcTrust = { issuer: str(t, 'issuer', w, source, true)! };
        const audiences = strList(t, 'audiences', w, source);
        if (audiences) entry.audiences = audiences;
        const subjects = strList(t, 'subjects', w, source);
        if (subjects) entry.subjects = subjects;
        return entry;
      });
    }
  }
  if (o.mfa !== undefined) {
    if (!isObj(o.mfa)) fail(source, `${where}.mfa`, 'must be an object');
    onlyKeys(o.mfa, ['serialNumber', 'totpSecret'], `${where}.mfa`, source);
    const totpSecret = str(o.mfa, 'totpSecret', `${where}.mfa`, source, true)!;
    if (!/^[A-Z2-7]+=*$/i.test(totpSecret.replace(/\s/g, ''))) fail(source, `${where}.mfa.totpSecret`, 'must be base32 (A-Z, 2-7)');
    r.mfa = { serialNumber: str(o.mfa, 'serialNumber', `${where}.mfa`, source, true)!, totpSecret };
  }
  return r;
}

/** Checks the shape of a parsed config; `source` names it in messages. */
export function validateMockConfig(data: unknown, source = 'config'): MockConfig {
  if (!isObj(data)) fail(source, 'the top level', 'must be a JSON object');
  onlyKeys(data, ['$schema', 'flavor', 'account', 'users', 'roles', 'oidcProviders', 'buckets', 'issuer', 'oidcAlgorithm', 'github'], 'the top level', source);
  // `$schema` points editors at schema/mock-config.schema.json; the mock has no use for it.
  if (data.$schema !== undefined && typeof data.$schema !== 'string') fail(source, '$schema', 'must be a string (the URL or path of the schema)');
  const config: MockConfig = {};
  if (data.flavor !== undefined) {
    if (!FLAVORS.includes(data.flavor as Flavor)) fail(source, 'flavor', `must be one of ${FLAVORS.join(', ')}`);
    config.flavor = data.flavor as Flavor;
  }
  if (data.account !== undefined) {
    if (typeof data.account !== 'string') fail(source, 'account', 'must be a string');
    config.account = data.account;
  }
  const users = list(data, 'users', source);
  if (users) {
    config.users = users.map((u, i) => user(u, `users[${i}]`, source));
    const seen = new Set<string>();
    for (const u of config.users) {
      if (seen.has(u.accessKeyId)) fail(source, 'users', `lists access key id ${u.accessKeyId} twice`);
      seen.add(u.accessKeyId);
    }
  }
  const roles = list(data, 'roles', source);
  if (roles) config.roles = roles.map((r, i) => role(r, `roles[${i}]`, source));
  const providers = list(data, 'oidcProviders', source);
  if (providers) {
    config.oidcProviders = providers.map((p, i) => {
      const where = `oidcProviders[${i}]`;
      onlyKeys(p, ['issuer', 'jwksFile', 'jwksUrl'], where, source);
      const issuer = str(p, 'issuer', where, source, true)!;
      const jwksFile = str(p, 'jwksFile', where, source, false);
      const jwksUrl = str(p, 'jwksUrl', where, source, false);
      if ((jwksFile === undefined) === (jwksUrl === undefined)) fail(source, where, 'needs exactly one of jwksFile or jwksUrl');
      if (jwksUrl !== undefined && !/^https?:\/\//.test(jwksUrl)) fail(source, `${where}.jwksUrl`, 'must be an http(s) URL');
      return { issuer, ...(jwksFile ? { jwksFile } : {}), ...(jwksUrl ? { jwksUrl } : {}) };
    });
  }
  const buckets = list(data, 'buckets', source);
  if (buckets) {
    config.buckets = buckets.map((b, i) => {
      onlyKeys(b, ['name', 'creationDate'], `buckets[${i}]`, source);
      return { name: str(b, 'name', `buckets[${i}]`, source, true)!, creationDate: str(b, 'creationDate', `buckets[${i}]`, source, true)! };
    });
  }
  const issuer = str(data, 'issuer', 'the top level', source, false);
  if (issuer !== undefined) {
    const problem = issuerProblem(issuer);
    if (problem) fail(source, 'issuer', problem);
    config.issuer = issuer;
  }
  if (data.oidcAlgorithm !== undefined) {
    if (!OIDC_ALGORITHMS.includes(data.oidcAlgorithm as 'RS256')) fail(source, 'oidcAlgorithm', `must be one of ${OIDC_ALGORITHMS.join(', ')}`);
    config.oidcAlgorithm = data.oidcAlgorithm as 'RS256' | 'EdDSA';
  }
  if (data.github !== undefined) config.github = github(data.github, source);
  return config;
}

/** Why `issuer` cannot be an issuer URL (http(s), no query, fragment, credentials or trailing slash), or null. */
export function issuerProblem(issuer: string): string | null {
  let url: URL | null = null;
  try {
    url = new URL(issuer);
  } catch {
    // refused below
  }
  if (url && /^https?:$/.test(url.protocol) && !url.search && !url.hash && !issuer.endsWith('/') && !url.username && !url.password) return null;
  return `must be an http(s) URL without a query, fragment or trailing slash, such as https://sts.example.test (got "${issuer.slice(0, 200)}")`;
}

function github(raw: unknown, source: string): MockGithub {
  if (!isObj(raw)) fail(source, 'github', 'must be an object');
  onlyKeys(raw, ['requestToken', 'audience', ...GITHUB_CLAIMS], 'github', source);
  const out: Record<string, string> = {};
  for (const key of Object.keys(raw)) {
    if (typeof raw[key] !== 'string') fail(source, `github.${key}`, 'must be a string');
    out[key] = raw[key] as string;
  }
  if (out.requestToken === '') fail(source, 'github.requestToken', 'must not be empty');
  if (out.repository !== undefined && !/^[^/\s]+\/[^/\s]+$/.test(out.repository)) fail(source, 'github.repository', 'must be OWNER/REPO');
  return out as MockGithub;
}
