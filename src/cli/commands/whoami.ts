// sts-cli whoami [PROFILE]: GetCallerIdentity with a profile's credentials (a role profile is
// assumed first, through the cache); account, ARN and time left.
import { StsServiceError, UsageError } from '../../errors.js';
import type { CallerIdentity } from '../../sts/types.js';
import type { CliContext } from '../context.js';
import { timeLeft } from '../output.js';
import type { WhoamiInput } from '../inputs.js';
import { resolveConnection } from '../resolveConnection.js';
import { sessionOptionsOf } from '../session/sessionOptions.js';
import { refuseExpired } from '../session/signer.js';
import { openStsClient } from '../stsSession.js';
import { isoSeconds } from '../../credentials/isoSeconds.js';

const NOT_OFFERED = new Set(['MethodNotAllowed', 'InvalidAction', 'NotImplemented']);

export async function run(input: WhoamiInput, ctx: CliContext, args: string[] = []): Promise<void> {
  const [argument] = args;
  if (argument !== undefined && input.profile !== undefined && argument !== input.profile) {
    throw new UsageError(`Two profiles were named: "${argument}" as the argument and "${input.profile}" with --profile.`, { hint: 'Name the profile once.' });
  }
  const options = sessionOptionsOf(input, ctx);
  const connection = await resolveConnection({ kind: 'source', profile: argument ?? input.profile, profileFlag: '--profile' }, input, ctx, 'aws', options);
  const { transport, sourceExpiration: expiration } = connection;
  // Stored credentials that have expired are exit 3 (renew them), not a server refusal.
  refuseExpired(connection, ctx.now(), input.profile);
  const client = openStsClient(connection, ctx);
  const { endpoint } = transport;
  let identity: CallerIdentity;
  try {
    identity = await client.getCallerIdentity();
  } catch (error) {
    if (error instanceof StsServiceError && (error.httpStatus === 405 || NOT_OFFERED.has(error.serviceCode))) {
      throw new StsServiceError(error.serviceCode, `${endpoint} does not offer GetCallerIdentity`, error.httpStatus, error.requestId, {
        hint: 'Ceph RGW before Quincy (17) and some other STS servers lack it; the credentials may still be valid.',
      });
    }
    throw error;
  } finally {
    await client.close();
  }
  const expires = expiration ? isoSeconds(expiration) : undefined;
  if (input.format === 'json') {
    ctx.out.data(
      JSON.stringify({
        Account: identity.account,
        Arn: identity.arn,
        UserId: identity.userId,
        ...(expiration ? { Expiration: expires, SecondsLeft: Math.max(0, Math.round((expiration.getTime() - ctx.now().getTime()) / 1000)) } : {}),
      }),
    );
    return;
  }
  const lines = [`Account: ${identity.account}`, `Arn:     ${identity.arn}`, `UserId:  ${identity.userId}`];
  lines.push(expiration ? `Expires: ${expires} (${timeLeft(expiration, ctx.now())})` : 'Expires: never (long-term keys)');
  ctx.out.data(lines.join('\n'));
}
