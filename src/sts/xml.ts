// The one reader of STS answers in every dialect (SPEC §2): elements matched by local name
// (namespaces and prefixes ignored), values kept as strings, empty optional elements accepted.
import { XMLParser } from 'fast-xml-parser';
import { StsServiceError, UnexpectedResponseError } from '../errors.js';
import { nonEmpty } from '../nonEmpty.js';
import { refusalHint, type RefusalContext } from './refusalHint.js';
import { escapeControl } from '../terminalText.js';
import type { CallerIdentity, StsCredentialsResult } from './types.js';

type Node = { [name: string]: unknown };

const parser = new XMLParser({
  removeNSPrefix: true,
  ignoreAttributes: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  parseTagValue: false,
  trimValues: true,
});

/** What came back: status, body, and the `x-amz-request-id` header (Ceph's only request id). */
export interface StsAnswer {
  status: number;
  body: string;
  requestIdHeader?: string;
}

const HINT = 'Is --endpoint-url an STS endpoint?';

// A message quotes at most this much of what the endpoint said; an STS message is a sentence or two.
const MAX_QUOTED = 1000;

/** Text from the endpoint as a message quotes it: control characters shown, a runaway value cut. */
function shown(value: string): string {
  const escaped = escapeControl(value);
  return escaped.length > MAX_QUOTED ? `${escaped.slice(0, MAX_QUOTED)}...` : escaped;
}

function parse(body: string): Node | null {
  if (!body.trimStart().startsWith('<')) return null;
  try {
    const doc = parser.parse(body) as unknown;
    return isNode(doc) ? doc : null;
  } catch {
    return null;
  }
}

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function child(node: unknown, name: string): unknown {
  if (!isNode(node)) return undefined;
  const value = node[name];
  return Array.isArray(value) ? value[0] : value;
}

/** Text of an element; `undefined` when absent, `''` when empty. */
function text(node: unknown, name: string): string | undefined {
  const value = child(node, name);
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return isNode(value) && typeof value['#text'] === 'string' ? value['#text'] : '';
}

// Elements whose text is a secret, by local name (SPEC §11: --debug masks every secret it has seen).
const SECRET_ELEMENTS: ReadonlySet<string> = new Set(['SecretAccessKey', 'SessionToken']);

/**
 * The secret values an answer carries, as an XML reader sees them whatever the spelling (prefix,
 * attributes, CDATA, comments), so that the trace can mask them wherever else they appear.
 */
export function answerSecrets(body: string): string[] {
  const found: string[] = [];
  const pending: unknown[] = [parse(body)];
  // A loop, not recursion: a deeply nested answer must not exhaust the stack.
  while (pending.length) {
    const node = pending.pop();
    if (Array.isArray(node)) pending.push(...node);
    if (!isNode(node)) continue;
    for (const [name, value] of Object.entries(node)) {
      if (SECRET_ELEMENTS.has(name)) {
        for (const item of Array.isArray(value) ? value : [value]) {
          const secret = typeof item === 'string' ? item : isNode(item) ? item['#text'] : undefined;
          if (typeof secret === 'string' && secret !== '') found.push(secret);
        }
      }
      if (typeof value === 'object' && value !== null) pending.push(value);
    }
  }
  return found;
}

// What Go's net/http and nginx answer to a plain HTTP request on a TLS port (MinIO is a Go server).
const HTTP_AT_TLS_PORT = /HTTP request to an HTTPS server|plain HTTP request was sent to HTTPS port/i;

/** An answer that is not STS-shaped; keeps the HTTP status so that a 5xx page can be retried. */
function unexpected(answer: StsAnswer, what: string, context?: RefusalContext): UnexpectedResponseError {
  const hint = HTTP_AT_TLS_PORT.test(answer.body.slice(0, 4096))
    ? 'The endpoint speaks TLS: use https:// in --endpoint-url.'
    : (refusalHint({ status: answer.status, message: '' }, context) ?? HINT);
  return new UnexpectedResponseError(`The endpoint answered HTTP ${answer.status} with ${what}.`, { hint, httpStatus: answer.status });
}

/**
 * An ErrorResponse (AWS, MinIO, moto, ECS) or a bare S3 `<Error>` (MinIO's S3 layer, Ceph), else
 * null. With `context`, a refusal whose message says why carries a hint that fits it.
 */
export function readServiceError(answer: StsAnswer, doc: Node | null = parse(answer.body), context?: RefusalContext): StsServiceError | null {
  if (!doc) return null;
  const wrapped = child(doc, 'ErrorResponse');
  const error = wrapped !== undefined ? child(wrapped, 'Error') : child(doc, 'Error');
  if (error === undefined) return null;
  // The server's own words, carried unchanged but for control characters (SPEC §11).
  const code = shown(nonEmpty(text(error, 'Code')) ?? 'Unknown');
  const message = shown(text(error, 'Message') ?? '');
  const requestId = nonEmpty(text(wrapped, 'RequestId')) ?? nonEmpty(text(error, 'RequestId')) ?? nonEmpty(answer.requestIdHeader);
  const hint = refusalHint({ status: answer.status, code, message }, context);
  return new StsServiceError(code, message, answer.status, requestId === undefined ? undefined : shown(requestId), hint ? { hint } : undefined);
}

