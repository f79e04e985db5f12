// The environment of the child of `exec --server` (pure): the endpoint's two variables, and none of
// those the SDKs would prefer to it or that hold sts-cli's own secrets (SPEC §8, §11).
import { isOwnSecretVariable } from '../ownSecretVariables.js';

/**
 * Removed from the child's environment. Static keys and a profile come first in every SDK's chain;
 * a web identity token file (with AWS_ROLE_ARN) comes before the container provider in botocore and
 * the JS SDK; a relative URI or a token file beat the full URI and the token in botocore and the JS SDK.
 */
export const SHADOWING_VARIABLES: readonly string[] = [
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_SECURITY_TOKEN',
  'AWS_CREDENTIAL_EXPIRATION',
  'AWS_PROFILE',
  'AWS_DEFAULT_PROFILE',
  'AWS_WEB_IDENTITY_TOKEN_FILE',
  'AWS_ROLE_ARN',
  'AWS_ROLE_SESSION_NAME',
  'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
  'AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE',
];

export function containerChildEnvironment(env: NodeJS.ProcessEnv, endpoint: { env: Readonly<Record<string, string>> }, region?: string): NodeJS.ProcessEnv {
  const child: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(env)) {
    if (!SHADOWING_VARIABLES.includes(name) && !isOwnSecretVariable(name)) child[name] = value;
  }
  Object.assign(child, endpoint.env);
  if (region && !child.AWS_REGION && !child.AWS_DEFAULT_REGION) {
    child.AWS_REGION = region;
    child.AWS_DEFAULT_REGION = region;
  }
  return child;
}
