// The JSON Schema shipped for the mock's config (schema/mock-config.schema.json) and the mock's own
// validation (validateMockConfig) agree: the README's and the man page's examples and other valid
// configs pass both; wrong types, unknown keys, bad ARNs and the rest are refused by both. Ajv, a
// devDependency, is only the oracle here: the mock never loads it.
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { isStsCliError } from '../../src/errors.js';
import { validateMockConfig } from '../../src/mock/config.js';
import { GITHUB_CLAIMS } from '../../src/mock/issuer/githubToken.js';
import { startMockSts } from '../../src/mock/index.js';

const root = new URL('../../', import.meta.url);
const schema = JSON.parse(readFileSync(new URL('schema/mock-config.schema.json', root), 'utf8'));
const readme = readFileSync(new URL('README.md', root), 'utf8');
const man = readFileSync(new URL('man/sts-cli.1', root), 'utf8');
const schemaCheck = new Ajv2020({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true }).compile(schema);

/** The text of `## heading` … up to the next heading of the same or a higher level. */
function section(text: string, heading: string): string {
  const start = text.indexOf(`\n${heading}\n`);
  expect(start, `${heading} is missing`).toBeGreaterThan(-1);
  const level = heading.split(' ')[0]!;
  const rest = text.slice(start + heading.length + 2);
  const next = rest.search(new RegExp(`^#{1,${level.length}} `, 'm'));
  return next === -1 ? rest : rest.slice(0, next);
}

const readmeSection = section(readme, "### The mock's configuration file");
const manSection = man.slice(man.indexOf('.SH MOCK CONFIGURATION'), man.indexOf('.SH EXIT STATUS'));
const readmeExample = JSON.parse(/```json\n([\s\S]*?)\n```/.exec(readmeSection)![1]!);
const manExample = JSON.parse(/^\.nf\n([\s\S]*?)\n\.fi$/m.exec(manSection)![1]!);

/** Refused by the mock's validation (a UsageError or TrustPolicyError, exit 2), with its message. */
function mockRefusal(config: unknown): string | null {
  try {
    validateMockConfig(config, 'test.json');
    return null;
  } catch (error) {
    if (!isStsCliError(error) || error.exitCode !== 2) throw error;
    return error.message;
  }
}

const schemaErrors = (config: unknown) => (schemaCheck(config) ? null : JSON.stringify(schemaCheck.errors));

const ROLE = 'arn:aws:iam::123456789012:role/dev';
const valid: [string, unknown][] = [
  ["the README's complete example", readmeExample],
  ["the man page's example", manExample],
  ['nothing at all', {}],
  [
    'the ceph flavor with buckets and an empty account',
    { flavor: 'ceph', account: '', buckets: [{ name: 'b', creationDate: '2026-01-01T00:00:00Z' }], roles: [{ arn: 'arn:aws:iam:::role/app' }] },
  ],
  [
    'a role path, an ECS urn and a MinIO ARN',
    { roles: [{ arn: 'arn:aws:iam::123456789012:role/team/x' }, { arn: 'urn:ecs:iam::ns:role/s3role' }, { arn: 'arn:minio:iam:::role/abcdef' }] },
  ],
  [
    'a trust policy as JSON text',
    {
      roles: [
        {
          arn: ROLE,
          trustPolicy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole' }] }),
        },
      ],
    },
  ],
  ['a spaced, padded TOTP secret', { roles: [{ arn: ROLE, trust: {}, mfa: { serialNumber: 'GAHT12345678', totpSecret: 'jbsw y3dp ehpk 3pxp====' } }] }],
  [
    'a JWKS file, an issuer with a path, EdDSA',
    { oidcProviders: [{ issuer: 'https://idp.test', jwksFile: 'jwks.json' }], issuer: 'http://127.0.0.1:8900/realms/ci', oidcAlgorithm: 'EdDSA' },
  ],
  ['every GitHub claim', { github: Object.fromEntries([...GITHUB_CLAIMS, 'requestToken', 'audience'].map((k) => [k, k === 'repository' ? 'o/r' : 'x'])) }],
  ['users with accounts and names', { users: [{ accessKeyId: 'A', secretAccessKey: 'B', account: '', name: 'n', displayName: 'd' }] }],
];

