// Shared by the trust-policy tests: one-statement policies around a Condition block, and callers.
import { evaluateTrust, parseTrustPolicy, type TrustContext, type TrustDecision, type TrustPrincipal } from '../../../src/mock/trust/index.js';

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
