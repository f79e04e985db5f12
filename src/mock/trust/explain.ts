// One line saying why a trust policy allowed or refused a call, for the request log, the journal
// and `serve --explain`. Built from the decision alone: policy values and the request's context
// values (claims, session name, tags), never a token or a secret. Values are JSON-quoted, so a
// claim holding a newline or a quote cannot break the line.
import type { ConditionCheck, ElementMismatch, StatementRef, TrustDecision } from './types.js';

const MAX_VALUE = 128;

function quote(value: string): string {
  return JSON.stringify(value.length > MAX_VALUE ? `${value.slice(0, MAX_VALUE)}…` : value);
}

function list(values: readonly string[]): string {
  return values.length === 1 ? quote(values[0]!) : `[${values.map(quote).join(', ')}]`;
}

function statement(s: StatementRef): string {
  return `Statement[${s.index}]${s.sid ? ` (Sid ${quote(s.sid)})` : ''}`;
}

function seen(c: ConditionCheck): string {
  if (c.seen === null) return 'the request has no such key';
  return `saw ${typeof c.seen === 'string' ? quote(c.seen) : `[${c.seen.map(quote).join(', ')}]`}`;
}

function condition(c: ConditionCheck): string {
  return `${c.operator} ${c.key} ${list(c.expected)}`;
}

function missed(m: ElementMismatch, action: string): string {
  switch (m.element) {
    case 'Principal':
      return `names Principal ${m.expected.join(', ')} but the caller is ${m.seen.join(', ')}`;
    case 'NotPrincipal':
      return `excludes the caller (${m.seen.join(', ')}) with NotPrincipal ${m.expected.join(', ')}`;
    case 'Action':
      return `allows Action ${list(m.expected)} but not ${action}`;
    case 'NotAction':
      return `excludes ${action} with NotAction ${list(m.expected)}`;
    case 'Condition':
      return `requires ${condition(m.condition)} and ${seen(m.condition)}${m.condition.note ? ` (${m.condition.note})` : ''}`;
  }
}

/** `allowed: sts:AssumeRole by Statement[0] (Sid "CI")`, or `denied sts:TagSession: …` with the reason. */
export function explainTrustDecision(decision: TrustDecision): string {
  if (decision.allowed) return `allowed: ${decision.grants.map((g) => `${g.action} by ${statement(g.statement)}`).join(', ')}`;
  const head = `denied ${decision.action}`;
  const reason = decision.reason;
  if (reason.kind === 'explicitDeny') {
    const where =
      reason.conditions.length === 0 ? 'which has no Condition' : `where ${reason.conditions.map((c) => `${condition(c)} held (${seen(c)})`).join(' and ')}`;
    return `${head}: explicit Deny in ${statement(reason.statement)}, ${where}`;
  }
  if (!reason.closest) return `${head}: the trust policy has no Allow statement`;
  return `${head}: no Allow statement applies; the closest, ${statement(reason.closest.statement)}, ${missed(reason.closest.mismatch, decision.action)}`;
}