const TIMESTAMP = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d+))?(Z|[+-]\d{2}:?\d{2})?$/i;

/** ISO 8601 with any number of fractional digits and `Z` or an offset such as `-08:00`; no zone means UTC. */
export function parseTimestamp(value: string): Date | null {
  const m = TIMESTAMP.exec(value.trim());
  if (!m) return null;
  const millis = (m[2] ?? '').slice(0, 3).padEnd(3, '0');
  let zone = (m[3] ?? 'Z').toUpperCase();
  if (/^[+-]\d{4}$/.test(zone)) zone = `${zone.slice(0, 3)}:${zone.slice(3)}`;
  const date = new Date(`${m[1]}.${millis}${zone}`);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** The `<Action>Response` root of a successful answer, or the error it carries, thrown. */
function resultOf(answer: StsAnswer, action: string, context?: RefusalContext): { result: unknown; root: unknown } {
  const doc = parse(answer.body);
  const error = readServiceError(answer, doc, context);
  if (error) throw error;
  const root = doc ? child(doc, `${action}Response`) : undefined;
  if (answer.status >= 300 || root === undefined) {
    throw unexpected(answer, doc ? `XML that is not an answer to ${action}` : answer.body.trim() === '' ? 'an empty body' : 'a body that is not XML', context);
  }
  const result = child(root, `${action}Result`);
  if (result === undefined) throw unexpected(answer, `a ${action}Response without ${action}Result`);
  return { result, root };
}

function requestIdOf(root: unknown, answer: StsAnswer): string | undefined {
  const id = nonEmpty(text(child(root, 'ResponseMetadata'), 'RequestId')) ?? nonEmpty(answer.requestIdHeader);
  return id === undefined ? undefined : escapeControl(id);
}

/** AssumeRole / AssumeRoleWithWebIdentity / GetSessionToken answers → credentials and what came with them. */
export function readCredentialsResponse(
  action: 'AssumeRole' | 'AssumeRoleWithWebIdentity' | 'GetSessionToken',
  answer: StsAnswer,
  context?: RefusalContext,
): StsCredentialsResult {
  const { result, root } = resultOf(answer, action, context);
  const creds = child(result, 'Credentials');
  const accessKeyId = nonEmpty(text(creds, 'AccessKeyId'));
  const secretAccessKey = nonEmpty(text(creds, 'SecretAccessKey'));
  const sessionToken = nonEmpty(text(creds, 'SessionToken'));
  const expirationText = nonEmpty(text(creds, 'Expiration'));
  if (!accessKeyId || !secretAccessKey || !sessionToken || !expirationText) {
    throw unexpected(answer, `a ${action} answer without complete Credentials`);
  }
  // Keys go to stdout, files and shells as they are, so they cannot be escaped: one that holds a
  // control character or a space is no key any dialect issues, and is refused (SPEC §11).
  if ([accessKeyId, secretAccessKey, sessionToken].some((value) => /\s/.test(value) || escapeControl(value) !== value)) {
    throw unexpected(answer, 'credentials that hold control characters or spaces');
  }
  const expiration = parseTimestamp(expirationText);
  if (!expiration) throw unexpected(answer, `an Expiration that is not a timestamp ("${shown(expirationText)}")`);

  const out: StsCredentialsResult = { credentials: { accessKeyId, secretAccessKey, sessionToken, expiration }, expirationText };
  const user = child(result, 'AssumedRoleUser');
  if (user !== undefined) {
    out.assumedRoleUser = {
      arn: escapeControl(text(user, 'Arn') ?? ''),
      assumedRoleId: escapeControl(text(user, 'AssumedRoleId') ?? text(user, 'AssumeRoleId') ?? ''),
    };
  }
  const packed = nonEmpty(text(result, 'PackedPolicySize'));
  if (packed !== undefined && /^\d+$/.test(packed)) out.packedPolicySize = Number(packed);
  const optional = [
    ['sourceIdentity', 'SourceIdentity'],
    ['subjectFromWebIdentityToken', 'SubjectFromWebIdentityToken'],
    ['audience', 'Audience'],
    ['provider', 'Provider'],
  ] as const;
  for (const [key, element] of optional) {
    const value = nonEmpty(text(result, element));
    if (value !== undefined) out[key] = escapeControl(value);
  }
  const requestId = requestIdOf(root, answer);
  if (requestId) out.requestId = requestId;
  return out;
}

/** GetCallerIdentity answer → account, ARN and user id. */
export function readCallerIdentityResponse(answer: StsAnswer, context?: RefusalContext): CallerIdentity {
  const { result, root } = resultOf(answer, 'GetCallerIdentity', context);
  const out: CallerIdentity = {
    account: escapeControl(text(result, 'Account') ?? ''),
    arn: escapeControl(text(result, 'Arn') ?? ''),
    userId: escapeControl(text(result, 'UserId') ?? ''),
  };
  const requestId = requestIdOf(root, answer);
  if (requestId) out.requestId = requestId;
  return out;
}
