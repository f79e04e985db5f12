// A web identity token, end to end (SPEC §9): read from its source, decoded, then its issuer's
// discovery, keys and thumbprints.
import { createHttpAgent, readCaBundle } from '../http/httpAgent.js';
import { describeTokenSource, type TokenSource } from '../webIdentity/tokenSource.js';
import { type Check, fromError, skipped } from './check.js';
import { checkIssuer } from './checkIssuer.js';
import { checkToken } from './checkToken.js';
import type { DoctorDeps, DoctorTransport } from './types.js';

/** The token checks; `secrets` receives the token. */
export async function tokenChecks(deps: DoctorDeps, source: TokenSource | undefined, transport: DoctorTransport, secrets: string[]): Promise<Check[]> {
  if (source === undefined) {
    return [
      skipped(
        'token',
        'token',
        'no web identity token to check (--web-identity-token-file, --oidc github|circleci, --web-identity-token-env, --web-identity-token-process)',
      ),
    ];
  }
  let token: string;
  try {
    token = await deps.obtainToken(source, transport);
  } catch (error) {
    return [fromError('token', 'token', error, `Check ${describeTokenSource(source)}.`)];
  }
  secrets.push(token);
  const finding = checkToken(token, describeTokenSource(source), deps.now());
  if (!finding.jwt || finding.check.status === 'failed') return [finding.check];
  const caPem = transport.caBundle !== undefined ? safeBundle(transport.caBundle) : undefined;
  // The issuer is not the STS endpoint: the CA bundle is trusted besides the public CAs.
  const agent = createHttpAgent({
    ...(transport.caBundle !== undefined ? { caBundle: transport.caBundle } : {}),
    bundle: 'add',
    verify: true,
    timeoutMs: transport.timeoutMs,
  });
  try {
    return [finding.check, ...(await checkIssuer({ jwt: finding.jwt, agent, timeoutMs: transport.timeoutMs, ...(caPem !== undefined ? { caPem } : {}) }))];
  } finally {
    await agent.destroy();
  }
}

function safeBundle(path: string): string | undefined {
  try {
    return readCaBundle(path);
  } catch {
    return undefined;
  }
}
