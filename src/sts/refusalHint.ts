// What to do about a refusal whose server message says why (issue 8 item 7): a region mismatch is
// not a wrong secret, and a refused ECS token is not an access key. Rules are data (STYLE 4),
// matched on the code, the server's words and how the request proved who sent it. The server's
// message itself is never changed; a hint found here takes the place of a guess made from the
// code alone (the CLI's table), which is only a fallback.
import type { AuthKind } from './auth.js';

/** What the client knows about the request that was refused. */
export interface RefusalContext {
  /** The region the request was signed for. */
  region: string;
  auth: AuthKind;
}

interface Refusal {
  status: number;
  /** The server's error code, when the answer had one. */
  code?: string;
  message: string;
}

interface Rule {
  /** Any of these codes; absent: any code, or none. */
  codes?: readonly string[];
  /** The server's message must match. */
  message?: RegExp;
  /** Any of these HTTP statuses. */
  statuses?: readonly number[];
  auth?: AuthKind;
  hint: (refusal: Refusal, context: RefusalContext) => string;
}

const SIGNATURE_CODES = ['SignatureDoesNotMatch', 'AuthorizationHeaderMalformed', 'InvalidSignatureException', 'InvalidRegion', 'IncompleteSignature'];
const TOKEN_CODES = ['InvalidClientTokenId', 'InvalidToken', 'ExpiredToken', 'MissingAuthenticationToken'];
// AWS: "Credential should be scoped to a valid region[, not 'x']." MinIO: "the region is wrong;
// expecting 'x'", "Region does not match; expecting 'x'".
const WRONG_REGION = /scoped to a valid region|region is wrong|region does not match|invalid region/i;
const EXPECTED_REGION = /expecting '([a-z0-9-]+)'/i;
const ECS_TOKEN_HINT =
  "The endpoint refused the ECS token: check --auth-token or ECS_AUTH_TOKEN. An ECS token expires (after 8 hours, or 2 idle by default): get a fresh one from the ECS API's /login.";

const RULES: readonly Rule[] = [
  {
    codes: SIGNATURE_CODES,
    message: WRONG_REGION,
    hint: (refusal, { region }) => {
      const expected = EXPECTED_REGION.exec(refusal.message)?.[1];
      return expected
        ? `The endpoint serves region ${expected}, and the request was signed for ${region}: pass --region ${expected}.`
        : `The endpoint serves another region than ${region}, which the request was signed for: pass its region with --region (or AWS_REGION).`;
    },
  },
  {
    codes: SIGNATURE_CODES,
    message: /scoped to correct service/i,
    hint: () => 'The endpoint expects requests signed for another service than STS: is --endpoint-url an STS endpoint?',
  },
  { auth: 'ecs-token', codes: TOKEN_CODES, hint: () => ECS_TOKEN_HINT },
  // Dell ECS answers an expired or unknown token with 401, or a redirect to /login.
  { auth: 'ecs-token', statuses: [401, 302], hint: () => ECS_TOKEN_HINT },
];

/** The hint for a refusal that the server explained, or undefined when its code says enough. */
export function refusalHint(refusal: Refusal, context: RefusalContext | undefined): string | undefined {
  if (!context) return undefined;
  const rule = RULES.find(
    (r) =>
      (r.codes === undefined || (refusal.code !== undefined && r.codes.includes(refusal.code))) &&
      (r.message === undefined || r.message.test(refusal.message)) &&
      (r.statuses === undefined || r.statuses.includes(refusal.status)) &&
      (r.auth === undefined || r.auth === context.auth),
  );
  return rule?.hint(refusal, context);
}
