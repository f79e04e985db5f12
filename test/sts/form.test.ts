import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { parseSignature, verifySignature } from '../../src/sigv4/index.js';
import { ECS_TOKEN_HEADER } from '../../src/sts/auth.js';
import { dialectFor, dialects } from '../../src/sts/dialects.js';
import { awsStsEndpoint, resolveEndpoint, resolveRegion } from '../../src/sts/endpoint.js';
import { assumeRoleForm, encodeForm, getSessionTokenForm, webIdentityForm } from '../../src/sts/form.js';
import { buildStsRequest } from '../../src/sts/request.js';

describe('forms', () => {
  it('AssumeRole: every parameter, in order, members numbered from 1', () => {
    const pairs = assumeRoleForm({
      roleArn: 'arn:aws:iam::123456789012:role/dev',
      roleSessionName: 's1',
      durationSeconds: 900,
      policy: '{"a":1}',
      policyArns: ['arn:a', 'arn:b'],
      externalId: 'ext',
      serialNumber: 'GAHT12345',
      tokenCode: '123456',
      tags: [
        { key: 'team', value: 'core' },
        { key: 'env', value: 'ci' },
      ],
      transitiveTagKeys: ['team'],
      sourceIdentity: 'me',
    });
    expect(pairs).toEqual([
      ['Action', 'AssumeRole'],
      ['Version', '2011-06-15'],
      ['RoleArn', 'arn:aws:iam::123456789012:role/dev'],
      ['RoleSessionName', 's1'],
      ['DurationSeconds', '900'],
      ['Policy', '{"a":1}'],
      ['PolicyArns.member.1.arn', 'arn:a'],
      ['PolicyArns.member.2.arn', 'arn:b'],
      ['ExternalId', 'ext'],
      ['SerialNumber', 'GAHT12345'],
      ['TokenCode', '123456'],
      ['Tags.member.1.Key', 'team'],
      ['Tags.member.1.Value', 'core'],
      ['Tags.member.2.Key', 'env'],
      ['Tags.member.2.Value', 'ci'],
      ['TransitiveTagKeys.member.1', 'team'],
      ['SourceIdentity', 'me'],
    ]);
  });

  it('AssumeRole without a role ARN leaves it out', () => {
    expect(assumeRoleForm({ roleSessionName: 's1' })).toEqual([
      ['Action', 'AssumeRole'],
      ['Version', '2011-06-15'],
      ['RoleSessionName', 's1'],
    ]);
  });

  it('AssumeRoleWithWebIdentity', () => {
    expect(
      webIdentityForm({
        roleArn: 'arn:r',
        roleSessionName: 's',
        webIdentityToken: 'tok',
        providerId: 'p.example',
        durationSeconds: 3600,
        policyArns: ['arn:p'],
      }),
    ).toEqual([
      ['Action', 'AssumeRoleWithWebIdentity'],
      ['Version', '2011-06-15'],
      ['RoleArn', 'arn:r'],
      ['RoleSessionName', 's'],
      ['WebIdentityToken', 'tok'],
      ['ProviderId', 'p.example'],
      ['DurationSeconds', '3600'],
      ['PolicyArns.member.1.arn', 'arn:p'],
    ]);
  });

  it('GetSessionToken', () => {
    expect(getSessionTokenForm({ durationSeconds: 1000 })).toEqual([
      ['Action', 'GetSessionToken'],
      ['Version', '2011-06-15'],
      ['DurationSeconds', '1000'],
    ]);
  });

  it('encodeForm is strict RFC 3986: %20 for spaces, never +', () => {
    expect(encodeForm([['Policy', '{"a": "b c+d"}']])).toBe('Policy=%7B%22a%22%3A%20%22b%20c%2Bd%22%7D');
    expect(encodeForm([['k', "!'()*~-_.&=/é"]])).toBe('k=%21%27%28%29%2A~-_.%26%3D%2F%C3%A9');
    expect(
      encodeForm([
        ['a', ''],
        ['b', 'x'],
      ]),
    ).toBe('a=&b=x');
  });
});

