// sts-cli list: every profile of the credentials and config files (SPEC §7), one line each, or as
// JSON; `--names` prints the names alone, for completion scripts (kept fast: nothing is resolved).
import { listProfileNames } from '../../credentials/listProfileNames.js';
import { listProfiles } from '../../credentials/listProfiles.js';
import { configFilePath, credentialsFilePath } from '../../credentials/paths.js';
import { readSharedConfigFiles } from '../../credentials/readSharedConfigFiles.js';
import type { CliContext } from '../context.js';
import type { ListInput } from '../inputs.js';
import { profileListJson, renderProfileTable } from '../profileTable.js';

export async function run(input: ListInput, ctx: CliContext): Promise<void> {
  const files = await readSharedConfigFiles({ credentialsFile: credentialsFilePath(ctx.env, ctx.home), configFile: configFilePath(ctx.env, ctx.home) });
  if (input.names) {
    const names = listProfileNames(files);
    if (input.format === 'json') ctx.out.data(JSON.stringify(names));
    else if (names.length > 0) ctx.out.data(names.join('\n'));
    return;
  }
  // A role profile's cached session is not shown yet: its cache key needs the resolver of role profiles.
  const rows = listProfiles(files);
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
