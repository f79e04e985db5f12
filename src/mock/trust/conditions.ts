// One operator × key of a Condition block against the request context, as IAM evaluates it:
// values OR (NOR for negated operators), an absent key false except for negated operators,
// ...IfExists and ForAllValues (true) and ForAnyValue (false), Null testing presence only, and a
// multivalued key matching nothing without a set operator.
import { OPERATORS } from './operators.js';
import { readBool } from './values.js';
import { resolveVariables } from './variables.js';
import type { ContextLookup } from './lookup.js';
import type { ConditionCheck, PolicyVersion, TrustCondition } from './types.js';
import type { PatternPiece } from './wildcard.js';

const FAMILY_NOUN = {
  String: 'string',
  Numeric: 'number',
  Date: 'date',
  Bool: 'boolean',
  Binary: 'binary value',
  IpAddress: 'IP address',
  Arn: 'ARN',
  Null: 'value',
} as const;

function absentResult(c: TrustCondition, negated: boolean): boolean {
  if (c.ifExists) return true;
  if (c.set === 'ForAllValues') return true;
  if (c.set === 'ForAnyValue') return false;
  return negated;
}

export function checkCondition(c: TrustCondition, lookup: ContextLookup, version: PolicyVersion): ConditionCheck {
  const entry = lookup.get(c.key.toLowerCase());
  const base = { operator: c.operator, key: c.key, expected: c.values, seen: entry ? (entry.multi ? entry.values : entry.values[0]!) : null };
  if (c.base === 'Null') {
    // "true": the key must be absent; "false": present.
    return { ...base, matched: c.values.some((v) => readBool(v) === (entry === undefined)) };
  }
  const op = OPERATORS[c.base];
  if (!entry) return { ...base, matched: absentResult(c, op.negated) };
  if (entry.multi && c.set === null) {
    return { ...base, matched: false, note: 'the key is multivalued, so it matches only with ForAnyValue: or ForAllValues:' };
  }
  const patterns: PatternPiece[][] = [];
  for (const value of c.values) {
    const resolved = resolveVariables(value, lookup, op.variables && version === '2012-10-17');
    if (!resolved.ok) return { ...base, matched: false, note: `the policy variable ${resolved.variable} has no value in this request` };
    patterns.push(resolved.pieces);
  }
  let unreadable: string | null = null;
  const test = (seen: string): boolean => {
    let any = false;
    for (const pattern of patterns) {
      const result = op.matches(seen, pattern);
      if (result === null) {
        unreadable ??= seen;
        return false;
      }
      if (result) {
        any = true;
        break;
      }
    }
    return op.negated ? !any : any;
  };
  const matched = c.set === 'ForAllValues' ? entry.values.every(test) : entry.values.some(test);
  if (unreadable !== null && !matched) return { ...base, matched, note: `${JSON.stringify(unreadable)} is not a ${FAMILY_NOUN[op.family]}` };
  return { ...base, matched };
}

/** Every condition, in document order (not stopping at the first failure: explanations rank by them). */
export function checkConditions(conditions: readonly TrustCondition[], lookup: ContextLookup, version: PolicyVersion): ConditionCheck[] {
  return conditions.map((c) => checkCondition(c, lookup, version));
}