describe('buildStsRequest', () => {
  const now = new Date('2026-11-23T12:00:00Z');
  const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret/with+chars', sessionToken: 'tok' };
  const form = assumeRoleForm({ roleSessionName: 'a b' });

  it('aws: POST to the endpoint path, empty query, form body, valid SigV4 with host as sent', () => {
    const { request: req, signature } = buildStsRequest({
      dialect: 'aws',
      endpoint: 'http://127.0.0.1:9000/base/',
      form,
      region: 'eu-west-1',
      now,
      auth: { kind: 'sigv4', credentials },
    });
    expect(req.method).toBe('POST');
    expect(req.url).toBe('http://127.0.0.1:9000/base/');
    expect(req.body).toBe('Action=AssumeRole&Version=2011-06-15&RoleSessionName=a%20b');
    expect(req.headers['content-type']).toBe('application/x-www-form-urlencoded; charset=utf-8');
    expect(req.headers.host).toBe('127.0.0.1:9000');
    expect(req.headers['x-amz-security-token']).toBe('tok');
    const parsed = parseSignature(req);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.value.scope).toEqual({ date: '20261123', region: 'eu-west-1', service: 'sts' });
    expect(parsed.value.signedHeaders).toEqual(['content-type', 'host', 'x-amz-date', 'x-amz-security-token']);
    expect(verifySignature(req, parsed.value, credentials.secretAccessKey)).toBe(true);
    expect(verifySignature({ ...req, body: `${req.body}x` }, parsed.value, credentials.secretAccessKey)).toBe(false);
    // The signature comes back beside the request, so the caller can mask it without reading it from a header.
    expect(signature).toBe(parsed.value.signature);
  });

  it('aws on a default port: host carries no port, like the wire', () => {
    const { request: req } = buildStsRequest({
      dialect: 'aws',
      endpoint: 'https://sts.us-east-1.amazonaws.com',
      form,
      region: 'us-east-1',
      now,
      auth: { kind: 'sigv4', credentials },
    });
    expect(req.headers.host).toBe('sts.us-east-1.amazonaws.com');
    expect(req.url).toBe('https://sts.us-east-1.amazonaws.com/');
  });

  it('ecs: POST <endpoint>/sts with the parameters in the query, token header, empty body, no signature', () => {
    const { request: req, signature } = buildStsRequest({
      dialect: 'ecs',
      endpoint: 'https://ecs.example:4443/',
      form,
      region: 'us-east-1',
      now,
      auth: { kind: 'ecs-token', token: 'T0KEN' },
    });
    expect(signature).toBeUndefined();
    expect(req.url).toBe('https://ecs.example:4443/sts?Action=AssumeRole&Version=2011-06-15&RoleSessionName=a%20b');
    expect(req.body).toBe('');
    expect(req.headers['x-sds-auth-token']).toBe('T0KEN');
    expect(req.headers.authorization).toBeUndefined();
    expect(req.headers['content-type']).toBeUndefined();
  });

  it('none: the aws shape, unsigned', () => {
    const { request: req, signature } = buildStsRequest({
      dialect: 'aws',
      endpoint: 'http://127.0.0.1:1',
      form,
      region: 'us-east-1',
      now,
      auth: { kind: 'none' },
    });
    expect(signature).toBeUndefined();
    expect(req.body).toContain('Action=AssumeRole');
    expect(req.headers.authorization).toBeUndefined();
    expect(req.headers['x-amz-date']).toBeUndefined();
  });

  it('the table holds the differences', () => {
    expect(dialects.aws).toMatchObject({ params: { sigv4: 'body', 'ecs-token': 'body', none: 'body' }, path: '' });
    expect(dialects.ecs).toMatchObject({ params: { sigv4: 'query', 'ecs-token': 'query', none: 'body' }, path: '/sts' });
    expect(ECS_TOKEN_HEADER).toBe('x-sds-auth-token');
    expect(dialectFor('ecs-token')).toBe('ecs');
    expect(dialectFor('sigv4')).toBe('aws');
    expect(dialectFor('none')).toBe('aws');
  });

  it.each([
    ['https://ecs.example:4443', '/sts'],
    ['https://ecs.example:4443/', '/sts'],
    ['https://ecs.example:4443/sts', '/sts'],
    ['https://ecs.example:4443/sts/', '/sts'],
    ['https://ecs.example:4443/object/sts', '/object/sts'],
    ['https://ecs.example:4443/mysts', '/mysts/sts'],
    ['https://ecs.example:4443/sts/x', '/sts/x/sts'],
  ])('ecs: every call of the dialect goes to <endpoint>/sts, never /sts/sts (%s)', (endpoint, path) => {
    for (const auth of [{ kind: 'ecs-token', token: 'T0KEN' }, { kind: 'sigv4', credentials }, { kind: 'none' }] as const) {
      const { request } = buildStsRequest({ dialect: 'ecs', endpoint, form, region: 'us-east-1', now, auth });
      expect(new URL(request.url).pathname).toBe(path);
    }
  });

  it('ecs: SigV4 carries the parameters in the signed query; unsigned web identity keeps its token in the body', () => {
    const signed = buildStsRequest({
      dialect: 'ecs',
      endpoint: 'https://ecs.example:4443/sts',
      form,
      region: 'us-east-1',
      now,
      auth: { kind: 'sigv4', credentials },
    });
    expect(signed.request.url).toBe('https://ecs.example:4443/sts?Action=AssumeRole&Version=2011-06-15&RoleSessionName=a%20b');
    expect(signed.request.body).toBe('');
    const parsed = parseSignature(signed.request);
    expect(parsed.ok && verifySignature(signed.request, parsed.value, credentials.secretAccessKey)).toBe(true);
    expect(parsed.ok && parsed.value.signature).toBe(signed.signature);

    const web = webIdentityForm({ roleSessionName: 's', webIdentityToken: 'eyJ.token' });
    const unsigned = buildStsRequest({ dialect: 'ecs', endpoint: 'https://ecs.example:4443', form: web, region: 'us-east-1', now, auth: { kind: 'none' } });
    expect(unsigned.request.url).toBe('https://ecs.example:4443/sts');
    expect(unsigned.request.body).toContain('WebIdentityToken=eyJ.token');
    expect(unsigned.request.headers['content-type']).toBe('application/x-www-form-urlencoded; charset=utf-8');
  });

  it('aws: the endpoint path is kept as given, /sts included', () => {
    const { request } = buildStsRequest({ dialect: 'aws', endpoint: 'http://127.0.0.1:9000/sts', form, region: 'us-east-1', now, auth: { kind: 'none' } });
    expect(request.url).toBe('http://127.0.0.1:9000/sts');
  });
});

