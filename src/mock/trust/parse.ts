// A role's trust policy (an object, or JSON text) checked as IAM checks one before it stores it,
// into the shape evaluate.ts reads. Every refusal names the place: `roles[2].trustPolicy.
// Statement[1].Condition.StringLike`. The grammar: Version, Id, Statement; each statement Sid,
// Effect, one of Principal/NotPrincipal, one of Action/NotAction, Condition; no Resource.
import { TrustPolicyError } from '../../errors.js';
import { packedPolicyLength } from '../../sts/limits.js';
import { jsonSyntaxPlace } from '../jsonSyntaxPlace.js';
import { checkTrustAction } from './actions.js';
import { parseConditions } from './parseConditions.js';
import { parsePrincipal, shown, type Refuse } from './parsePrincipal.js';
import { didYouMean } from './suggest.js';
import type { PolicyVersion, TrustPolicy, TrustStatement } from './types.js';

/** IAM's ACLSizePerRole quota: 2048 characters by default, 4096 at most, whitespace not counted. */
export const TRUST_POLICY_MAX_CHARS = 4096;

const TOP_FIELDS = ['Version', 'Id', 'Statement'];
const STATEMENT_FIELDS = ['Sid', 'Effect', 'Principal', 'NotPrincipal', 'Action', 'NotAction', 'Condition'];
const VERSIONS = ['2012-10-17', '2008-10-17'];

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function onlyFields(o: Obj, allowed: readonly string[], place: string, refuse: Refuse): void {
  for (const field of Object.keys(o)) {
    if (allowed.includes(field)) continue;
    const at = place ? `${place}.${field}` : field;
    if (field === 'Resource' || field === 'NotResource')
      refuse(at, `is not allowed in a trust policy (IAM: "Has prohibited field ${field}"); the role is the resource`);
    refuse(at, `is not a policy element here (known: ${allowed.join(', ')})${didYouMean(field, allowed)}`);
  }
}

function oneOf(o: Obj, a: string, b: string, place: string, refuse: Refuse, missing: string): string {
  if (a in o && b in o) refuse(place, `has both ${a} and ${b}; a statement takes one of them`);
  if (!(a in o) && !(b in o)) refuse(place, missing);
  return a in o ? a : b;
}

function actionPatterns(raw: unknown, place: string, refuse: Refuse): string[] {
  const list = Array.isArray(raw) ? raw : [raw];
  if (list.length === 0) refuse(place, 'must name at least one action');
  return list.map((a, i) => {
    const at = Array.isArray(raw) ? `${place}[${i}]` : place;
    if (typeof a !== 'string') return refuse(at, `must be a string such as "sts:AssumeRole" (got ${shown(a)})`);
    const problem = checkTrustAction(a);
    return problem ? refuse(at, problem) : a;
  });
}

function parseStatement(raw: unknown, index: number, place: string, refuse: Refuse): TrustStatement {
  if (!isObj(raw)) return refuse(place, `must be an object (got ${shown(raw)})`);
  onlyFields(raw, STATEMENT_FIELDS, place, refuse);
  const statement: Partial<TrustStatement> & { index: number } = { index };
  if (raw.Sid !== undefined) {
    if (typeof raw.Sid !== 'string' || !/^[A-Za-z0-9]*$/.test(raw.Sid))
      refuse(`${place}.Sid`, `must be letters and digits only, as IAM requires (got ${shown(raw.Sid)})`);
    statement.sid = raw.Sid;
  }
  if (raw.Effect !== 'Allow' && raw.Effect !== 'Deny') {
    refuse(`${place}.Effect`, raw.Effect === undefined ? 'is missing: say "Allow" or "Deny"' : `must be "Allow" or "Deny" (got ${shown(raw.Effect)})`);
  }
  statement.effect = raw.Effect;
  const principal = oneOf(raw, 'Principal', 'NotPrincipal', place, refuse, 'needs a Principal: a trust policy says who may assume the role') as
    | 'Principal'
    | 'NotPrincipal';
  statement.principal = { element: principal, set: parsePrincipal(raw[principal], `${place}.${principal}`, refuse) };
  const action = oneOf(raw, 'Action', 'NotAction', place, refuse, 'needs an Action, such as "sts:AssumeRole"') as 'Action' | 'NotAction';
  statement.action = { element: action, patterns: actionPatterns(raw[action], `${place}.${action}`, refuse) };
  statement.conditions = raw.Condition === undefined ? [] : parseConditions(raw.Condition, `${place}.Condition`, refuse);
  return statement as TrustStatement;
}

function readDocument(document: unknown, where: string, refuse: Refuse): Obj {
  let data = document;
  let text: string;
  if (typeof document === 'string') {
    text = document;
    try {
      data = JSON.parse(document);
    } catch (cause) {
      // Not the parser's message: it quotes the text.
      refuse(where, `is not valid JSON${jsonSyntaxPlace(cause, document)}`);
    }
  } else {
    text = JSON.stringify(document) ?? '';
  }
  if (!isObj(data)) return refuse(where, `must be a JSON object with Version and Statement (got ${shown(data)})`);
  const size = packedPolicyLength(text);
  if (size > TRUST_POLICY_MAX_CHARS) {
    refuse(
      where,
      `is ${size} characters without whitespace; IAM takes at most ${TRUST_POLICY_MAX_CHARS} in a role's trust policy (2048 unless the quota is raised)`,
    );
  }
  return data;
}

/**
 * Checks a trust policy document (an object or its JSON text) as IAM does and returns it ready
 * for evaluateTrust. `where` names it in the config (`roles[2].trustPolicy`); `source`, the file.
 * Throws TrustPolicyError (exit 2) naming the element at fault.
 */
export function parseTrustPolicy(document: unknown, where: string, options: { source?: string } = {}): TrustPolicy {
  const refuse: Refuse = (place, reason) => {
    throw new TrustPolicyError(place, reason, options.source === undefined ? {} : { source: options.source });
  };
  const doc = readDocument(document, where, refuse);
  onlyFields(doc, TOP_FIELDS, where, refuse);
  let version: PolicyVersion = null;
  if (doc.Version !== undefined) {
    if (!VERSIONS.includes(doc.Version as string)) refuse(`${where}.Version`, `must be "2012-10-17" (or the old "2008-10-17"), got ${shown(doc.Version)}`);
    version = doc.Version as PolicyVersion;
  }
  if (doc.Id !== undefined && typeof doc.Id !== 'string') refuse(`${where}.Id`, `must be a string (got ${shown(doc.Id)})`);
  if (doc.Statement === undefined) refuse(where, 'has no Statement');
  const single = !Array.isArray(doc.Statement);
  const raw = single ? [doc.Statement] : (doc.Statement as unknown[]);
  if (raw.length === 0) refuse(`${where}.Statement`, 'must hold at least one statement');
  const statements = raw.map((s, i) => parseStatement(s, i, single ? `${where}.Statement` : `${where}.Statement[${i}]`, refuse));
  const sids = new Set<string>();
  for (const s of statements) {
    if (!s.sid) continue;
    if (sids.has(s.sid)) refuse(`${where}.Statement[${s.index}].Sid`, `repeats "${s.sid}"; IAM wants each Sid unique within a policy`);
    sids.add(s.sid);
  }
  return { version, statements };
}
