// resolveProfile against botocore itself: each case writes a credentials and a config file, then
// botocore's real credential chain (python3, its STS calls stubbed by botocore_profiles.py) and
// sts-cli's resolution must make the same calls: the same operations in the same order, with the
// same role ARN, session name, duration, external id, MFA serial, source credentials, region and
// endpoint, or refuse the same profiles.
import { execSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readStaticCredentials } from '../../src/credentials/profileCredentialSource.js';
import { indexProfiles } from '../../src/credentials/profileIndex.js';
import type { ChainSource, ResolvedProfile, SharedConfigFiles } from '../../src/credentials/profileTypes.js';
import { readSharedConfigFiles } from '../../src/credentials/readSharedConfigFiles.js';
import { resolveProfile } from '../../src/credentials/resolveProfile.js';
import { isStsCliError } from '../../src/errors.js';
import { botocore, skipWithout } from '../helpers/peers.js';
import { CASES, type ProfileCase } from './roleProfile.cases.js';

interface Call {
  op: string;
  roleArn?: string;
  params?: Record<string, string | number>;
  source?: string;
  tokenFile?: string;
  region?: string;
  endpoint?: string;
}

interface Outcome {
  error?: 'not-found' | 'loop' | 'config';
  /** botocore's exception class, checked against the case's expectation. */
  botocoreError?: string;
  calls: Call[];
  finalKey?: string | null;
  region?: string | null;
  own?: Record<string, { region: string | null; endpoint: string | null } | { error: string }>;
}

interface BotocoreResult extends Omit<Outcome, 'error'> {
  error?: { type: string; message: string };
}

