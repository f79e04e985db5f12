// IAM role trust policies for the mock: parse (refusing what IAM refuses), build the request
// context, evaluate, and say why. Re-exports only.
export { parseTrustPolicy, TRUST_POLICY_MAX_CHARS } from './parse.js';
export { buildTrustRequest, type TrustRequestInput } from './context.js';
export { evaluateTrust } from './evaluate.js';
export { explainTrustDecision } from './explain.js';
export { trustRefusalMessage } from './refusal.js';
export { TRUST_ACTIONS } from './actions.js';
export type {
  ConditionCheck,
  ElementMismatch,
  PolicyVersion,
  StatementRef,
  TrustCondition,
  TrustContext,
  TrustDecision,
  TrustPolicy,
  TrustPrincipal,
  TrustRefusal,
  TrustRequest,
  TrustStatement,
} from './types.js';
