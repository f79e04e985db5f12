// The endpoint, layer by layer (SPEC §9): DNS, TCP and TLS, then HTTP, which dialect answers, the
// clock against its Date header, and GetCallerIdentity with the source credentials.
import { createHttpAgent, readCaBundle } from '../http/httpAgent.js';
import { type Check, failed, fromError, passed, skipped, warning } from './check.js';
import { checkClock } from './checkClock.js';
import { checkIdentity } from './checkCredentials.js';
import { checkReachability } from './checkReachability.js';
import { detectDialect } from './detectDialect.js';
import { probeEndpoint } from './probeEndpoint.js';
import type { DoctorConnection, DoctorDeps } from './types.js';

/** Every endpoint check; `signerUsable`: the credentials can be tried with GetCallerIdentity. */
export async function endpointChecks(deps: DoctorDeps, connection: DoctorConnection, signerUsable: boolean): Promise<Check[]> {
  const { transport } = connection;
  const checks: Check[] = [];
  let caPem: string | undefined;
  if (transport.caBundle !== undefined) {
    try {
      caPem = readCaBundle(transport.caBundle);
    } catch (error) {
      return [fromError('tls', 'TLS', error, 'Check --ca-bundle or AWS_CA_BUNDLE.')];
    }
  }
  const url = new URL(transport.endpoint);
  const reach = await checkReachability({
    url,
    verify: transport.verifySsl,
    timeoutMs: transport.timeoutMs,
    env: deps.env,
    now: deps.now(),
    ...(caPem !== undefined ? { caPem, caBundlePath: transport.caBundle! } : {}),
  });
  checks.push(...reach.checks);
  const later = (why: string) => [
    skipped('http', 'HTTP', why),
    skipped('dialect', 'dialect', why),
    skipped('clock', 'clock', why),
    skipped('identity', 'identity', why),
  ];
  if (!reach.reachable) return [...checks, ...later('the endpoint cannot be reached')];

  const agent = createHttpAgent({
    ...(transport.caBundle !== undefined ? { caBundle: transport.caBundle } : {}),
    bundle: 'replace',
    verify: transport.verifySsl,
    timeoutMs: transport.timeoutMs,
  });
  try {
    const probe = await probeEndpoint({
      agent,
      endpoint: transport.endpoint,
      dialect: connection.dialect,
      region: transport.region,
      timeoutMs: transport.timeoutMs,
      userAgent: deps.userAgent,
      now: deps.now,
    });
    if (!probe.first) {
      const failure = probe.failure!;
      const fix =
        failure.kind === 'tls'
          ? 'Pass --ca-bundle FILE (or set AWS_CA_BUNDLE) with the CA that signed it, or --no-verify-ssl.'
          : failure.kind === 'timeout'
            ? 'The server accepts connections but does not answer: check it, or raise --timeout.'
            : 'Check the endpoint URL and any HTTPS_PROXY setting.';
      checks.push(failed('http', 'HTTP', `no HTTP answer: ${failure.phrase}`, fix), ...later('no HTTP answer').slice(1));
      return checks;
    }
    const { answer, receivedAt, elapsedMs } = probe.first;
    const type = answer.headers['content-type'];
    checks.push(
      passed('http', 'HTTP', `answered HTTP ${answer.status}${type ? ` (${Array.isArray(type) ? type[0] : type})` : ''} in ${Math.round(elapsedMs)} ms`),
    );
    const finding = detectDialect(probe.observations);
    if (!finding.dialect) {
      checks.push(
        warning(
          'dialect',
          'dialect',
          `${finding.label}: ${finding.evidence}`,
          'Check that the endpoint URL is the STS endpoint (MinIO and Ceph: the S3 URL; Dell ECS: with --auth ecs-token).',
        ),
      );
    } else if (finding.dialect === 'ecs' && connection.dialect !== 'ecs') {
      checks.push(
        warning('dialect', 'dialect', `${finding.label}: ${finding.evidence}`, 'Dell ECS wants --auth ecs-token with --auth-token (or ECS_AUTH_TOKEN).'),
      );
    } else if (finding.dialect !== 'ecs' && connection.dialect === 'ecs') {
      checks.push(
        warning('dialect', 'dialect', `${finding.label}: ${finding.evidence}`, 'Only Dell ECS takes --auth ecs-token: sign with keys (--auth sigv4) here.'),
      );
    } else checks.push(passed('dialect', 'dialect', `${finding.label}: ${finding.evidence}`));
    const date = answer.headers.date;
    checks.push(checkClock(Array.isArray(date) ? date[0] : date, receivedAt));
  } finally {
    await agent.destroy();
  }
  if (connection.signer.kind === 'none') checks.push(skipped('identity', 'identity', 'a web identity: assume-web-identity says whom the token makes you'));
  else if (!signerUsable) checks.push(skipped('identity', 'identity', 'no usable source credentials'));
  else checks.push(await checkIdentity(deps, connection));
  return checks;
}
