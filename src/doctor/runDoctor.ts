// `sts-cli doctor` (SPEC §9): every check in order, each passed, warning, failed or skipped with a
// one-line fix. The CLI resolves what a call would use (the profile, the token source, the
// connection) and hands it in; this never throws for what it finds, only reports it.
import type { SharedConfigFiles } from '../credentials/profileTypes.js';
import { passed } from './check.js';
import { checkSigner } from './checkCredentials.js';
import { endpointChecks } from './checkEndpoint.js';
import { checkFiles, checkProfile } from './checkFiles.js';
import { tokenChecks } from './checkWebIdentity.js';
import type { DoctorDeps, DoctorReport } from './types.js';

export type { DoctorConnection, DoctorDeps, DoctorReport, DoctorSigner, DoctorTransport } from './types.js';

// [default] counts as named only when it exists; any other profile named must exist.
function hasProfile(files: SharedConfigFiles, name: string): boolean {
  return files.credentials.has(name) || files.config.has(name === 'default' ? 'default' : `profile ${name}`) || files.config.has(name);
}

/** Runs every check. */
export async function runDoctor(deps: DoctorDeps): Promise<DoctorReport> {
  const secrets: string[] = [];
  const { checks, files } = await checkFiles(deps.paths);
  const absentDefault = deps.profile?.optional === true && files !== undefined && !hasProfile(files, deps.profile.name);
  const profile = absentDefault ? undefined : deps.profile;
  const profileFinding = checkProfile(profile?.name, profile?.namedBy ?? '', files);
  checks.push(profileFinding.check);
  const resolved = profileFinding.resolved;
  const connection = await deps.connect(resolved);
  const { transport, signer } = connection;
  if (signer.kind === 'sigv4') secrets.push(signer.credentials.secretAccessKey, ...(signer.credentials.sessionToken ? [signer.credentials.sessionToken] : []));
  const signerCheck = checkSigner(signer, profile?.name, deps.now());
  checks.push(signerCheck.check);
  checks.push(
    passed('endpoint', 'endpoint', `${transport.endpoint} (region ${transport.region}${connection.dialect === 'ecs' ? ', Dell ECS requests to /sts' : ''})`),
  );
  checks.push(...(await endpointChecks(deps, connection, signerCheck.usable)));
  const tokenSource = deps.tokenSource ?? (resolved ? deps.profileTokenSource(resolved) : undefined);
  checks.push(...(await tokenChecks(deps, tokenSource, transport, secrets)));
  return { checks, endpoint: transport.endpoint, region: transport.region, ...(profile ? { profile: profile.name } : {}), secrets };
}
