import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InvalidParameterError } from '../../src/errors.js';
import { createStsClient, type StsClient } from '../../src/sts/client.js';
import { checkLength, describePattern, limits, withMax, withPattern } from '../../src/sts/limits.js';
import { checkAssumeRoleParams, checkWebIdentityParams, parseDuration, parseTags, readPolicyArgument } from '../../src/sts/params.js';
import type { AssumeRoleParams, AssumeRoleWithWebIdentityParams, Tag } from '../../src/sts/types.js';
import { startTestServer, type TestServer } from './testServer.js';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/dialects/${name}`, import.meta.url), 'utf8');
const arn = (length: number) => `arn:aws:iam::123456789012:role/${'r'.repeat(length - 31)}`;
const policyOf = (packedLength: number) => {
  // {"a":"xxx"} is 8 + n characters; padded with whitespace that does not count.
  const text = `{ "a" : "${'x'.repeat(packedLength - 8)}" }\n`;
  return text;
};
const tags = (n: number): Tag[] => Array.from({ length: n }, (_, i) => ({ key: `k${i}`, value: `v${i}` }));

const base: AssumeRoleParams = { roleArn: arn(40), roleSessionName: 'session' };
const web: AssumeRoleWithWebIdentityParams = { roleArn: arn(40), roleSessionName: 'session', webIdentityToken: 'header.payload.signature' };

let server: TestServer;
let assumeClient: StsClient;

beforeAll(async () => {
  server = await startTestServer((req) => ({
    status: 200,
    body: fixture(req.body.includes('Action=AssumeRoleWithWebIdentity') ? 'aws-web-identity.xml' : 'aws-assume-role.xml'),
  }));
  assumeClient = createStsClient({
    endpoint: server.url,
    region: 'us-east-1',
    auth: { kind: 'sigv4', credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' } },
    maxAttempts: 1,
  });
});
afterAll(async () => {
  await assumeClient.close();
  await server.close();
});

/** Rejected by the client with the parameter named, and nothing reached the server. */
async function rejectsUnsent(call: () => Promise<unknown>, parameter: string): Promise<InvalidParameterError> {
  const before = server.requests.length;
  const error = await call().then(
    () => {
      throw new Error('expected a rejection');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(InvalidParameterError);
  const e = error as InvalidParameterError;
  expect(e.code).toBe('ERR_INVALID_PARAMETER');
  expect(e.exitCode).toBe(2);
  expect(e.parameter).toBe(parameter);
  expect(server.requests.length).toBe(before);
  return e;
}

async function sends(call: () => Promise<unknown>): Promise<string> {
  const before = server.requests.length;
  await call();
  expect(server.requests.length).toBe(before + 1);
  return server.requests.at(-1)!.body;
}

type Case = [label: string, change: Partial<AssumeRoleParams>, parameter: string | null];
const assumeCases: Case[] = [
  ['role ARN of 19', { roleArn: 'arn:aws:iam::1:role' }, 'RoleArn'],
  ['role ARN of 20', { roleArn: 'arn:aws:iam::1:role/' }, null],
  ['role ARN of 2048', { roleArn: arn(2048) }, null],
  ['role ARN of 2049', { roleArn: arn(2049) }, 'RoleArn'],
  ['ECS urn role ARN', { roleArn: 'urn:ecs:iam::s3:role/s3assumeRole' }, null],
  ['no role ARN (MinIO)', { roleArn: undefined }, null],
  ['session name of 1', { roleSessionName: 'a' }, 'RoleSessionName'],
  ['session name of 2', { roleSessionName: 'ab' }, null],
  ['session name of 64', { roleSessionName: 's'.repeat(64) }, null],
  ['session name of 65', { roleSessionName: 's'.repeat(65) }, 'RoleSessionName'],
  ['session name with all allowed signs', { roleSessionName: 'a_b+c=d,e.f@g-h' }, null],
  ['session name with a space', { roleSessionName: 'a b' }, 'RoleSessionName'],
  ['session name with a slash', { roleSessionName: 'a/b' }, 'RoleSessionName'],
  ['session name with a colon', { roleSessionName: 'a:b' }, 'RoleSessionName'],
  ['duration 899', { durationSeconds: 899 }, 'DurationSeconds'],
  ['duration 900', { durationSeconds: 900 }, null],
  ['duration 7 days (server decides)', { durationSeconds: 604800 }, null],
  ['duration not an integer', { durationSeconds: 900.5 }, 'DurationSeconds'],
  ['policy of 1 packed', { policy: ' 1 ' }, null],
  ['policy of 2048 packed', { policy: policyOf(2048) }, null],
  ['policy of 2049 packed', { policy: policyOf(2049) }, 'Policy'],
  ['policy not JSON', { policy: '{"Version":' }, 'Policy'],
  ['policy empty', { policy: '' }, 'Policy'],
  ['10 policy ARNs', { policyArns: Array.from({ length: 10 }, (_, i) => `arn:aws:iam::aws:policy/P${i}xxxxxx`) }, null],
  ['11 policy ARNs', { policyArns: Array.from({ length: 11 }, (_, i) => `arn:aws:iam::aws:policy/P${i}xxxxxx`) }, 'PolicyArns'],
  ['a short policy ARN', { policyArns: ['arn:x'] }, 'PolicyArns'],
  ['external id of 1', { externalId: 'x' }, 'ExternalId'],
  ['external id of 2', { externalId: 'xy' }, null],
  ['external id of 1224', { externalId: 'e'.repeat(1224) }, null],
  ['external id of 1225', { externalId: 'e'.repeat(1225) }, 'ExternalId'],
  ['external id with : and /', { externalId: 'a:b/c' }, null],
  ['external id with a space', { externalId: 'a b' }, 'ExternalId'],
  ['serial number of 8', { serialNumber: 'GAHT1234', tokenCode: '123456' }, 'SerialNumber'],
  ['serial number of 9', { serialNumber: 'GAHT12345', tokenCode: '123456' }, null],
  ['serial number of 256', { serialNumber: 'a'.repeat(256), tokenCode: '123456' }, null],
  ['serial number of 257', { serialNumber: 'a'.repeat(257), tokenCode: '123456' }, 'SerialNumber'],
  ['MFA device ARN', { serialNumber: 'arn:aws:iam::123456789012:mfa/user', tokenCode: '000123' }, null],
  ['token code of 5 digits', { serialNumber: 'GAHT12345', tokenCode: '12345' }, 'TokenCode'],
  ['token code of 7 digits', { serialNumber: 'GAHT12345', tokenCode: '1234567' }, 'TokenCode'],
  ['token code not digits', { serialNumber: 'GAHT12345', tokenCode: '12a456' }, 'TokenCode'],
  ['token code without serial number', { tokenCode: '123456' }, 'TokenCode'],
  ['serial number without token code', { serialNumber: 'GAHT12345' }, 'TokenCode'],
  ['50 tags', { tags: tags(50) }, null],
  ['51 tags', { tags: tags(51) }, 'Tags'],
  ['tag key empty', { tags: [{ key: '', value: 'v' }] }, 'Tags'],
  ['tag value of 257', { tags: [{ key: 'k', value: 'v'.repeat(257) }] }, 'Tags'],
  ['50 transitive keys', { tags: tags(50), transitiveTagKeys: tags(50).map((t) => t.key) }, null],
  ['51 transitive keys', { transitiveTagKeys: tags(51).map((t) => t.key) }, 'TransitiveTagKeys'],
  ['source identity of 1', { sourceIdentity: 'x' }, 'SourceIdentity'],
  ['source identity of 2', { sourceIdentity: 'xy' }, null],
  ['source identity of 64', { sourceIdentity: 'i'.repeat(64) }, null],
  ['source identity of 65', { sourceIdentity: 'i'.repeat(65) }, 'SourceIdentity'],
];

describe('checkAssumeRoleParams: both sides of each limit', () => {
  for (const [label, change, parameter] of assumeCases) {
    const params = { ...base, ...change } as AssumeRoleParams;
    if (change.roleArn === undefined && 'roleArn' in change) delete params.roleArn;
    if (parameter === null) {
      it(`${label}: accepted and sent`, async () => {
        expect(() => checkAssumeRoleParams(params)).not.toThrow();
        const body = await sends(() => assumeClient.assumeRole(params));
        expect(body).toContain('Action=AssumeRole&Version=2011-06-15');
      });
    } else {
      it(`${label}: ${parameter} refused, nothing sent`, async () => {
        expect(() => checkAssumeRoleParams(params)).toThrow(InvalidParameterError);
        await rejectsUnsent(() => assumeClient.assumeRole(params), parameter);
      });
    }
  }

  it('never repeats the token code', async () => {
    const e = await rejectsUnsent(() => assumeClient.assumeRole({ ...base, serialNumber: 'GAHT12345', tokenCode: '98765x' }), 'TokenCode');
    expect(e.message).not.toContain('98765x');
  });
});

// Issue 8: a person fixes a flag, not an STS member. The table gives each rule its flag; the
// client's messages use it, while the mock (test/mock/limits.test.ts) keeps AWS's member names.
const STS_MEMBERS = /\b(RoleArn|RoleSessionName|DurationSeconds|Policy|PolicyArns|ExternalId|SerialNumber|TokenCode|Tags|TransitiveTagKeys|SourceIdentity)\b/;
const flagOf = (member: string) => Object.values(limits).find((rule) => typeof rule === 'object' && rule.member === member)!.flag;

describe('refusals name the flag, never the STS member', () => {
  for (const [label, change, parameter] of assumeCases) {
    if (parameter === null) continue;
    it(`${label}: names ${flagOf(parameter)}`, () => {
      const params = { ...base, ...change } as AssumeRoleParams;
      let message = '';
      try {
        checkAssumeRoleParams(params);
      } catch (error) {
        message = (error as Error).message;
      }
      expect(message).toContain(flagOf(parameter));
      expect(message).not.toMatch(STS_MEMBERS);
    });
  }

  it('a value from a role profile is named by its setting (duration_seconds, role_session_name, mfa_serial)', () => {
    const named = (change: Partial<AssumeRoleParams>) => {
      try {
        checkAssumeRoleParams({ ...base, ...change } as AssumeRoleParams, 'setting');
      } catch (error) {
        return (error as Error).message;
      }
      return '';
    };
    expect(named({ durationSeconds: 600 })).toBe('duration_seconds must be at least 900 seconds (15m); got 600.');
    expect(named({ roleSessionName: 'a b' })).toMatch(/^role_session_name may contain only/);
    expect(named({ serialNumber: 'short', tokenCode: '123456' })).toMatch(/^mfa_serial must be 9 to 256 characters/);
  });

  it('the exact words of the commonest ones', () => {
    expect(() => checkAssumeRoleParams({ ...base, serialNumber: 'GAHT12345', tokenCode: '12' })).toThrow(/^--token-code must be exactly 6 digits\.$/);
    expect(() => checkAssumeRoleParams({ ...base, durationSeconds: 100 })).toThrow(/^--duration-seconds must be at least 900 seconds \(15m\); got 100\.$/);
    expect(() => checkAssumeRoleParams({ ...base, roleArn: 'arn:aws:iam' })).toThrow(/^--role-arn must be 20 to 2048 characters \(got 11\)\.$/);
    expect(() => parseDuration('2 hours')).toThrow(/^--duration-seconds "2 hours" is not a number of seconds/);
  });
});

type WebCase = [label: string, change: Partial<AssumeRoleWithWebIdentityParams>, parameter: string | null];
const webCases: WebCase[] = [
  ['token of 3', { webIdentityToken: 'abc' }, 'WebIdentityToken'],
  ['token of 4', { webIdentityToken: 'abcd' }, null],
  ['token of 20000', { webIdentityToken: 't'.repeat(20000) }, null],
  ['token of 20001', { webIdentityToken: 't'.repeat(20001) }, 'WebIdentityToken'],
  ['provider id of 3', { providerId: 'a.b' }, 'ProviderId'],
  ['provider id of 4', { providerId: 'a.bc' }, null],
  ['provider id of 2048', { providerId: 'p'.repeat(2048) }, null],
  ['provider id of 2049', { providerId: 'p'.repeat(2049) }, 'ProviderId'],
  ['role ARN of 19', { roleArn: 'arn:aws:iam::1:role' }, 'RoleArn'],
  ['session name of 65', { roleSessionName: 's'.repeat(65) }, 'RoleSessionName'],
  ['duration 899', { durationSeconds: 899 }, 'DurationSeconds'],
  ['policy not JSON', { policy: 'nope' }, 'Policy'],
  ['11 policy ARNs', { policyArns: Array.from({ length: 11 }, (_, i) => `arn:aws:iam::aws:policy/P${i}xxxxxx`) }, 'PolicyArns'],
];

describe('checkWebIdentityParams: both sides of each limit', () => {
  for (const [label, change, parameter] of webCases) {
    const params = { ...web, ...change };
    if (parameter === null) {
      it(`${label}: accepted and sent`, async () => {
        expect(() => checkWebIdentityParams(params)).not.toThrow();
        const body = await sends(() => assumeClient.assumeRoleWithWebIdentity(params));
        expect(body).toContain('Action=AssumeRoleWithWebIdentity&Version=2011-06-15');
      });
    } else {
      it(`${label}: ${parameter} refused, nothing sent`, async () => {
        const e = await rejectsUnsent(() => assumeClient.assumeRoleWithWebIdentity(params), parameter);
        expect(e.message).not.toContain(params.webIdentityToken);
      });
    }
  }

  it('never echoes the web identity token', () => {
    const token = `eyJhbGciOiJSUzI1NiJ9.${'x'.repeat(20001 - 21)}`;
    try {
      checkWebIdentityParams({ ...web, webIdentityToken: token });
      expect.unreachable();
    } catch (error) {
      expect((error as Error).message).not.toContain('eyJhbGciOiJSUzI1NiJ9');
      expect((error as Error).message).toContain('20001');
    }
  });
});

describe('parseDuration', () => {
  it.each([
    ['900', 900],
    ['3600', 3600],
    ['15m', 900],
    ['1h', 3600],
    ['12h', 43200],
    ['7d', 604800],
    ['1h30m', 5400],
    [' 2H ', 7200],
    ['129600', 129600],
  ])('%j → %d', (text, seconds) => {
    expect(parseDuration(text)).toBe(seconds);
  });

  it.each(['899', '14m', '10m', '0', 'garbage', '', '1.5h', '-900', '1w', 'h', '900s900x'])('%j is refused', (text) => {
    try {
      parseDuration(text);
      expect.unreachable();
    } catch (error) {
      expect((error as InvalidParameterError).code).toBe('ERR_INVALID_PARAMETER');
      expect((error as InvalidParameterError).parameter).toBe('DurationSeconds');
    }
  });
});

describe('readPolicyArgument', () => {
  const files: Record<string, string> = { '/p.json': '{\n  "Version": "2012-10-17"\n}\n', '/bad.json': '{' };
  const readFile = (path: string) => {
    const text = files[path];
    if (text === undefined) throw new Error(`no file ${path}`);
    return text;
  };

  it('takes JSON text as given', () => {
    expect(readPolicyArgument('{"a":1}', readFile)).toBe('{"a":1}');
  });
  it('reads file://path and @path', () => {
    expect(readPolicyArgument('file:///p.json', readFile)).toBe(files['/p.json']);
    expect(readPolicyArgument('@/p.json', readFile)).toBe(files['/p.json']);
  });
  it('checks what the file holds', () => {
    expect(() => readPolicyArgument('@/bad.json', readFile)).toThrow(expect.objectContaining({ code: 'ERR_INVALID_PARAMETER', parameter: 'Policy' }));
  });
  it('counts length after whitespace is removed', () => {
    expect(() => readPolicyArgument(policyOf(2048), readFile)).not.toThrow();
    expect(policyOf(2048).length).toBeGreaterThan(2048);
    expect(() => readPolicyArgument(policyOf(2049), readFile)).toThrow(expect.objectContaining({ parameter: 'Policy' }));
  });
  it('lets the reader report a missing file', () => {
    expect(() => readPolicyArgument('file:///missing', readFile)).toThrow('no file /missing');
  });
});

describe('parseTags', () => {
  it('splits at the first =', () => {
    expect(parseTags(['team=core', 'expr=a=b', 'empty='])).toEqual([
      { key: 'team', value: 'core' },
      { key: 'expr', value: 'a=b' },
      { key: 'empty', value: '' },
    ]);
  });
  it.each(['novalue', '=v'])('%j is refused', (item) => {
    expect(() => parseTags([item])).toThrow(expect.objectContaining({ code: 'ERR_INVALID_PARAMETER', parameter: 'Tags' }));
  });
});

describe('the limits table', () => {
  it('names each rule by its STS member and by the field AWS’s messages use', () => {
    expect([limits.roleSessionName.member, limits.roleSessionName.field]).toEqual(['RoleSessionName', 'roleSessionName']);
    expect([limits.webIdentityToken.member, limits.webIdentityToken.field]).toEqual(['WebIdentityToken', 'webIdentityToken']);
    expect([limits.policyArn.member, limits.tagKey.member, limits.tagValue.member]).toEqual(['arn', 'Key', 'Value']);
    expect([limits.durationSeconds.default, limits.sessionTokenDuration.default]).toEqual([3600, 43200]);
  });

  it('compiles each charset from AWS’s pattern text, anchored', () => {
    expect(limits.roleSessionName.pattern).toBe('[\\w+=,.@-]*');
    expect(limits.externalId.pattern).toBe('[\\w+=,.@:\\/-]*');
    expect(limits.tokenCode.pattern).toBe('[\\d]*');
    expect(limits.roleSessionName.charset!.test('a_b+c=d,e.f@g-h')).toBe(true);
    expect(limits.roleSessionName.charset!.test('a b')).toBe(false);
    expect(limits.externalId.charset!.test('a:b/c')).toBe(true);
    expect(limits.tokenCode.charset!.test('12a456')).toBe(false);
    expect(limits.roleArn.charset).toBeUndefined();
  });

  it('says a pattern in words', () => {
    expect(describePattern(limits.roleSessionName.pattern!)).toBe('letters, digits and + = , . @ - _');
    expect(describePattern(limits.externalId.pattern!)).toBe('letters, digits and + = , . @ : / - _');
    expect(describePattern(limits.serialNumber.pattern!)).toBe('letters, digits and + = / : , . @ - _');
    expect(describePattern('[\\d]*')).toBe('digits');
    expect(checkLength('a b', limits.roleSessionName)).toBe('may contain only letters, digits and + = , . @ - _');
  });

  it('lets a flavor change a maximum or a pattern and nothing else', () => {
    const longer = withMax(limits.durationSeconds, 604800);
    expect(longer).toEqual({ ...limits.durationSeconds, max: 604800 });
    const noPlus = withPattern(limits.roleSessionName, '[\\w=,.@-]*');
    expect({ ...noPlus, charset: undefined }).toEqual({ ...limits.roleSessionName, pattern: '[\\w=,.@-]*', charset: undefined });
    expect(noPlus.charset!.test('a+b')).toBe(false);
    expect(limits.roleSessionName.charset!.test('a+b')).toBe(true);
  });
});
