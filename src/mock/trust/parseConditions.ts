// A statement's Condition block: `{OPERATOR: {KEY: value | [values]}}`, refused where IAM refuses
// it: an operator IAM does not know (IAM lets one pass with no keys), `IfExists` on Null, a value
// that is not a string, number or boolean, and a value the operator cannot read, such as a date
// that is not one. Like IAM it takes any key name and an empty value list (which matches nothing).
import { checkOperatorValue, OPERATOR_NAMES, OPERATORS, parseOperatorName } from './operators.js';
import { shown, type Refuse } from './parsePrincipal.js';
import { didYouMean } from './suggest.js';
import type { TrustCondition } from './types.js';

const KNOWN_NAMES = OPERATOR_NAMES.flatMap((n) => (n === 'Null' ? [n] : [n, `${n}IfExists`]));

function conditionValues(raw: unknown, place: string, refuse: Refuse): string[] {
  const list = Array.isArray(raw) ? raw : [raw];
  return list.map((v, i) => {
    if (typeof v === 'string') return v;
    if (typeof v === 'number' || typeof v === 'boolean') return String(v);
    return refuse(Array.isArray(raw) ? `${place}[${i}]` : place, `must be a string, number or boolean (got ${shown(v)})`);
  });
}

const isEmptyObject = (v: unknown) => typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length === 0;

/** `place` names the Condition element. */
export function parseConditions(raw: unknown, place: string, refuse: Refuse): TrustCondition[] {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return refuse(place, `must be an object such as {"StringEquals": {"sts:ExternalId": "…"}} (got ${shown(raw)})`);
  }
  const conditions: TrustCondition[] = [];
  for (const [name, keys] of Object.entries(raw as Record<string, unknown>)) {
    const at = `${place}.${name}`;
    const op = parseOperatorName(name);
    if (!op && isEmptyObject(keys)) continue;
    if (!op) {
      const unprefixed = name.replace(/^(ForAnyValue|ForAllValues):/i, '');
      refuse(at, `is not a condition operator IAM knows${didYouMean(unprefixed, KNOWN_NAMES)}`);
    }
    if (op.base === 'Null' && op.ifExists) refuse(at, 'Null takes no IfExists (IAM: IfExists goes on any operator except Null)');
    if (typeof keys !== 'object' || keys === null || Array.isArray(keys)) {
      refuse(at, `must map condition keys to values, as {"aws:PrincipalAccount": "123456789012"} (got ${shown(keys)})`);
    }
    for (const [key, value] of Object.entries(keys as Record<string, unknown>)) {
      const keyPlace = `${at}[${JSON.stringify(key)}]`;
      const values = conditionValues(value, keyPlace, refuse);
      values.forEach((v, i) => {
        const problem = checkOperatorValue(OPERATORS[op.base].family, v);
        if (problem) refuse(Array.isArray(value) ? `${keyPlace}[${i}]` : keyPlace, `${shown(v)} ${problem}, as ${op.base} needs`);
      });
      conditions.push({ operator: op.canonical, base: op.base, set: op.set, ifExists: op.ifExists, key, values });
    }
  }
  return conditions;
}
