// What profile NAME is and, for a role profile, the chain of AssumeRole hops down to the first
// source that is not a role, followed exactly as botocore's credential resolver follows it:
// - the profile asked for is assumed as a role when it has role_arn (and no web identity token),
//   even when it also holds keys; a source_profile is assumed as a role only when it has no keys
//   (with keys, its keys sign: botocore's _resolve_credentials_from_profile);
// - a profile may name itself as source_profile to sign with its own keys, at the top only;
// - any other repeated profile is a loop (botocore's InfiniteLoopConfigError);
// - every call of the chain goes to the region and endpoint of the profile asked for.
import { ProfileConfigError, ProfileLoopError } from '../errors.js';
import { hasStaticKeys, isRoleProfile, profileCredentialSource } from './profileCredentialSource.js';
import { profileStsEndpoint } from './profileEndpoint.js';
import { indexProfiles, type ProfileIndex } from './profileIndex.js';
import { profileNotFound } from './profileNotFound.js';
import type { ChainSource, ProfileCredentialSource, ProfileKind, ResolvedProfile, ResolvedRoleProfile, RoleHop, SharedConfigFiles } from './profileTypes.js';
import { readRoleHop } from './readRoleHop.js';

/** The kind `sts-cli list` shows for a profile whose credentials come from `source`. */
export function kindOfSource(source: ProfileCredentialSource): Exclude<ProfileKind, 'role'> {
  switch (source.type) {
    case 'static':
      return source.temporary ? 'temporary' : 'long-term';
    case 'process':
      return 'process';
    case 'none':
      return 'none';
    default:
      return source.type;
  }
}

function sourceOf(name: string, referencedBy: string, index: ProfileIndex): ChainSource {
  const source = profileCredentialSource(name, index);
  if (source.type === 'none') {
    throw new ProfileConfigError(referencedBy, 'source_profile', `Profile "${referencedBy}" has source_profile = ${name}, but "${name}" has no credentials.`, {
      hint: `Give "${name}" keys, a credential_process or a role_arn with its own source.`,
    });
  }
  return source;
}

function followChain(name: string, index: ProfileIndex, warnings: string[]): Pick<ResolvedRoleProfile, 'hops' | 'source' | 'via'> {
  const visited = [name];
  const hops: RoleHop[] = [];
  let current = name;
  for (;;) {
    const { hop, next } = readRoleHop(current, index, warnings, current === name);
    hops.unshift(hop);
    if (next.type !== 'profile') return { hops, source: next, via: visited.slice(1) };
    const sourceName = next.name;
    const sourceValues = index.merged.get(sourceName)!;
    // botocore's _validate_source_profile: a profile may name itself when it has keys (only the one
    // asked for can: a source_profile with keys is never read as a role).
    if (visited.includes(sourceName) && !(sourceName === current && hasStaticKeys(sourceValues))) {
      throw new ProfileLoopError([...visited, sourceName]);
    }
    visited.push(sourceName);
    if (hasStaticKeys(sourceValues) || !isRoleProfile(sourceValues)) {
      return { hops, source: sourceOf(sourceName, current, index), via: visited.slice(1) };
    }
    current = sourceName;
  }
}

// Resolved once per files object and name, as indexProfiles indexes once: `sts-cli list` resolves
// every profile for its rows and again to look up its cached session. Callers do not change what they get.
const resolutions = new WeakMap<SharedConfigFiles, Map<string, ResolvedProfile>>();

/**
 * Resolves profile `name` of the parsed files as botocore would (environment variables aside: they,
 * like flags, are the caller's and win over what this returns). No I/O. Throws ProfileNotFoundError,
 * ProfileLoopError or ProfileConfigError (all exit 2).
 */
export function resolveProfile(name: string, files: SharedConfigFiles): ResolvedProfile {
  const known = resolutions.get(files) ?? new Map<string, ResolvedProfile>();
  resolutions.set(files, known);
  const resolved = known.get(name) ?? resolveUncached(name, files);
  known.set(name, resolved);
  return resolved;
}

function resolveUncached(name: string, files: SharedConfigFiles): ResolvedProfile {
  const index = indexProfiles(files);
  const values = index.merged.get(name);
  if (!values) throw profileNotFound(name, undefined, index);
  const warnings: string[] = [];
  const endpoint = profileStsEndpoint(name, index);
  const base = { name, ...(values.region ? { region: values.region } : {}), ...endpoint, warnings };
  if (isRoleProfile(values)) return { ...base, kind: 'role', ...followChain(name, index, warnings) };
  const source = profileCredentialSource(name, index);
  return { ...base, kind: kindOfSource(source), source };
}
