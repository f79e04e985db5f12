import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { parseSignature, verifySignature } from '../../src/sigv4/index.js';
import { dialects } from '../../src/sts/dialects.js';
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
    const req = buildStsRequest({ dialect: 'aws', endpoint: 'http://127.0.0.1:9000/base/', form, region: 'eu-west-1', now, credentials });
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
  });

  it('aws on a default port: host carries no port, like the wire', () => {
    const req = buildStsRequest({ dialect: 'aws', endpoint: 'https://sts.us-east-1.amazonaws.com', form, region: 'us-east-1', now, credentials });
    expect(req.headers.host).toBe('sts.us-east-1.amazonaws.com');
    expect(req.url).toBe('https://sts.us-east-1.amazonaws.com/');
  });

  it('ecs: POST <endpoint>/sts with the parameters in the query, token header, empty body, no signature', () => {
    const req = buildStsRequest({ dialect: 'ecs', endpoint: 'https://ecs.example:4443/', form, region: 'us-east-1', now, token: 'T0KEN' });
    expect(req.url).toBe('https://ecs.example:4443/sts?Action=AssumeRole&Version=2011-06-15&RoleSessionName=a%20b');
    expect(req.body).toBe('');
    expect(req.headers['x-sds-auth-token']).toBe('T0KEN');
    expect(req.headers.authorization).toBeUndefined();
    expect(req.headers['content-type']).toBeUndefined();
  });

  it('none: the aws shape, unsigned', () => {
    const req = buildStsRequest({ dialect: 'none', endpoint: 'http://127.0.0.1:1', form, region: 'us-east-1', now });
    expect(req.body).toContain('Action=AssumeRole');
    expect(req.headers.authorization).toBeUndefined();
    expect(req.headers['x-amz-date']).toBeUndefined();
  });

  it('the table holds the differences', () => {
    expect(dialects.aws).toMatchObject({ params: 'body', auth: 'sigv4', pathSuffix: '' });
    expect(dialects.ecs).toMatchObject({ params: 'query', auth: 'header-token', pathSuffix: '/sts', tokenHeader: 'X-SDS-AUTH-TOKEN' });
    expect(dialects.none).toMatchObject({ params: 'body', auth: 'none' });
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
});
