// The credentials profile NAME gives, for env, exec and whoami (SPEC §7): stored keys read as
// before, a role profile assumed (each hop of its chain through the cache), a credential_process
// run, a web identity assumed. Absent or expired credentials are exit 3.
import { ExpiredCredentialsError, UsageError } from '../../errors.js';
import type { AwsCredentials } from '../../sts/types.js';
import type { CliContext } from '../context.js';
import { connect, planNamedProfile, resolveTransport } from '../resolveConnection.js';
import type { SessionOptions } from './sessionOptions.js';

export interface ProfileCredentials {
  name: string;
  credentials: AwsCredentials;
  /** The profile's region (credentials file over config file), for a child's AWS_REGION. */
  region?: string;
  /** The credentials are a session sts-cli obtains (a role, process or web identity profile), not keys stored in the files. */
  renewable: boolean;
  /** For a role or web identity profile: the role assumed last, and whom the session belongs to. */
  roleArn?: string;
  assumedRoleArn?: string;
}

/** The transport of env and exec, which have no endpoint flags: the environment and the profile decide. */
const DEFAULT_TRANSPORT = { timeout: '30', verifySsl: true } as const;

/** The profile a command names: its argument or --profile (not two different ones), else AWS_PROFILE, else default. */
export function profileToUse(argument: string | undefined, flag: string | undefined, ctx: CliContext): { name: string; how: string } {
  if (argument !== undefined && flag !== undefined && argument !== flag) {
    throw new UsageError(`Two profiles were named: "${argument}" as the argument and "${flag}" with --profile.`, { hint: 'Name the profile once.' });
  }
  if (argument !== undefined) return { name: argument, how: 'the profile argument' };
  if (flag !== undefined && flag !== '') return { name: flag, how: 'from --profile' };
  if (ctx.env.AWS_PROFILE) return { name: ctx.env.AWS_PROFILE, how: 'from AWS_PROFILE' };
  return { name: 'default', how: 'the default profile' };
}

/** Reads (or obtains) the credentials of profile `name`; `how` says how it was named, for messages. */
export async function readProfileCredentials(name: string, how: string, ctx: CliContext, options: SessionOptions): Promise<ProfileCredentials> {
  const planned = await planNamedProfile(name, how, ctx);
  const region = planned.settings.region;
  const base = { name, ...(region !== undefined ? { region } : {}) };
  if (planned.auth.kind !== 'source') throw new Error('a named profile plans a source');
  const { plan } = planned.auth;
  if (plan.first.kind === 'keys' && plan.hops.length === 0) {
    const { credentials } = plan.first;
    if (credentials.expiration && credentials.expiration.getTime() <= ctx.now().getTime()) throw new ExpiredCredentialsError(name, credentials.expiration);
    ctx.out.addSecret(credentials.secretAccessKey);
    ctx.out.addSecret(credentials.sessionToken);
    return { ...base, credentials, renewable: false };
  }
  const transport = resolveTransport(DEFAULT_TRANSPORT, ctx, planned.settings);
  const signer = await connect(planned.auth, transport, 'aws', ctx, options);
  if (signer.auth.kind !== 'sigv4') throw new UsageError(`Profile "${name}" gives no AWS credentials (it signs with an ECS token).`);
  const roleArn = plan.hops.at(-1)?.roleArn ?? (plan.first.kind === 'web-identity' ? plan.first.source.roleArn : undefined);
  return {
    ...base,
    credentials: signer.auth.credentials,
    renewable: true,
    ...(roleArn ? { roleArn } : {}),
    ...(signer.assumedRoleArn ? { assumedRoleArn: signer.assumedRoleArn } : {}),
  };
}
