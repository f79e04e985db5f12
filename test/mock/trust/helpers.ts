// Shared by the trust-policy tests: one-statement policies around a Condition block, and callers.
import {
  buildTrustRequest,
  evaluateTrust,
  explainTrustDecision,
  parseTrustPolicy,
  trustRefusalMessage,
  type TrustContext,
  type TrustDecision,
  type TrustPrincipal,
  type TrustRequestInput,
} from '../../../src/mock/trust/index.js';

export const ACCOUNT = '123456789012';
export const ROLE = `arn:aws:iam::${ACCOUNT}:role/deploy`;
export const alice: TrustPrincipal = { kind: 'aws', arn: `arn:aws:iam::${ACCOUNT}:user/alice`, account: ACCOUNT };

/** Allow sts:AssumeRole to anyone when `condition` holds (Version 2012-10-17 unless given). */
export function conditionPolicy(condition: Record<string, unknown>, version = '2012-10-17') {
  return { Version: version, Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole', Condition: condition }] };
}

export function decide(
  document: unknown,
  context: TrustContext,
  principal: TrustPrincipal = alice,
  action = 'sts:AssumeRole',
  impliedActions: string[] = [],
): TrustDecision {
  return evaluateTrust(parseTrustPolicy(document, 'roles[0].trustPolicy'), { action, impliedActions, principal, context });
}

/** Whether `condition` holds for `context` (through parse and evaluate, as the mock will). */
export function holds(condition: Record<string, unknown>, context: TrustContext, version?: string): boolean {
  return decide(conditionPolicy(condition, version), context).allowed;
}

export const NOW = new Date('2025-06-01T12:00:00Z');

/** As the mock will: build the request, evaluate, and word the refusal and the reason. */
export function run(policy: unknown, input: Omit<TrustRequestInput, 'now'> & { now?: Date }) {
  const request = buildTrustRequest({ now: NOW, ...input });
  const decision = evaluateTrust(parseTrustPolicy(policy, 'roles[0].trustPolicy'), request);
  const message = decision.allowed ? null : trustRefusalMessage(request, decision, input.roleArn ?? '');
  return { decision, line: explainTrustDecision(decision), message };
}

/** The element a refusal names: the closest Allow's mismatch, or the Deny. */
export const refusedAt = (d: TrustDecision) => (d.allowed ? null : d.reason.kind === 'noAllow' ? d.reason.closest?.mismatch : d.reason);