const invalid: [string, unknown][] = [
  ['not an object', []],
  ['a string', 'users'],
  ['an unknown flavor', { flavor: 's3' }],
  ['a numeric account', { account: 123456789012 }],
  ['an unknown top-level key', { rolez: [] }],
  ['a $schema that is not a string', { $schema: 42 }],
  ['users not a list', { users: {} }],
  ['a user that is not an object', { users: ['alice'] }],
  ['a user without a secret', { users: [{ accessKeyId: 'a' }] }],
  ['an empty access key id', { users: [{ accessKeyId: '', secretAccessKey: 'b' }] }],
  ['a misspelt user key', { users: [{ accessKeyId: 'a', secretAccessKey: 'b', nmae: 'x' }] }],
  ['an empty user name', { users: [{ accessKeyId: 'a', secretAccessKey: 'b', name: '' }] }],
  ['a numeric user account', { users: [{ accessKeyId: 'a', secretAccessKey: 'b', account: 1 }] }],
  ['a role without an arn', { roles: [{}] }],
  ['a user ARN as a role', { roles: [{ arn: 'arn:aws:iam::123456789012:user/alice' }] }],
  ['a role ARN under 20 characters', { roles: [{ arn: 'arn:aws:iam::1:role' }] }],
  ['a role ARN without a name', { roles: [{ arn: 'arn:aws:iam::123456789012:role/' }] }],
  ['a bare role name', { roles: [{ arn: 'role/deploy-production' }] }],
  ['a role ARN over 2048 characters', { roles: [{ arn: `arn:aws:iam::123456789012:role/${'r'.repeat(2020)}` }] }],
  ['a numeric arn', { roles: [{ arn: 123456789012 }] }],
  ['a maximum session under 900', { roles: [{ arn: ROLE, maxSessionDuration: 899 }] }],
  ['a maximum session over 7 days', { roles: [{ arn: ROLE, maxSessionDuration: 604801 }] }],
  ['a fractional maximum session', { roles: [{ arn: ROLE, maxSessionDuration: 3600.5 }] }],
  ['a maximum session as text', { roles: [{ arn: ROLE, maxSessionDuration: '3600' }] }],
  ['both trust and trustPolicy', { roles: [{ arn: ROLE, trust: {}, trustPolicy: {} }] }],
  ['trust not an object', { roles: [{ arn: ROLE, trust: ['alice'] }] }],
  ['an unknown trust key', { roles: [{ arn: ROLE, trust: { userz: [] } }] }],
  ['trust.users not a list', { roles: [{ arn: ROLE, trust: { users: 'alice' } }] }],
  ['an empty trusted user', { roles: [{ arn: ROLE, trust: { users: [''] } }] }],
  ['an OIDC trust without an issuer', { roles: [{ arn: ROLE, trust: { oidc: [{ audiences: ['a'] }] } }] }],
  ['numeric OIDC subjects', { roles: [{ arn: ROLE, trust: { oidc: [{ issuer: 'self', subjects: [1] }] } }] }],
  ['an unknown OIDC trust key', { roles: [{ arn: ROLE, trust: { oidc: [{ issuer: 'self', audience: 'a' }] } }] }],
  ['a numeric trust policy', { roles: [{ arn: ROLE, trustPolicy: 42 }] }],
  ['MFA without a TOTP secret', { roles: [{ arn: ROLE, mfa: { serialNumber: 'GAHT12345678' } }] }],
  ['a TOTP secret that is not base32', { roles: [{ arn: ROLE, mfa: { serialNumber: 'GAHT12345678', totpSecret: 'not base32!' } }] }],
  ['padding inside a TOTP secret', { roles: [{ arn: ROLE, mfa: { serialNumber: 'GAHT12345678', totpSecret: 'AB=CD' } }] }],
  ['an unknown MFA key', { roles: [{ arn: ROLE, mfa: { serialNumber: 'GAHT12345678', totpSecret: 'JBSWY3DP', code: '1' } }] }],
  ['a provider without a JWKS', { oidcProviders: [{ issuer: 'https://idp.test' }] }],
  ['a provider with both JWKS sources', { oidcProviders: [{ issuer: 'https://idp.test', jwksFile: 'j.json', jwksUrl: 'https://idp.test/jwks' }] }],
  ['a JWKS URL that is not http(s)', { oidcProviders: [{ issuer: 'https://idp.test', jwksUrl: 'ftp://idp.test/jwks' }] }],
  ['a bucket without a creation date', { buckets: [{ name: 'b' }] }],
  ['an issuer with a trailing slash', { issuer: 'https://sts.example.test/' }],
  ['an issuer with a query', { issuer: 'https://sts.example.test?x=1' }],
  ['an issuer that is not http(s)', { issuer: 'ftp://sts.example.test' }],
  ['an issuer with credentials', { issuer: 'https://user:pass@sts.example.test' }],
  ['an unknown signing algorithm', { oidcAlgorithm: 'HS256' }],
  ['github not an object', { github: [] }],
  ['a repository without an owner', { github: { repository: 'octo-repo' } }],
  ['an empty request token', { github: { requestToken: '' } }],
  ['a numeric claim', { github: { sub: 5 } }],
  ['an unknown GitHub claim', { github: { colour: 'blue' } }],
];

