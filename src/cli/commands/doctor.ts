// sts-cli doctor: what a call would use (the profile, its source, the endpoint, the token), each
// part checked and reported with a fix (SPEC §9). Exit 0 when nothing failed, 1 otherwise.
import type { ResolvedProfile } from '../../credentials/profileTypes.js';
import { configFilePath, credentialsFilePath } from '../../credentials/paths.js';
import { UsageError } from '../../errors.js';
import { renderJson, renderText, hasFailure } from '../../doctor/renderReport.js';
import { type DoctorConnection, type DoctorSigner, runDoctor } from '../../doctor/runDoctor.js';
import { describeRetry } from '../../sts/retry.js';
import { obtainToken } from '../../webIdentity/obtainToken.js';
import { profileTokenSource } from '../../webIdentity/profileTokenSource.js';
import type { CliContext } from '../context.js';
import type { DoctorInput } from '../inputs.js';
import { type Connection, resolveConnection, resolveTransport, type Transport } from '../resolveConnection.js';
import { webIdentityTokenSource } from '../resolveTokenSource.js';
import { openStsClient } from '../stsSession.js';
import { version } from '../version.js';

function profileToCheck(input: DoctorInput, ctx: CliContext, args: string[]): { name: string; namedBy: string; optional?: boolean } | undefined {
  const argument = args[0];
  if (argument !== undefined && input.profile !== undefined && argument !== input.profile) {
    throw new UsageError(`Name the profile once: "${argument}" as the argument or "${input.profile}" with --profile.`);
  }
  if (argument !== undefined) return { name: argument, namedBy: 'the argument' };
  if (input.profile !== undefined) return { name: input.profile, namedBy: '--profile' };
  if (input.sourceProfile !== undefined) return { name: input.sourceProfile, namedBy: '--source-profile' };
  if (ctx.env.AWS_PROFILE) return { name: ctx.env.AWS_PROFILE, namedBy: 'AWS_PROFILE' };
  if (ctx.env.AWS_ACCESS_KEY_ID || ctx.env.AWS_SECRET_ACCESS_KEY) return undefined;
  return { name: 'default', namedBy: 'the default', optional: true };
}

/** Which profile's keys sign for `profile`, or why doctor does not open its source. */
function signingProfile(profile: ResolvedProfile | undefined): { profile: string | undefined } | { unchecked: string } {
  if (profile === undefined) return { profile: undefined };
  const source = profile.source;
  switch (source.type) {
    case 'static':
      return { profile: source.profile };
    case 'environment':
      return { profile: undefined };
    case 'process':
      return { unchecked: `doctor does not run the credential_process of profile ${source.profile}` };
    case 'sso':
    case 'login':
      return { unchecked: `profile ${source.profile} signs in through AWS ${source.type === 'sso' ? 'SSO' : 'login'}, which sts-cli does not use` };
    default:
      return { profile: profile.name };
  }
}

export async function run(input: DoctorInput, ctx: CliContext, args: string[]): Promise<number> {
  const profile = profileToCheck(input, ctx, args);
  const tokenSource = webIdentityTokenSource(input, ctx.env);
  let signing: Connection | undefined;

  const connect = async (resolved: ResolvedProfile | undefined): Promise<DoctorConnection> => {
    const settings = { region: resolved?.region, endpointUrl: resolved?.endpointUrl };
    const transport: Transport = resolveTransport(input, ctx, settings);
    const webIdentity = tokenSource !== undefined || resolved?.kind === 'web-identity';
    const dialect = input.auth === 'ecs-token' ? 'ecs' : 'aws';
    if (webIdentity) return { transport, dialect: 'aws', signer: { kind: 'none' } };
    let signer: DoctorSigner;
    try {
      if (input.auth === 'ecs-token') {
        signing = await resolveConnection({ kind: 'ecs-token', token: input.authToken }, input, ctx, 'ecs');
        signer = { kind: 'ecs-token', origin: input.authToken !== undefined ? '--auth-token' : 'ECS_AUTH_TOKEN' };
      } else {
        const who = signingProfile(resolved);
        if ('unchecked' in who) return { transport, dialect, signer: { kind: 'unchecked', reason: who.unchecked } };
        const flag = input.sourceProfile !== undefined ? '--source-profile' : '--profile';
        signing = await resolveConnection({ kind: 'source', profile: input.sourceProfile ?? who.profile, profileFlag: flag }, input, ctx);
        if (signing.auth.kind !== 'sigv4') throw new Error('unreachable: a source connection signs with SigV4');
        signer = {
          kind: 'sigv4',
          credentials: signing.auth.credentials,
          origin: signing.origin,
          ...(signing.sourceProfile !== undefined ? { profile: signing.sourceProfile } : {}),
        };
      }
    } catch (error) {
      signer = { kind: 'failed', error };
    }
    // With no profile, the transport falls back on the source's own region and endpoint, as assume's does.
    return { transport: resolved === undefined && signing ? signing.transport : transport, dialect, signer };
  };

  const report = await runDoctor({
    now: ctx.now,
    env: ctx.env,
    userAgent: `sts-cli/${version}`,
    paths: { credentialsFile: credentialsFilePath(ctx.env, ctx.home), configFile: configFilePath(ctx.env, ctx.home) },
    ...(profile !== undefined ? { profile } : {}),
    ...(tokenSource !== undefined ? { tokenSource } : {}),
    connect,
    profileTokenSource: (resolved) => (resolved.source.type === 'web-identity' ? profileTokenSource(resolved.source) : undefined),
    callerIdentity: async () => {
      const client = openStsClient(signing!, ctx);
      try {
        return await client.getCallerIdentity();
      } finally {
        await client.close();
      }
    },
    obtainToken: async (source, transport) => {
      const token = await obtainToken(source, {
        env: ctx.env,
        timeoutMs: transport.timeoutMs,
        ...(transport.caBundle !== undefined ? { caBundle: transport.caBundle } : {}),
        userAgent: `sts-cli/${version}`,
        accessTokenAllowed: false,
        onRetry: (event) => ctx.out.warn(`the token service: ${describeRetry(event)}`),
        debug: (line) => ctx.out.debug(line),
      });
      ctx.out.addSecret(token);
      return token;
    },
  });
  ctx.out.data(input.format === 'json' ? renderJson(report) : renderText(report));
  return hasFailure(report) ? 1 : 0;
}
