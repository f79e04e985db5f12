// Turns command-line flags and the environment into checked STS parameters and a transport,
// shared by assume, assume-web-identity, whoami and credential-process.
import { readFileSync } from 'node:fs';
import { FileError, InvalidParameterError, UsageError } from '../errors.js';
import { checkAssumeRoleParams, checkWebIdentityParams, parseDuration, parseTags, readPolicyArgument } from '../sts/params.js';
import { resolveEndpoint, resolveRegion } from '../sts/endpoint.js';
import type { AssumeRoleParams, AssumeRoleWithWebIdentityParams } from '../sts/types.js';
import type { CliContext } from './context.js';
import { stringFlag, type Flags } from './flags.js';

const list = (value: unknown): string[] =>
  Array.isArray(value)
    ? value
        .flatMap((v) => String(v).split(','))
        .map((v) => v.trim())
        .filter(Boolean)
    : [];

function readLocalFile(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new FileError(path, `Cannot read the ${what} file ${path} (${code ?? 'error'}).`, { cause: error, hint: 'Check the path and its permissions.' });
  }
}

function sessionName(flags: Flags, ctx: CliContext): string {
  return stringFlag(flags.roleSessionName) ?? ctx.env.AWS_ROLE_SESSION_NAME ?? `sts-cli-${Math.floor(ctx.now().getTime() / 1000)}`;
}

function duration(flags: Flags): number | undefined {
  const a = stringFlag(flags.durationSeconds);
  const b = stringFlag(flags.duration);
  if (a !== undefined && b !== undefined && a !== b) throw new UsageError('Give --duration-seconds or --duration, not both.');
  const text = a ?? b;
  return text === undefined ? undefined : parseDuration(text);
}

function policy(flags: Flags): string | undefined {
  const text = stringFlag(flags.policy);
  return text === undefined ? undefined : readPolicyArgument(text, (path) => readLocalFile(path, 'policy'));
}

/** Duration and session policies: the parameters both assume commands share. */
function sessionShape(flags: Flags): Pick<AssumeRoleParams, 'durationSeconds' | 'policy' | 'policyArns'> {
  const shape: Pick<AssumeRoleParams, 'durationSeconds' | 'policy' | 'policyArns'> = {};
  const seconds = duration(flags);
  if (seconds !== undefined) shape.durationSeconds = seconds;
  const inline = policy(flags);
  if (inline !== undefined) shape.policy = inline;
  const arns = list(flags.policyArns);
  if (arns.length) shape.policyArns = arns;
  return shape;
}

/** AssumeRole parameters from flags, checked client-side (throws before anything is sent). */
export async function assumeRoleParams(flags: Flags, ctx: CliContext): Promise<AssumeRoleParams> {
  const params: AssumeRoleParams = { roleSessionName: sessionName(flags, ctx) };
  const roleArn = stringFlag(flags.roleArn);
  if (roleArn !== undefined) params.roleArn = roleArn;
  Object.assign(params, sessionShape(flags));
  for (const key of ['externalId', 'serialNumber', 'sourceIdentity'] as const) {
    const value = stringFlag(flags[key]);
    if (value !== undefined) params[key] = value;
  }
  const tags = Array.isArray(flags.tags) ? (flags.tags as string[]) : [];
  if (tags.length) params.tags = parseTags(tags);
  const transitive = list(flags.transitiveTagKeys);
  if (transitive.length) params.transitiveTagKeys = transitive;
  let tokenCode = stringFlag(flags.tokenCode);
  if (tokenCode === undefined && params.serialNumber !== undefined) {
    if (!ctx.interactive) {
      throw new InvalidParameterError('TokenCode', '--serial-number needs --token-code when standard input is not a terminal.', {
        hint: 'Pass the current 6-digit code with --token-code.',
      });
    }
    tokenCode = await ctx.prompt(`MFA code for ${params.serialNumber}: `);
  }
  if (tokenCode !== undefined) params.tokenCode = tokenCode;
  checkAssumeRoleParams(params);
  return params;
}

/** The web identity token: the flag, else the file flag, else AWS_WEB_IDENTITY_TOKEN_FILE, read now. */
function webIdentityToken(flags: Flags, ctx: CliContext): string {
  const inline = stringFlag(flags.webIdentityToken);
  const file = stringFlag(flags.webIdentityTokenFile) ?? (inline === undefined ? ctx.env.AWS_WEB_IDENTITY_TOKEN_FILE : undefined);
  if (inline !== undefined && stringFlag(flags.webIdentityTokenFile) !== undefined) {
    throw new UsageError('Give --web-identity-token or --web-identity-token-file, not both.');
  }
  if (inline !== undefined) return inline.trim();
  if (file === undefined || file === '') {
    throw new UsageError('No web identity token: pass --web-identity-token-file (or --web-identity-token), or set AWS_WEB_IDENTITY_TOKEN_FILE.');
  }
  return readLocalFile(file, 'web identity token').trim();
}

export function webIdentityParams(flags: Flags, ctx: CliContext): AssumeRoleWithWebIdentityParams {
  const params: AssumeRoleWithWebIdentityParams = {
    roleSessionName: sessionName(flags, ctx),
    webIdentityToken: webIdentityToken(flags, ctx),
  };
  ctx.out.addSecret(params.webIdentityToken);
  const roleArn = stringFlag(flags.roleArn) ?? ctx.env.AWS_ROLE_ARN;
  if (roleArn !== undefined && roleArn !== '') params.roleArn = roleArn;
  Object.assign(params, sessionShape(flags));
  const providerId = stringFlag(flags.providerId);
  if (providerId !== undefined) params.providerId = providerId;
  checkWebIdentityParams(params);
  return params;
}

export interface Transport {
  endpoint: string;
  region: string;
  caBundle?: string;
  verifySsl: boolean;
  timeoutMs: number;
}

/** Endpoint, region and TLS settings (SPEC §2 order), with a profile's region and endpoint_url as fallbacks. */
export function transport(flags: Flags, ctx: CliContext, profile: { region?: string; endpointUrl?: string } = {}): Transport {
  const region = resolveRegion({ flag: stringFlag(flags.region), env: ctx.env, profileRegion: profile.region });
  const endpoint = resolveEndpoint({ flag: stringFlag(flags.endpointUrl), env: ctx.env, profileEndpointUrl: profile.endpointUrl, region });
  const timeoutText = stringFlag(flags.timeout) ?? '30';
  const timeout = Number(timeoutText);
  if (!Number.isFinite(timeout) || timeout <= 0) throw new UsageError(`--timeout must be a positive number of seconds, not "${timeoutText}".`);
  const caBundle = stringFlag(flags.caBundle) ?? (ctx.env.AWS_CA_BUNDLE || undefined);
  return {
    endpoint,
    region,
    ...(caBundle !== undefined ? { caBundle } : {}),
    verifySsl: flags.verifySsl !== false,
    timeoutMs: Math.round(timeout * 1000),
  };
}