const skip = skipWithout(botocore());
const root = mkdtempSync(join(tmpdir(), 'sts-roleprofile-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

// A credential_process that prints keys named after its argument; a web identity token file.
const PROCESS = '#!/bin/sh\nprintf \'{"Version": 1, "AccessKeyId": "AKIDPROC%s", "SecretAccessKey": "process-secret"}\' "$1"\n';

function writeCase(c: ProfileCase, i: number): { dir: string; credentialsFile: string; configFile: string } {
  const dir = join(root, `case${i}`);
  mkdirSync(dir);
  const fill = (text: string) => text.replaceAll('@DIR@', dir);
  writeFileSync(join(dir, 'proc.sh'), PROCESS);
  chmodSync(join(dir, 'proc.sh'), 0o755);
  writeFileSync(join(dir, 'token'), 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJ0ZXN0In0.');
  const credentialsFile = join(dir, 'credentials');
  const configFile = join(dir, 'config');
  if (c.credentials !== undefined) writeFileSync(credentialsFile, fill(c.credentials));
  if (c.config !== undefined) writeFileSync(configFile, fill(c.config));
  return { dir, credentialsFile, configFile };
}

function fromBotocore(r: BotocoreResult): Outcome {
  const calls = r.calls.map((call) => {
    const params = { ...call.params };
    // botocore names a session botocore-session-<time> when the profile names none.
    if (typeof params.RoleSessionName === 'string' && params.RoleSessionName.startsWith('botocore-session-')) delete params.RoleSessionName;
    return { ...call, ...(call.params ? { params } : {}) };
  });
  if (!r.error) return { calls, finalKey: r.finalKey ?? null, region: r.region ?? null, own: r.own ?? {} };
  const { type, message } = r.error;
  const error =
    type === 'ProfileNotFound' || /source_profile .* does not exist/.test(message) ? 'not-found' : type === 'InfiniteLoopConfigError' ? 'loop' : 'config';
  return { error, botocoreError: type, calls: [] };
}

const ERRORS: Record<string, Outcome['error']> = { ERR_PROFILE_NOT_FOUND: 'not-found', ERR_PROFILE_LOOP: 'loop', ERR_PROFILE_CONFIG: 'config' };

// What the resolution says each call goes to: the configured endpoint, else AWS's for the region
// (botocore's aws-global when no region is configured; sts-cli's CLI then defaults to us-east-1).
function target(p: ResolvedProfile): { region: string; endpoint: string } {
  const endpoint = p.ignoreConfiguredEndpointUrls ? undefined : p.endpointUrl;
  return { region: p.region ?? 'aws-global', endpoint: endpoint ?? (p.region ? `https://sts.${p.region}.amazonaws.com` : 'https://sts.amazonaws.com') };
}

function sourceKey(
  source: ChainSource,
  files: SharedConfigFiles,
  env: Record<string, string>,
  calls: Call[],
  at: { region: string; endpoint: string },
): string {
  switch (source.type) {
    case 'static':
      return readStaticCredentials(indexProfiles(files), source).accessKeyId;
    case 'environment':
      return env.AWS_ACCESS_KEY_ID ?? '';
    case 'process':
      return JSON.parse(execSync(source.command, { encoding: 'utf8', shell: '/bin/sh' })).AccessKeyId;
    case 'web-identity':
      calls.push({
        op: 'AssumeRoleWithWebIdentity',
        roleArn: source.roleArn,
        params: source.roleSessionName === undefined ? {} : { RoleSessionName: source.roleSessionName },
        tokenFile: source.tokenFile!,
        ...at,
      });
      return `ASIAFAKE${calls.length}`;
    case 'sso':
      calls.push({ op: 'SSO' });
      return `ASIAFAKE${calls.length}`;
    default:
      throw new Error(`no botocore counterpart for a ${source.type} source`);
  }
}

function fromStsCli(c: ProfileCase, files: SharedConfigFiles): Outcome & { resolved?: ResolvedProfile } {
  let p: ResolvedProfile;
  try {
    p = resolveProfile(c.profile, files);
  } catch (error) {
    if (isStsCliError(error) && ERRORS[error.code]) return { error: ERRORS[error.code]!, calls: [] };
    throw error;
  }
  const at = target(p);
  const calls: Call[] = [];
  const env = c.env ?? {};
  const own: NonNullable<Outcome['own']> = {};
  let finalKey: string | null;
  if (p.kind === 'role') {
    let key = sourceKey(p.source, files, env, calls, at);
    for (const hop of p.hops) {
      const params: Record<string, string | number> = {};
      if (hop.roleSessionName !== undefined) params.RoleSessionName = hop.roleSessionName;
      if (hop.externalId !== undefined) params.ExternalId = hop.externalId;
      if (hop.mfaSerial !== undefined) params.SerialNumber = hop.mfaSerial;
      if (hop.durationSeconds !== undefined) params.DurationSeconds = hop.durationSeconds;
      calls.push({ op: 'AssumeRole', roleArn: hop.roleArn, params, source: key, ...at });
      key = `ASIAFAKE${calls.length}`;
    }
    finalKey = key;
  } else {
    finalKey = p.source.type === 'none' ? null : sourceKey(p.source, files, env, calls, at);
  }
  for (const name of c.hops ?? []) {
    const hop = p.kind === 'role' ? p.hops.find((h) => h.profile === name) : undefined;
    if (hop) own[name] = { region: hop.region ?? null, endpoint: hop.endpointUrl ?? null };
  }
  return { calls, finalKey, region: p.region ?? null, own, resolved: p };
}

describe.skipIf(skip)('role profiles resolve as botocore resolves them', () => {
  const outcomes: Array<{ sts: Outcome & { resolved?: ResolvedProfile }; boto: Outcome }> = [];
  let agreed = 0;

  beforeAll(async () => {
    const written = CASES.map((c, i) => writeCase(c, i));
    const input = CASES.map((c, i) => ({
      config: written[i]!.configFile,
      credentials: written[i]!.credentialsFile,
      profile: c.profile,
      env: c.env ?? {},
      hops: c.hops ?? [],
    }));
    const script = fileURLToPath(new URL('./botocore_profiles.py', import.meta.url));
    const run = spawnSync('python3', [script], { input: JSON.stringify(input), encoding: 'utf8', timeout: 120_000, maxBuffer: 16 << 20 });
    if (run.status !== 0) throw new Error(`botocore failed: ${run.error?.message ?? run.stderr}`);
    const results = JSON.parse(run.stdout) as BotocoreResult[];
    for (const [i, c] of CASES.entries()) {
      const files = await readSharedConfigFiles(written[i]!);
      outcomes.push({ sts: fromStsCli(c, files), boto: fromBotocore(results[i]!) });
    }
  });

  afterAll(() => {
    console.log(`[botocore] ${agreed} of ${CASES.length} profile cases resolve the same in sts-cli and botocore ${'1.43'}`);
  });

  it.each(CASES.map((c, i) => [c.title, i] as const))('%s', (_title, i) => {
    const c = CASES[i]!;
    const { sts, boto } = outcomes[i]!;
    const { resolved, ...comparable } = sts;
    // Each case first checks it tests what it says, so that the two cannot agree by both failing the same odd way.
    expect(comparable.error ?? `calls:${comparable.calls.length}`).toBe(c.expect);
    const { botocoreError, ...botoComparable } = boto;
    expect(botocoreError).toBe(c.botocoreError);
    expect(comparable).toEqual(botoComparable);
    if (c.warns) expect(resolved?.warnings.join(' ')).toMatch(c.warns);
    agreed++;
  });
});
