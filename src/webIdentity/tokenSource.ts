// Where a web identity token comes from (SPEC §2, §7, §9), as chosen by flags, the environment or a
// profile; obtainToken.ts reads it. Values only.

/** The audience GitHub's token is asked for when --audience names none: what AWS STS expects. */
export const DEFAULT_GITHUB_AUDIENCE = 'sts.amazonaws.com';

/** CircleCI's variable holding the job's OIDC token (the v2 claims). */
export const CIRCLECI_TOKEN_VARIABLE = 'CIRCLE_OIDC_TOKEN_V2';

export type TokenSource =
  /** --web-identity-token: the token itself. */
  | { kind: 'inline'; token: string }
  /** --web-identity-token-file, AWS_WEB_IDENTITY_TOKEN_FILE or a profile's web_identity_token_file: read at call time. */
  | { kind: 'file'; path: string }
  /** --web-identity-token-env NAME: a variable the CI job sets (GitLab's id_tokens). */
  | { kind: 'env'; name: string }
  /** --oidc github: asked from the runner's token service at each call. */
  | { kind: 'github'; audience: string }
  /** --oidc circleci: $CIRCLE_OIDC_TOKEN_V2. */
  | { kind: 'circleci' }
  /**
   * --web-identity-token-process or a profile's web_identity_token_process: a command (run by the
   * shell, as aws-vault runs it) whose stdout is the token, run at each call.
   */
  | { kind: 'process'; command: string; origin: string };

export type TokenSourceKind = TokenSource['kind'];

/** The source as a user named it, for messages: never the token. */
export function describeTokenSource(source: TokenSource): string {
  switch (source.kind) {
    case 'inline':
      return '--web-identity-token';
    case 'file':
      return `the token file ${source.path}`;
    case 'env':
      return `--web-identity-token-env ${source.name}`;
    case 'github':
      return '--oidc github';
    case 'circleci':
      return '--oidc circleci';
    case 'process':
      return source.origin;
  }
}

/**
 * True for sources that hand out a new token at every read (GitHub's service, a token command):
 * their tokens are keyed in the cache by their stable claims, since a digest of the token itself
 * would never match twice. A file or a variable gives the same token until it is replaced.
 */
export function issuesNewTokens(source: TokenSource): boolean {
  return source.kind === 'github' || source.kind === 'process';
}
