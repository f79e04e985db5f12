// What AWS says when a trust policy refuses: it names the caller, the action that failed
// (sts:TagSession too) and the role for AssumeRole; for web identity it says only that the call
// is not authorized. Why stays out of it unless the mock runs with --explain.
import type { TrustDecision, TrustRequest } from './types.js';

/** AWS's AccessDenied message for a refused decision. */
export function trustRefusalMessage(request: TrustRequest, decision: Extract<TrustDecision, { allowed: false }>, roleArn: string): string {
  if (request.principal.kind !== 'aws') return `Not authorized to perform ${request.action}`;
  return `User: ${request.principal.arn} is not authorized to perform: ${decision.action} on resource: ${roleArn}`;
}
