// The credentials and config files parse (SPEC §9), and the profile asked about resolves as
// botocore resolves it: its kind, its source_profile chain and what finally signs.
import { resolveProfile } from '../credentials/resolveProfile.js';
import type { ChainSource, ProfileCredentialSource, ResolvedProfile, SharedConfigFiles } from '../credentials/profileTypes.js';
import { readProfiles } from '../credentials/readIniFile.js';
import { stat } from 'node:fs/promises';
import { programName } from '../webIdentity/runTokenProcess.js';
import { type Check, failed, fromError, passed, skipped, warning } from './check.js';

export interface FilesFinding {
  checks: Check[];
  files?: SharedConfigFiles;
}

async function checkFile(id: string, title: string, path: string): Promise<{ check: Check; sections?: Map<string, Record<string, string>> }> {
  const exists = await stat(path).then(
    () => true,
    () => false,
  );
  try {
    const sections = await readProfiles(path);
    if (!exists) return { check: passed(id, title, `${path} does not exist (that is fine)`), sections };
    return { check: passed(id, title, `${path} parses: ${sections.size} section${sections.size === 1 ? '' : 's'}`), sections };
  } catch (error) {
    return { check: fromError(id, title, error, `Fix ${path}.`) };
  }
}

/** Reads both files; `files` is undefined when either cannot be read. */
export async function checkFiles(paths: { credentialsFile: string; configFile: string }): Promise<FilesFinding> {
  const [credentials, config] = await Promise.all([
    checkFile('credentials-file', 'credentials file', paths.credentialsFile),
    checkFile('config-file', 'config file', paths.configFile),
  ]);
  const checks = [credentials.check, config.check];
  if (!credentials.sections || !config.sections) return { checks };
  return {
    checks,
    files: { credentials: credentials.sections, config: config.sections, credentialsPath: paths.credentialsFile, configPath: paths.configFile },
  };
}

function describeSource(source: ProfileCredentialSource | ChainSource): string {
  switch (source.type) {
    case 'static':
      return `${source.temporary ? 'temporary' : 'long-term'} keys of profile ${source.profile} (${source.file} file)`;
    case 'process':
      return `the credential_process ${programName(source.command)} of profile ${source.profile}`;
    case 'web-identity':
      return `a web identity token (${source.tokenProcess !== undefined ? `web_identity_token_process ${programName(source.tokenProcess)}` : `web_identity_token_file ${source.tokenFile}`}) for ${source.roleArn}`;
    case 'environment':
      return 'the AWS_* variables (credential_source = Environment)';
    case 'ecs-token':
      return 'a Dell ECS token (sts_cli_auth = ecs-token)';
    case 'sso':
      return `AWS SSO (profile ${source.profile})`;
    case 'login':
      return `an AWS login session (profile ${source.profile})`;
    case 'none':
      return 'nothing';
  }
}

export interface ProfileFinding {
  check: Check;
  resolved?: ResolvedProfile;
}

/** Resolves `name` (named by `namedBy`) in `files`. */
export function checkProfile(name: string | undefined, namedBy: string, files: SharedConfigFiles | undefined): ProfileFinding {
  const id = 'profile';
  const title = 'profile';
  if (files === undefined) return { check: skipped(id, title, 'the files cannot be read') };
  if (name === undefined) return { check: skipped(id, title, 'no profile named (a profile argument, --profile, AWS_PROFILE) and no [default]') };
  let resolved: ResolvedProfile;
  try {
    resolved = resolveProfile(name, files);
  } catch (error) {
    return { check: fromError(id, title, error, 'Fix the profile in the config file.') };
  }
  const where = `${name} (${namedBy})`;
  let detail: string;
  if (resolved.kind === 'role') {
    const role = resolved.hops.at(-1)!.roleArn;
    const chain = [name, ...resolved.via].join(' -> ');
    detail = `${where}: role ${role}, ${resolved.hops.length} AssumeRole hop${resolved.hops.length === 1 ? '' : 's'} (${chain}), signed first by ${describeSource(resolved.source)}`;
  } else detail = `${where}: ${describeSource(resolved.source)}`;
  const settings = [resolved.region ? `region ${resolved.region}` : '', resolved.endpointUrl ? `endpoint ${resolved.endpointUrl}` : '']
    .filter(Boolean)
    .join(', ');
  if (settings) detail += `; ${settings}`;
  if (resolved.kind === 'none')
    return { check: failed(id, title, `${where} has no credentials`, 'Give it keys, a role_arn with a source_profile, or a web identity token.'), resolved };
  if (
    resolved.kind === 'sso' ||
    resolved.kind === 'login' ||
    (resolved.kind === 'role' && (resolved.source.type === 'sso' || resolved.source.type === 'login'))
  ) {
    return {
      check: warning(
        id,
        title,
        detail,
        'sts-cli does not sign with SSO or login sessions: run `aws configure export-credentials`, or use a profile with keys.',
      ),
      resolved,
    };
  }
  if (resolved.warnings.length > 0)
    return { check: warning(id, title, `${detail}; ${resolved.warnings.join(' ')}`, 'Fix the settings named, as botocore ignores them.'), resolved };
  return { check: passed(id, title, detail), resolved };
}
