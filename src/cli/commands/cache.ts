// sts-cli cache clear: empties sts-cli's cache of assumed sessions (SPEC §7), every entry and
// nothing else; the next assume, env or exec asks the STS (and the MFA device) again.
import { clearCache } from '../../credentials/cache.js';
import { cacheDir } from '../../credentials/paths.js';
import type { CliContext } from '../context.js';
import type { CacheInput } from '../inputs.js';

export async function run(_input: CacheInput, ctx: CliContext): Promise<void> {
  const dir = cacheDir(ctx.env, ctx.home);
  const removed = await clearCache(dir);
  ctx.out.info(removed === 0 ? `No cached sessions in ${dir}.` : `Removed ${removed} cached session${removed === 1 ? '' : 's'} from ${dir}.`);
}
