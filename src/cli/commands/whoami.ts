// sts-cli whoami: GetCallerIdentity with a profile's credentials; account, ARN and time left.
import { ExpiredCredentialsError, StsServiceError } from '../../errors.js';
import type { CallerIdentity } from '../../sts/types.js';
import type { CliContext } from '../context.js';
import { timeLeft } from '../output.js';
import { openStsSession } from '../stsSession.js';
import { stringFlag, type Flags } from '../flags.js';
import { isoSeconds } from '../../credentials/isoSeconds.js';

const NOT_OFFERED = new Set(['MethodNotAllowed', 'InvalidAction', 'NotImplemented']);

export async function run(flags: Flags, ctx: CliContext): Promise<void> {
  const profileFlag = stringFlag(flags.profile);
  const session = await openStsSession(flags, ctx, { signed: true, ...(profileFlag !== undefined ? { profileFlag } : {}) });
  const { client, endpoint, sourceExpiration: expiration } = session;
  // Stored credentials that have expired are exit 3 (renew them), not a server refusal.
  if (expiration && expiration.getTime() <= ctx.now().getTime()) {
    await client.close();
    throw new ExpiredCredentialsError(session.sourceProfile ?? profileFlag ?? 'default', expiration);
  }
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
  if (flags.format === 'json') {
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
