// Profile names (SPEC §11): every refused shape with its reason and exit code, and, with real
// peers, that every accepted name is read back as itself by botocore and by the JS SDK, while each
// refusal beyond the SPEC's own list is one of them reading the name differently.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSharedConfigFiles } from '@smithy/core/config';
import { afterAll, describe, expect, it } from 'vitest';
import { checkProfileName, profileNameProblem, quoteProfileName } from '../../src/credentials/profileName.js';
import { ExitCode, InvalidProfileNameError } from '../../src/errors.js';
import { botocore, skipWithout } from '../helpers/peers.js';

const ACCEPTED = ['dev', 'default', 'Prod-EU_1', 'a.b', 'team@corp', 'x+y', '100%', 'arn:aws:iam::1:role/x', 'profile', 'services', 'PROFILE.x'];

// The SPEC's list, then what reading the three readers adds.
const REFUSED: Array<[string, RegExp]> = [
  ['', /is empty/],
  ['a[b', /contains "\["/],
  ['a]b', /contains "\]"/],
  ['a#b', /contains "#"/],
  ['a;b', /contains ";"/],
  [' dev', /starts or ends with white space/],
  ['dev ', /starts or ends with white space/],
  ['a\tb', /control character \\u0009/],
  ['a\u001b[31mb', /control character \\u001b/],
  ['a\u0085b', /control character \\u0085/],
  ['a\u2028b', /control character \\u2028/],
  ['__proto__', /every JavaScript object has/],
  ['constructor', /every JavaScript object has/],
  ['prototype', /every JavaScript object has/],
  ['my name', /contains white space/],
  ['a\u00a0b', /contains white space/],
  ['a"b', /double quote, which botocore reads as quoting/],
  ["it's", /single quote/],
  ['a\\b', /backslash/],
  ['a=b', /contains "=", which the JS SDK does not accept/],
  ['dev,prod', /contains ","/],
  ['café', /contains "é"/],
];

describe('checkProfileName', () => {
  it.each(ACCEPTED)('accepts %j', (name) => {
    expect(profileNameProblem(name)).toBeUndefined();
    expect(() => checkProfileName(name)).not.toThrow();
  });

  it.each(REFUSED)('refuses %j', (name, reason) => {
    expect(profileNameProblem(name)).toMatch(reason);
    let error: unknown;
    try {
      checkProfileName(name, { flag: '--profile' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InvalidProfileNameError);
    expect(error).toMatchObject({ code: 'ERR_PROFILE_NAME', exitCode: ExitCode.usage, profileName: name });
    const message = (error as Error).message;
    expect(message).toMatch(/^The profile name ".*" \(--profile\) cannot be used: it .+\.$/s);
    // Terminal control characters never reach a message raw.
    expect(message).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/);
  });

  it('allows, for the credentials file only, what only the config file’s readers refuse', () => {
    for (const name of ['café', 'a=b', 'dev,prod', 'a"b']) expect(profileNameProblem(name, 'credentials')).toBeUndefined();
    for (const name of ['a#b', 'my name', '__proto__', ' x']) expect(profileNameProblem(name, 'credentials')).toBeDefined();
  });

  it('quotes names for messages with control characters escaped', () => {
    expect(quoteProfileName('a\u001bb')).toBe('"a\\u001bb"');
  });
});

describe('profile names as botocore and the JS SDK read them', () => {
  const root = mkdtempSync(join(tmpdir(), 'sts-names-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  // Each name written as the CLI would write it: [NAME] in the credentials file, [profile NAME] in the config file.
  const NAMES = [...ACCEPTED.filter((n) => n !== 'default'), 'my name', 'a"b', "it's", 'a\\b', 'a=b', 'dev,prod', 'café', ' lead'];
  const credentialsFile = join(root, 'credentials');
  const configFile = join(root, 'config');
  writeFileSync(credentialsFile, NAMES.map((n, i) => `[${n}]\naws_access_key_id = AKID${i}\naws_secret_access_key = s\n`).join(''));
  writeFileSync(configFile, NAMES.map((n, i) => `[profile ${n}]\nregion = r${i}\n`).join(''));

  async function jsSdk(): Promise<{ credentials: Record<string, string>; config: Record<string, string> }> {
    const { configFile: config, credentialsFile: credentials } = await loadSharedConfigFiles({
      filepath: credentialsFile,
      configFilepath: configFile,
      ignoreCache: true,
    });
    const pick = (data: Record<string, Record<string, string | undefined>>, key: string) =>
      Object.fromEntries(Object.entries(data).flatMap(([name, values]) => (values[key] ? [[name, values[key]!]] : [])));
    return { credentials: pick(credentials, 'aws_access_key_id'), config: pick(config, 'region') };
  }

  function boto(): { credentials: Record<string, string>; config: Record<string, string> } {
    const script = [
      'import json, sys, botocore.configloader as c',
      'cred = c.raw_config_parse(sys.argv[1])',
      'conf = c.load_config(sys.argv[2])["profiles"]',
      'print(json.dumps({"credentials": {k: v["aws_access_key_id"] for k, v in cred.items()}, "config": {k: v.get("region") for k, v in conf.items()}}))',
    ].join('\n');
    const run = spawnSync('python3', ['-c', script, credentialsFile, configFile], { encoding: 'utf8' });
    if (run.status !== 0) throw new Error(run.stderr);
    return JSON.parse(run.stdout);
  }

  it.skipIf(skipWithout(botocore()))('reads every accepted name back as itself; every extra refusal is read differently by one of them', async () => {
    const readers = { botocore: boto(), js: await jsSdk() };
    NAMES.forEach((name, i) => {
      const same = Object.values(readers).every((r) => r.credentials[name] === `AKID${i}` && r.config[name] === `r${i}`);
      expect({ name, same }).toEqual({ name, same: profileNameProblem(name) === undefined });
    });
  });
});
