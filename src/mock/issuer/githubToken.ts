// The mock as GitHub Actions' token service (SPEC §9): the claims a runner's ID token carries,
// from the config's `github` defaults and the request's query, issued by GitHub's issuer URL and
// signed with the mock's own key (which is why the mock trusts them). exp is 5 minutes after iat
// and nbf 5 minutes before it, as GitHub backdates nbf for clock skew.
import { randomUUID } from 'node:crypto';
import type { JWTPayload } from 'jose';
import type { MockGithub } from '../types.js';

export const GITHUB_ISSUER = 'https://token.actions.githubusercontent.com';
export const GITHUB_DEFAULT_AUDIENCE = 'sts.amazonaws.com';
const LIFETIME_SECONDS = 300;
const NBF_BACKDATE_SECONDS = 300;

/** The claims a request (query) or the config may set, with GitHub's example values as defaults. */
export const GITHUB_CLAIMS = [
  'sub',
  'repository',
  'repository_owner',
  'repository_id',
  'repository_owner_id',
  'repository_visibility',
  'ref',
  'ref_type',
  'ref_protected',
  'sha',
  'workflow',
  'workflow_ref',
  'workflow_sha',
  'job_workflow_ref',
  'job_workflow_sha',
  'actor',
  'actor_id',
  'event_name',
  'environment',
  'head_ref',
  'base_ref',
  'run_id',
  'run_number',
  'run_attempt',
  'runner_environment',
] as const;
export type GithubClaim = (typeof GITHUB_CLAIMS)[number];

const FIXED: Partial<Record<GithubClaim, string>> = {
  repository: 'octo-org/octo-repo',
  repository_id: '74',
  repository_owner_id: '65',
  repository_visibility: 'private',
  ref: 'refs/heads/main',
  ref_protected: 'false',
  sha: 'e0c3ed9f82f4e4a8f65d0a1b0a2c81f4b1f5cd2a',
  workflow: 'CI',
  actor: 'octocat',
  actor_id: '583231',
  event_name: 'push',
  head_ref: '',
  base_ref: '',
  run_id: '1',
  run_number: '1',
  run_attempt: '1',
  runner_environment: 'github-hosted',
};

/** GitHub's subject: environment first, then pull_request, else the ref (its default template). */
function subject(c: Record<string, string>): string {
  if (c.environment) return `repo:${c.repository}:environment:${c.environment}`;
  if (c.event_name === 'pull_request') return `repo:${c.repository}:pull_request`;
  return `repo:${c.repository}:ref:${c.ref}`;
}

/**
 * The payload of one token: `given` (query parameters of the claim names) over the config's
 * defaults over GitHub's examples; the claims derived from others (sub, repository_owner,
 * ref_type, workflow_ref, …) follow what was given unless given themselves.
 */
export function githubClaims(now: Date, audience: string, given: ReadonlyMap<string, string>, defaults: MockGithub = {}): JWTPayload {
  const c: Record<string, string> = {};
  const set = (name: GithubClaim): string | undefined => given.get(name) ?? defaults[name] ?? FIXED[name];
  for (const name of GITHUB_CLAIMS) {
    const value = set(name);
    if (value !== undefined) c[name] = value;
  }
  c.repository_owner ??= c.repository!.split('/')[0]!;
  c.ref_type ??= c.ref!.startsWith('refs/tags/') ? 'tag' : 'branch';
  c.workflow_ref ??= `${c.repository}/.github/workflows/${c.workflow!.toLowerCase().replace(/[^a-z0-9._-]+/g, '-')}.yml@${c.ref}`;
  c.workflow_sha ??= c.sha!;
  c.job_workflow_ref ??= c.workflow_ref;
  c.job_workflow_sha ??= c.workflow_sha;
  c.sub ??= subject(c);
  const iat = Math.floor(now.getTime() / 1000);
  return { jti: randomUUID(), ...c, aud: audience, iss: GITHUB_ISSUER, nbf: iat - NBF_BACKDATE_SECONDS, exp: iat + LIFETIME_SECONDS, iat };
}
