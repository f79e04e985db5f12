// `--profile NAME`: the keys go into the credentials file's [NAME], and, when they came from a
// server the AWS tools would not reach by themselves (not AWS's, or another region than asked),
// the config file's [profile NAME] records `region` and `endpoint_url` too (SPEC §7). Refused
// before anything is sent: a name the SDKs misread (SPEC §11), a profile whose settings the
// written keys would clash with (role_arn, web identity, credential_process, SSO) unless --force,
// long-term keys unless --force, a file that is unsafe or does not parse.
import { checkConfigWritable, checkProfileSettings, type ProfileSettings, writeProfileSettings } from '../credentials/configStore.js';
import { configFilePath, credentialsFilePath } from '../credentials/paths.js';
import { profileStsEndpoint } from '../credentials/profileEndpoint.js';
import { indexProfiles } from '../credentials/profileIndex.js';
import { checkProfileName } from '../credentials/profileName.js';
import { readSharedConfigFiles } from '../credentials/readSharedConfigFiles.js';
import { freeProfileName, type ShadowingSetting, shadowingSetting } from '../credentials/shadowingSetting.js';
import type { OutputFormat } from '../credentials/formatNames.js';
import { checkProfileWritable, writeProfile } from '../credentials/store.js';
import { ShadowedProfileError } from '../errors.js';
import { isAwsEndpoint } from '../sts/endpoint.js';
import type { TemporaryCredentials } from '../sts/types.js';
import type { CliContext } from './context.js';
import type { Transport } from './resolveConnection.js';

export interface ProfileDestination {
  kind: 'profile';
  name: string;
  force: boolean;
  /** What to record in the config file's [profile NAME]; absent with --no-write-config or nothing to record. */
  settings?: ProfileSettings;
  /** `--format` given with `--profile`: the credentials are printed in it as well. */
  print?: OutputFormat;
}

/**
 * The settings that make the AWS tools reach the same server: the region when --region gave one;
 * the endpoint when it is not AWS's, with the region it was reached with for a profile that has none
 * (a region the profile already has, for S3 say, is not replaced by a default).
 */
export function settingsToRecord(transport: Transport, regionGiven: boolean): ProfileSettings | undefined {
  const foreign = !isAwsEndpoint(transport.endpoint);
  if (!foreign && !regionGiven) return undefined;
  if (regionGiven) return { region: transport.region, ...(foreign ? { endpointUrl: transport.endpoint } : {}) };
  return { endpointUrl: transport.endpoint, fallbackRegion: transport.region };
}

function paths(ctx: CliContext) {
  return { credentialsFile: credentialsFilePath(ctx.env, ctx.home), configFile: configFilePath(ctx.env, ctx.home) };
}

function where(setting: ShadowingSetting, files: { credentialsFile: string; configFile: string }): string {
  return `[${setting.section}] of ${setting.file === 'config' ? files.configFile : files.credentialsFile}`;
}

async function clash(name: string, ctx: CliContext): Promise<{ setting: ShadowingSetting; freeName: string } | undefined> {
  const files = await readSharedConfigFiles(paths(ctx));
  const setting = shadowingSetting(name, files);
  return setting ? { setting, freeName: freeProfileName(name, files) } : undefined;
}

/** Everything writeToProfile will check, checked before anything is sent. */
export async function checkProfileDestination(destination: ProfileDestination, ctx: CliContext): Promise<void> {
  const { name, force, settings } = destination;
  checkProfileName(name, { scope: settings ? 'config' : 'credentials', flag: '--profile' });
  if (settings) checkProfileSettings(settings);
  const files = paths(ctx);
  const found = await clash(name, ctx);
  if (found && !force) {
    const { setting, freeName } = found;
    throw new ShadowedProfileError(
      name,
      setting.key,
      freeName,
      `${where(setting, files)} has ${setting.key}: ${setting.effect(`[${name}] of ${files.credentialsFile}`)}.`,
    );
  }
  await checkProfileWritable(files.credentialsFile, name, { force });
  if (settings && !found) await checkConfigWritable(files.configFile);
}

function describe(settings: ProfileSettings): string {
  const region = settings.region ?? settings.fallbackRegion;
  return [region ? `region = ${region}` : undefined, settings.endpointUrl ? `endpoint_url = ${settings.endpointUrl}` : undefined].filter(Boolean).join(' and ');
}

/** What botocore will read for profile `name` where it differs from `settings`: the credentials file's section wins over the config file, a services section over endpoint_url. */
async function overridden(name: string, settings: ProfileSettings, ctx: CliContext): Promise<string[]> {
  const index = indexProfiles(await readSharedConfigFiles(paths(ctx)));
  const problems: string[] = [];
  const region = index.merged.get(name)?.region;
  if (settings.region !== undefined && region !== settings.region) problems.push(`region = ${region}`);
  if (settings.endpointUrl !== undefined) {
    let read: ReturnType<typeof profileStsEndpoint> | undefined;
    try {
      read = profileStsEndpoint(name, index);
    } catch {
      // A services line naming no section: botocore refuses the profile, and says why when it is used.
    }
    if (!read) problems.push('a services setting naming no section');
    else if (read.ignoreConfiguredEndpointUrls) problems.push('ignore_configured_endpoint_urls = true');
    else if (read.endpointUrl !== settings.endpointUrl) problems.push(`the STS endpoint ${read.endpointUrl}`);
  }
  return problems;
}

/** A sentence for humans about the config file: changed, or left alone on purpose (a warning). */
export type ConfigNote = { warn: boolean; text: string };

/** Writes the keys, then the settings. */
export async function writeToProfile(destination: ProfileDestination, credentials: TemporaryCredentials, ctx: CliContext): Promise<ConfigNote | undefined> {
  const { name, force, settings } = destination;
  const files = paths(ctx);
  await writeProfile(files.credentialsFile, name, credentials, { force });
  if (!settings) return undefined;
  const found = await clash(name, ctx);
  // With --force the keys are written, but a role, token or process profile keeps its own settings.
  if (found) return { warn: true, text: `Did not record ${describe(settings)} in ${where(found.setting, files)}, which has ${found.setting.key}.` };
  const written = await writeProfileSettings(files.configFile, name, settings);
  const problems = await overridden(name, settings, ctx);
  const recorded = `Recorded ${written.map(([key, value]) => `${key} = ${value}`).join(' and ')} for profile ${name} in ${files.configFile}`;
  if (problems.length > 0) {
    const what = written.length > 0 ? recorded : `Profile ${name} in ${files.configFile} has ${describe(settings)}`;
    return { warn: true, text: `${what}, but the AWS tools will read ${problems.join(' and ')} from another setting of that profile.` };
  }
  if (written.length === 0) return undefined;
  return { warn: false, text: `${recorded}, so aws --profile ${name} and the SDKs reach the same server.` };
}
