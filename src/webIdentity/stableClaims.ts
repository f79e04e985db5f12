// What a fetched token says about whom it speaks for, without what changes at every issue. A
// GitHub or Buildkite job gets a new token at each request (new iat, nbf, exp, jti) that names the
// same workflow, job and subject; the credential cache keys such tokens on this, not on the token.

/** Claims that differ between two tokens issued to the same job a minute apart. */
export const PER_ISSUE_CLAIMS: ReadonlySet<string> = new Set(['iat', 'nbf', 'exp', 'jti', 'auth_time']);

/**
 * Every claim but the per-issue ones: iss, sub, aud and all the others a trust policy may test
 * (repository, ref, environment, job_workflow_ref, actor, run_id, …). Two tokens with equal stable
 * claims are, for any trust policy, the same caller.
 */
export function stableClaims(payload: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(payload).filter(([name]) => !PER_ISSUE_CLAIMS.has(name)));
}
