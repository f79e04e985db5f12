// The rows of `sts-cli list` (SPEC §7): every profile of both files, as botocore sees them, with
// what it is, what it is sourced from, where it calls, when its credentials expire and what the
// other file shadows. Pure: a cached session's expiry comes from the caller. Never a secret.
import { isStsCliError } from '../errors.js';
import { type ProviderName, winningProvider } from './profileCredentialSource.js';
import { profileStsEndpoint } from './profileEndpoint.js';
import { indexProfiles, type ProfileIndex } from './profileIndex.js';
import { profileNameProblem } from './profileName.js';
import { type ShadowMark, profileShadowing } from './profileShadowing.js';
import type { ChainSource, ProfileFile, ProfileKind, ResolvedProfile, SharedConfigFiles } from './profileTypes.js';
import { resolveProfile } from './resolveProfile.js';

export interface ProfileRow {
  name: string;
  kind: ProfileKind;
  /** A role profile's source_profile chain (`['mid', 'base']`) and what signs its first hop. */
  source?: { profiles: string[]; type: ChainSource['type'] };
  region?: string;
  /** The configured STS endpoint; absent means AWS's. */
  endpointUrl?: string;
  /** When the credentials expire: stored with them (x_security_token_expires), or the cached session's. */
  expiresAt?: Date;
  expiry?: 'stored' | 'cache';
  /** The files that have a section for it. */
  files: ProfileFile[];
  shadow: ShadowMark[];
  /** The profile cannot be used as written: what resolveProfile refuses (a loop, say). */
  problem?: { code: string; message: string };
  /** The name is one that SPEC §11 refuses (profileNameProblem), so sts-cli will not use it. */
  nameProblem?: string;
}

export interface ListProfilesOptions {
  /** When sts-cli's cached session for a role, web identity or process profile expires, if it holds one. */
  cachedExpiry?: (profile: ResolvedProfile) => Date | undefined;
}

function kindOfProvider(provider: ProviderName | undefined, name: string, index: ProfileIndex): ProfileKind {
  const temporary = (values: Record<string, string> | undefined) => (values?.aws_security_token || values?.aws_session_token ? 'temporary' : 'long-term');
  switch (provider) {
    case 'assume-role':
      return 'role';
    case 'shared-credentials':
      return temporary(index.files.credentials.get(name));
    case 'config-file':
      return temporary(index.configProfiles.get(name));
    case undefined:
      return 'none';
    default:
      return provider;
  }
}

function configuredEndpoint(name: string, index: ProfileIndex): string | undefined {
  try {
    return profileStsEndpoint(name, index).endpointUrl;
  } catch {
    return undefined;
  }
}

function expiryOf(profile: ResolvedProfile, options: ListProfilesOptions): Pick<ProfileRow, 'expiresAt' | 'expiry'> {
  if (profile.kind !== 'role' && profile.source.type === 'static') {
    return profile.source.expiration ? { expiresAt: profile.source.expiration, expiry: 'stored' } : {};
  }
  const cached = profile.kind === 'none' ? undefined : options.cachedExpiry?.(profile);
  return cached ? { expiresAt: cached, expiry: 'cache' } : {};
}

type RowDetails = Omit<ProfileRow, 'name' | 'files' | 'shadow' | 'nameProblem'>;

function detailsOf(profile: ResolvedProfile, options: ListProfilesOptions): RowDetails {
  return {
    kind: profile.kind,
    ...(profile.kind === 'role' ? { source: { profiles: profile.via, type: profile.source.type } } : {}),
    ...(profile.region ? { region: profile.region } : {}),
    ...(profile.endpointUrl ? { endpointUrl: profile.endpointUrl } : {}),
    ...expiryOf(profile, options),
  };
}

/** One row per profile (config file profiles first, in file order, then the credentials file's others). */
export function listProfiles(files: SharedConfigFiles, options: ListProfilesOptions = {}): ProfileRow[] {
  const index = indexProfiles(files);
  const rows: ProfileRow[] = [];
  for (const [name, values] of index.merged) {
    const inFiles: ProfileFile[] = [];
    if (files.credentials.has(name)) inFiles.push('credentials');
    if (index.configProfiles.has(name)) inFiles.push('config');
    let details: RowDetails;
    try {
      details = detailsOf(resolveProfile(name, files), options);
    } catch (error) {
      if (!isStsCliError(error)) throw error;
      const endpointUrl = configuredEndpoint(name, index);
      details = {
        kind: kindOfProvider(winningProvider(name, index, true), name, index),
        ...(values.region ? { region: values.region } : {}),
        ...(endpointUrl ? { endpointUrl } : {}),
        problem: { code: error.code, message: error.message },
      };
    }
    const nameProblem = profileNameProblem(name, inFiles.includes('config') ? 'config' : 'credentials');
    rows.push({ name, ...details, files: inFiles, shadow: profileShadowing(name, index), ...(nameProblem ? { nameProblem } : {}) });
  }
  return rows;
}