// What JSON Schema cannot say (values unique by one field, IAM's own rules for a policy document):
// the mock alone refuses these, and the schema accepts them; listed so that the split stays known.
const mockOnly: [string, unknown][] = [
  [
    'the same access key id twice',
    {
      users: [
        { accessKeyId: 'a', secretAccessKey: 'b' },
        { accessKeyId: 'a', secretAccessKey: 'c' },
      ],
    },
  ],
  ['a trust policy IAM would refuse', { roles: [{ arn: ROLE, trustPolicy: { Version: '2012-10-17', Statement: [{ Effect: 'Maybe' }] } }] }],
  ['a trust policy text that is not JSON', { roles: [{ arn: ROLE, trustPolicy: '{"Version":' }] }],
];

describe('the mock config schema and the mock agree', () => {
  it.each(valid)('%s: accepted by both', (_label, config) => {
    expect(mockRefusal(config)).toBeNull();
    expect(schemaErrors(config)).toBeNull();
  });

  it.each(invalid)('%s: refused by both', (_label, config) => {
    expect(mockRefusal(config)).not.toBeNull();
    expect(schemaErrors(config)).not.toBeNull();
  });

  it.each(mockOnly)('%s: refused by the mock (beyond what JSON Schema can say)', (_label, config) => {
    expect(mockRefusal(config)).not.toBeNull();
    expect(schemaErrors(config)).toBeNull();
  });

  it("the README's complete example starts a mock", async () => {
    const sts = await startMockSts({ port: 0, config: readmeExample });
    await sts.close();
    expect(sts.accessKeyId).toBe('AKIAALICE0000EXAMPLE');
  });
});

describe('every field is documented', () => {
  // Every property name the schema declares, at any depth.
  const names = new Set<string>();
  const walk = (node: unknown): void => {
    if (typeof node !== 'object' || node === null) return;
    const properties = (node as { properties?: Record<string, unknown> }).properties;
    for (const [name, sub] of Object.entries(properties ?? {})) {
      names.add(name);
      walk(sub);
    }
    for (const sub of Object.values((node as { $defs?: Record<string, unknown> }).$defs ?? {})) walk(sub);
  };
  walk(schema);

  it('each has a description in the schema, for editors', () => {
    const missing: string[] = [];
    const check = (node: Record<string, unknown>, path: string) => {
      for (const [name, sub] of Object.entries((node.properties ?? {}) as Record<string, Record<string, unknown>>)) {
        if (typeof sub.description !== 'string' && typeof sub.$ref !== 'string') missing.push(`${path}${name}`);
      }
    };
    check(schema, '');
    for (const [name, def] of Object.entries(schema.$defs as Record<string, Record<string, unknown>>)) check(def, `${name}.`);
    expect(missing).toEqual([]);
  });

  it('the README section names each (the claims of github as a few examples) and the man page each', () => {
    const claims = new Set<string>(GITHUB_CLAIMS);
    // In code spans, alone or in a path: `roles[].trust`, `oidc[]`.
    const spans = new Set([...readmeSection.matchAll(/`([^`\n]+)`/g)].flatMap((m) => m[1]!.split(/[.[\]]+/)));
    const inCode = (name: string) => spans.has(name);
    expect([...names].filter((name) => !claims.has(name) && !inCode(name))).toEqual([]);
    expect([...names].filter((name) => !manSection.includes(name.replaceAll('-', '\\-')))).toEqual([]);
  });

  it('the README section is the first of "## The mock STS"', () => {
    const mock = readme.indexOf('\n## The mock STS\n');
    const config = readme.indexOf("\n### The mock's configuration file\n");
    const next = readme.indexOf('\n## ', mock + 1);
    expect(mock).toBeGreaterThan(-1);
    expect(readme.slice(mock + 1, config).match(/^### /gm)).toBeNull();
    expect(config).toBeLessThan(next);
  });

  it('serve --help points at the README section, the man page section and the schema', async () => {
    const { buildProgram } = await import('../../src/cli/program.js');
    const serve = buildProgram(async () => undefined, 'serve').commands.find((command) => command.name() === 'serve')!;
    let help = '';
    serve.configureOutput({ writeOut: (text) => (help += text) });
    serve.outputHelp();
    expect(help).toContain("The mock's configuration file");
    expect(help).toContain('MOCK CONFIGURATION');
    expect(help).toContain('schema/mock-config.schema.json');
  });

  it('the package ships the schema', () => {
    const pkg = JSON.parse(readFileSync(new URL('package.json', root), 'utf8'));
    expect(pkg.files).toContain('schema');
    expect(pkg.dependencies.ajv).toBeUndefined();
  });
});
