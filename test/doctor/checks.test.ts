// The pure checks of doctor: the clock against Date, a token's header and claims, the proxy a
// request takes, and the report's rendering (no secret, no terminal control, the exit decision).
import { describe, expect, it } from 'vitest';
import { checkClock, formatSkew } from '../../src/doctor/checkClock.js';
import { checkToken } from '../../src/doctor/checkToken.js';
import { proxyFor } from '../../src/doctor/proxyFor.js';
import { hasFailure, renderJson, renderText } from '../../src/doctor/renderReport.js';
import { handMadeJwt } from '../helpers/fakeGithubTokenService.js';

const NOW = new Date('2026-03-01T12:00:00Z');
const at = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000).toUTCString();

describe('checkClock', () => {
  it('within 5 minutes passes, within 15 warns, beyond fails; either way round', () => {
    expect(checkClock(at(0), NOW)).toMatchObject({ status: 'passed', detail: "this machine's clock and the server's agree (Date: 2026-03-01T12:00:00.000Z)" });
    expect(checkClock(at(4), NOW)).toMatchObject({ status: 'passed', detail: "this machine's clock is 4m behind the server's" });
    expect(checkClock(at(-6), NOW)).toMatchObject({ status: 'warning', detail: "this machine's clock is 6m ahead of the server's (over 5 minutes)" });
    expect(checkClock(at(20), NOW)).toMatchObject({
      status: 'failed',
      detail: "this machine's clock is 20m behind the server's (over 15 minutes)",
      fix: expect.stringContaining('timedatectl'),
    });
    expect(checkClock(at(-16), NOW).status).toBe('failed');
  });

  it('no Date header, or one that is not a date: a warning', () => {
    expect(checkClock(undefined, NOW).status).toBe('warning');
    expect(checkClock('yesterday-ish', NOW).status).toBe('warning');
  });

  it('formatSkew', () => {
    expect([formatSkew(2000), formatSkew(-125_000), formatSkew(3_900_000)]).toEqual(['2s', '2m 5s', '1h 5m']);
  });
});

describe('checkToken', () => {
  const claims = {
    iss: 'https://token.actions.githubusercontent.com',
    sub: 'repo:o/r:ref:refs/heads/main',
    aud: 'sts.amazonaws.com',
    exp: NOW.getTime() / 1000 + 300,
  };
  const check = (extra: Record<string, unknown> = {}, header?: Record<string, unknown>) =>
    checkToken(handMadeJwt({ ...claims, ...extra }, header), '--oidc github', NOW).check;

  it('decodes alg, kid, iss, sub, aud and the time left', () => {
    expect(check()).toEqual({
      id: 'token',
      title: 'token',
      status: 'passed',
      detail:
        'RS256, kid k1; iss https://token.actions.githubusercontent.com; sub repo:o/r:ref:refs/heads/main; aud sts.amazonaws.com; expires in 5m (2026-03-01T12:05:00Z)',
    });
  });

  it('fails what no STS accepts, warns on what some refuse', () => {
    expect(check({ exp: NOW.getTime() / 1000 - 90 })).toMatchObject({
      status: 'failed',
      detail: expect.stringContaining('expired 2m ago'),
      fix: 'Get a fresh token from --oidc github.',
    });
    expect(check({}, { alg: 'none' })).toMatchObject({ status: 'failed', detail: expect.stringContaining('not signed (alg none)') });
    expect(check({ iss: undefined })).toMatchObject({ status: 'failed', detail: expect.stringContaining('names no issuer') });
    expect(check({ exp: undefined })).toMatchObject({ status: 'warning', detail: expect.stringContaining('no expiry') });
    expect(check({ sub: undefined }).status).toBe('warning');
    expect(check({}, { alg: 'HS256' })).toMatchObject({ status: 'warning', detail: expect.stringContaining('shared-secret') });
    expect(check({ iss: 'http://127.0.0.1:8900' })).toMatchObject({ status: 'warning', detail: expect.stringContaining('not https://') });
    expect(check({ exp: NOW.getTime() / 1000 + 30 })).toMatchObject({ status: 'warning', detail: expect.stringContaining('less than a minute left') });
    expect(checkToken('not-a-jwt', '--web-identity-token', NOW).check).toMatchObject({
      status: 'failed',
      detail: 'the token from --web-identity-token is not a JWT: it has 1 part, not 3 separated by dots',
    });
  });
});

describe('proxyFor', () => {
  const url = (u: string) => new URL(u);
  it('HTTPS_PROXY for https, HTTP_PROXY for http, NO_PROXY by host, domain or port', () => {
    const env = { HTTPS_PROXY: 'http://proxy:3128', HTTP_PROXY: 'http://plain:8080', NO_PROXY: 'localhost,.internal.example,10.0.0.1:8443' };
    expect(proxyFor(url('https://sts.amazonaws.com'), env)).toBe('http://proxy:3128');
    expect(proxyFor(url('http://minio:9000'), env)).toBe('http://plain:8080');
    expect(proxyFor(url('https://localhost:8900'), env)).toBeUndefined();
    expect(proxyFor(url('https://ceph.internal.example'), env)).toBeUndefined();
    expect(proxyFor(url('https://10.0.0.1:8443'), env)).toBeUndefined();
    expect(proxyFor(url('https://10.0.0.1:9443'), env)).toBe('http://proxy:3128');
    expect(proxyFor(url('https://anything'), { https_proxy: 'http://p:1', no_proxy: '*' })).toBeUndefined();
    expect(proxyFor(url('https://anything'), {})).toBeUndefined();
  });
});

describe('renderReport', () => {
  const secret = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
  const report = {
    endpoint: 'https://sts.example',
    region: 'eu-west-1',
    profile: 'dev',
    secrets: [secret],
    checks: [
      { id: 'dns', title: 'DNS', status: 'passed' as const, detail: 'sts.example resolves to 192.0.2.1' },
      { id: 'clock', title: 'clock', status: 'failed' as const, detail: `off by 20m \u001b[31m ${secret}`, fix: 'Set the clock.' },
      { id: 'token', title: 'token', status: 'skipped' as const, detail: 'no token' },
    ],
  };

  it('text: one line per check, the fix under warnings and failures, a summary; secrets masked, controls shown', () => {
    const text = renderText(report);
    expect(text).toBe(
      [
        'sts-cli doctor: profile dev, endpoint https://sts.example, region eu-west-1',
        'passed   DNS    sts.example resolves to 192.0.2.1',
        'failed   clock  off by 20m \\u001b[31m ****EKEY',
        '                fix: Set the clock.',
        'skipped  token  no token',
        '1 passed, 0 warnings, 1 failed, 1 skipped.',
        '',
      ].join('\n'),
    );
    expect(hasFailure(report)).toBe(true);
  });

  it('json: ok, summary and every check; secrets masked', () => {
    const json = JSON.parse(renderJson(report));
    expect(json).toMatchObject({ ok: false, profile: 'dev', endpoint: 'https://sts.example', summary: { passed: 1, warning: 0, failed: 1, skipped: 1 } });
    expect(json.checks).toHaveLength(3);
    expect(renderJson(report)).not.toContain(secret);
  });
});
