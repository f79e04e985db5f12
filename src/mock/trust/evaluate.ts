// IAM's decision for a role trust policy: each action the call needs (sts:AssumeRole… plus
// sts:TagSession when tags are sent and sts:SetSourceIdentity with a source identity) must be
// allowed; an explicit Deny wins over any Allow; with no statement applying the answer is no.
// A refusal says why: the Deny that applied, or the Allow that came closest and what it missed.
import { actionMatches } from './actions.js';
import { checkConditions } from './conditions.js';
import { toLookup } from './lookup.js';
import { describeCaller, principalApplies } from './principals.js';
import type { ConditionCheck, ElementMismatch, StatementRef, TrustDecision, TrustPolicy, TrustRequest, TrustStatement } from './types.js';

interface StatementResult {
  statement: TrustStatement;
  principal: boolean;
  conditions: ConditionCheck[];
  conditionsMet: boolean;
}

function ref(s: TrustStatement): StatementRef {
  return s.sid ? { index: s.index, sid: s.sid } : { index: s.index };
}

function actionApplies(s: TrustStatement, action: string): boolean {
  const named = s.action.patterns.some((p) => actionMatches(p, action));
  return s.action.element === 'Action' ? named : !named;
}

const applies = (r: StatementResult, action: string) => r.principal && r.conditionsMet && actionApplies(r.statement, action);

function mismatch(r: StatementResult, action: string, request: TrustRequest): ElementMismatch {
  const s = r.statement;
  if (!r.principal) return { element: s.principal.element, expected: s.principal.set.written, seen: describeCaller(request.principal) };
  if (!actionApplies(s, action)) return { element: s.action.element, expected: s.action.patterns, seen: action };
  return { element: 'Condition', condition: r.conditions.find((c) => !c.matched)! };
}

// The Allow a reader most likely meant: right principal first, then right action, then the most conditions met.
function closeness(r: StatementResult, action: string): number {
  const met = r.conditions.length === 0 ? 1 : r.conditions.filter((c) => c.matched).length / r.conditions.length;
  return (r.principal ? 4 : 0) + (actionApplies(r.statement, action) ? 2 : 0) + met;
}

/** Evaluates `policy` for `request`; never throws. */
export function evaluateTrust(policy: TrustPolicy, request: TrustRequest): TrustDecision {
  const lookup = toLookup(request.context);
  const results: StatementResult[] = policy.statements.map((statement) => {
    const conditions = checkConditions(statement.conditions, lookup, policy.version);
    return {
      statement,
      principal: principalApplies(statement.principal.element, statement.principal.set, request.principal),
      conditions,
      conditionsMet: conditions.every((c) => c.matched),
    };
  });
  const actions = [...new Set([request.action, ...(request.impliedActions ?? [])])];

  for (const action of actions) {
    const deny = results.find((r) => r.statement.effect === 'Deny' && applies(r, action));
    if (deny) return { allowed: false, action, reason: { kind: 'explicitDeny', statement: ref(deny.statement), conditions: deny.conditions } };
  }
  const grants: { action: string; statement: StatementRef }[] = [];
  for (const action of actions) {
    const allows = results.filter((r) => r.statement.effect === 'Allow');
    const allow = allows.find((r) => applies(r, action));
    if (allow) {
      grants.push({ action, statement: ref(allow.statement) });
      continue;
    }
    let closest: StatementResult | null = null;
    for (const r of allows) if (closest === null || closeness(r, action) > closeness(closest, action)) closest = r;
    const reason = closest ? { statement: ref(closest.statement), mismatch: mismatch(closest, action, request) } : null;
    return { allowed: false, action, reason: { kind: 'noAllow', closest: reason } };
  }
  return { allowed: true, grants };
}
