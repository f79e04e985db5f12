// sts-cli list: every profile of the credentials and config files (SPEC §7), one line each, or as
// JSON; `--names` prints the names alone, for completion scripts (kept fast: nothing is resolved).
import { listProfileNames } from '../../credentials/listProfileNames.js';
import { listProfiles } from '../../credentials/listProfiles.js';
import { configFilePath, credentialsFilePath } from '../../credentials/paths.js';
import { indexProfiles } from '../../credentials/profileIndex.js';
import type { SharedConfigFiles } from '../../credentials/profileTypes.js';
import { readSharedConfigFiles } from '../../credentials/readSharedConfigFiles.js';
import type { CliContext } from '../context.js';
import { cachedSessionLookup, type SessionLookup } from '../session/cachedProfileSession.js';
import type { ListInput } from '../inputs.js';
import { profileListJson, renderProfileTable } from '../profileTable.js';

/** When the cached session of each role and web identity profile expires. */
async function cachedSessions(files: SharedConfigFiles, lookUp: SessionLookup | undefined): Promise<Map<string, Date>> {
  const found = new Map<string, Date>();
  if (!lookUp) return found;
  const { merged } = indexProfiles(files);
  for (const name of listProfileNames(files)) {
    if (!Object.hasOwn(merged.get(name) ?? {}, 'role_arn')) continue;
    // A profile that cannot be used as written is a row with its problem; here it has no session.
    const expiry = await lookUp(name).catch(() => undefined);
    if (expiry) found.set(name, expiry);
  }
  return found;
}

export async function run(input: ListInput, ctx: CliContext): Promise<void> {
  const reading = readSharedConfigFiles({ credentialsFile: credentialsFilePath(ctx.env, ctx.home), configFile: configFilePath(ctx.env, ctx.home) });
  if (input.names) {
    const names = listProfileNames(await reading);
    if (input.format === 'json') ctx.out.data(JSON.stringify(names));
    else if (names.length > 0) ctx.out.data(names.join('\n'));
    return;
  }
  const files = await reading;
  const cached = await cachedSessions(files, cachedSessionLookup(files, ctx));
  const rows = listProfiles(files, { cachedExpiry: (profile) => cached.get(profile.name) });
  if (input.format === 'json') {
    ctx.out.data(profileListJson(rows, ctx.now()));
    return;
  }
  if (rows.length === 0) {
    ctx.out.info(`No profiles in ${files.credentialsPath} or ${files.configPath}.`);
    return;
  }
  ctx.out.data(renderProfileTable(rows, ctx.now(), ctx.out.paint));
}
