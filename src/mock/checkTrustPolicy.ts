// The role's IAM trust policy, asked as IAM asks it during AssumeRole and
// AssumeRoleWithWebIdentity: the request is built from what the mock verified (the signer, or the
// token's issuer and claims) and the call's parameters. A refusal answers AccessDenied in AWS's
// words; why (statement, condition, value seen) is the error's detail, which the request log and
// the journal show, and joins the Message with `serve --explain`.
import { MockError } from './errors.js';
import type { MockContext } from './context.js';
import type { Params } from './params.js';
import { buildTrustRequest, evaluateTrust, explainTrustDecision, trustRefusalMessage, type TrustPolicy, type TrustRequestInput } from './trust/index.js';

/** A refusal of trust: AWS's message, and the reason as detail (in the message too with --explain). */
export function trustRefusal(ctx: MockContext, message: string, reason: string): MockError {
  return new MockError('AccessDenied', ctx.explain ? `${message} (sts-cli: ${reason})` : message, reason);
}

/** Whether `policy` allows the call `input` describes (picking a role for a call without RoleArn). */
export function trustPolicyAllows(ctx: MockContext, policy: TrustPolicy, input: Omit<TrustRequestInput, 'now'>): boolean {
  return evaluateTrust(policy, buildTrustRequest({ ...input, now: ctx.now() })).allowed;
}

/** Throws AccessDenied unless `policy` allows the call that `input` describes. */
export function checkTrustPolicy(ctx: MockContext, policy: TrustPolicy, input: Omit<TrustRequestInput, 'now'>, roleArn: string): void {
  const request = buildTrustRequest({ ...input, now: ctx.now() });
  const decision = evaluateTrust(policy, request);
  if (!decision.allowed) throw trustRefusal(ctx, trustRefusalMessage(request, decision, roleArn), explainTrustDecision(decision));
}

const MAX_TAGS = 50;

/** AssumeRole's session tags (`Tags.member.N.Key`/`.Value`) and `TransitiveTagKeys.member.N`, as the SDKs number them. */
export function sessionTags(params: Params): Pick<TrustRequestInput, 'tags' | 'transitiveTagKeys'> {
  const tags: { key: string; value: string }[] = [];
  for (let i = 1; i <= MAX_TAGS; i++) {
    const key = params.get(`Tags.member.${i}.Key`);
    if (key === undefined) break;
    tags.push({ key, value: params.get(`Tags.member.${i}.Value`) ?? '' });
  }
  const transitive: string[] = [];
  for (let i = 1; i <= MAX_TAGS; i++) {
    const key = params.get(`TransitiveTagKeys.member.${i}`);
    if (key === undefined) break;
    transitive.push(key);
  }
  return { ...(tags.length > 0 ? { tags } : {}), ...(transitive.length > 0 ? { transitiveTagKeys: transitive } : {}) };
}