describe('resolveRegion', () => {
  it('first found wins', () => {
    expect(resolveRegion({ flag: 'eu-west-3', env: { AWS_REGION: 'a-1', AWS_DEFAULT_REGION: 'b-1' }, profileRegion: 'c-1' })).toBe('eu-west-3');
    expect(resolveRegion({ env: { AWS_REGION: 'a-1', AWS_DEFAULT_REGION: 'b-1' }, profileRegion: 'c-1' })).toBe('a-1');
    expect(resolveRegion({ env: { AWS_REGION: '', AWS_DEFAULT_REGION: 'b-1' }, profileRegion: 'c-1' })).toBe('b-1');
    expect(resolveRegion({ env: {}, profileRegion: 'c-1' })).toBe('c-1');
    expect(resolveRegion({ env: {} })).toBe('us-east-1');
  });
  it('refuses what is not a region name', () => {
    expect(() => resolveRegion({ flag: 'us east/1', env: {} })).toThrow(UsageError);
  });
});

describe('resolveEndpoint', () => {
  const env = { AWS_ENDPOINT_URL_STS: 'http://sts-env:1', AWS_ENDPOINT_URL: 'http://all-env:2' };
  it('first found wins', () => {
    expect(resolveEndpoint({ flag: 'http://flag:9000', env, profileEndpointUrl: 'http://profile:3', region: 'us-east-1' })).toBe('http://flag:9000');
    expect(resolveEndpoint({ env, profileEndpointUrl: 'http://profile:3', region: 'us-east-1' })).toBe('http://sts-env:1');
    expect(resolveEndpoint({ env: { AWS_ENDPOINT_URL: 'http://all-env:2' }, profileEndpointUrl: 'http://profile:3', region: 'us-east-1' })).toBe(
      'http://all-env:2',
    );
    expect(resolveEndpoint({ env: {}, profileEndpointUrl: 'http://profile:3', region: 'us-east-1' })).toBe('http://profile:3');
    expect(resolveEndpoint({ env: {}, region: 'eu-central-1' })).toBe('https://sts.eu-central-1.amazonaws.com');
  });
  it('China regions live under amazonaws.com.cn', () => {
    expect(awsStsEndpoint('cn-north-1')).toBe('https://sts.cn-north-1.amazonaws.com.cn');
    expect(resolveEndpoint({ env: {}, region: 'cn-northwest-1' })).toBe('https://sts.cn-northwest-1.amazonaws.com.cn');
  });
  it.each(['not a url', 'ftp://host/', 'localhost:9000', 'http://h/?a=1'])('refuses %j with a usage error', (flag) => {
    expect(() => resolveEndpoint({ flag, env: {}, region: 'us-east-1' })).toThrow(expect.objectContaining({ code: 'ERR_USAGE', exitCode: 2 }));
  });
  it.each([
    ['--endpoint-url', { flag: 'https://admin:pa55word@sts.example.com' }],
    ['AWS_ENDPOINT_URL_STS', { env: { AWS_ENDPOINT_URL_STS: 'http://admin:pa55word@127.0.0.1:9000' } }],
    ['the profile', { profileEndpointUrl: 'http://admin:pa55word@127.0.0.1:9000/' }],
    ['a user name alone', { flag: 'http://pa55word@127.0.0.1:9000' }],
  ])('refuses a user name or password in the endpoint from %s, without echoing them', (_from, input) => {
    let error: (Error & { code?: string; exitCode?: number; hint?: string }) | undefined;
    try {
      resolveEndpoint({ env: {}, region: 'us-east-1', ...input });
    } catch (e) {
      error = e as Error;
    }
    expect(error).toMatchObject({ code: 'ERR_USAGE', exitCode: 2 });
    expect(error!.message).toMatch(/must not carry a user name or password/);
    expect(`${error!.message} ${error!.hint}`).not.toContain('pa55word');
    expect(error!.message).toContain('****@');
  });
  it.each(['ftp://admin:pa55word@host/', 'http://admin:pa55word@h/?a=1', 'http://admin:pa55word@'])('never echoes a password while refusing %j', (flag) => {
    expect(() => resolveEndpoint({ flag, env: {}, region: 'us-east-1' })).toThrow(expect.objectContaining({ code: 'ERR_USAGE' }));
    try {
      resolveEndpoint({ flag, env: {}, region: 'us-east-1' });
    } catch (e) {
      expect((e as Error).message).not.toContain('pa55word');
    }
  });
});
