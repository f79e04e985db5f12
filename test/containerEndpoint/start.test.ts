// The endpoint over HTTP: who gets an answer, its shape, and its secrets kept.
import { inspect } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { type ContainerEndpoint, type ServedCredentials, startContainerEndpoint } from '../../src/containerEndpoint/index.js';
import { StsServiceError } from '../../src/errors.js';
import { MINUTE, manualClock, session, settle } from './clock.js';

const open: ContainerEndpoint[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((e) => e.close()));
});

async function endpoint(first: ServedCredentials, options: { clock?: ReturnType<typeof manualClock>; renew?: () => Promise<ServedCredentials> } = {}) {
  const clock = options.clock ?? manualClock(Date.now());
  const e = await startContainerEndpoint({
    provide: ({ refresh }) => (refresh && options.renew ? options.renew() : Promise.resolve(first)),
    now: clock.now,
    schedule: clock.schedule,
  });
  open.push(e);
  return e;
}

const get = (url: string, headers: Record<string, string> = {}, method = 'GET') => fetch(url, { method, headers });

describe('startContainerEndpoint', () => {
  it('listens on 127.0.0.1 at a random path with a 32-byte token, and says so in the two variables', async () => {
    const creds = session(new Date(), 60 * MINUTE);
    const [a, b] = [await endpoint(creds), await endpoint(creds)];
    expect(a.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/[0-9a-f]{32}$/);
    expect(Buffer.from(a.token, 'base64url')).toHaveLength(32);
    expect(a.token).toMatch(/^[\w-]{43}$/);
    expect(a.env).toEqual({ AWS_CONTAINER_CREDENTIALS_FULL_URI: a.url, AWS_CONTAINER_AUTHORIZATION_TOKEN: a.token });
    expect(b.token).not.toBe(a.token);
    expect(new URL(b.url).pathname).not.toBe(new URL(a.url).pathname);
  });

  it('answers the container JSON to the token, as the SDKs read it', async () => {
    const creds = session(new Date(), 60 * MINUTE);
    const e = await endpoint(creds);
    const res = await get(e.url, { authorization: e.token });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = await res.json();
    expect(body).toEqual({
      AccessKeyId: creds.accessKeyId,
      SecretAccessKey: creds.secretAccessKey,
      Token: creds.sessionToken,
      Expiration: creds.expiration.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    });
    // A query string (the JS SDK forwards the URL's) does not matter.
    expect((await get(`${e.url}?x=1`, { authorization: e.token })).status).toBe(200);
  });

  it('adds RoleArn and AccountId when the source knows them', async () => {
    const creds = session(new Date(), 60 * MINUTE, { roleArn: 'arn:aws:iam::123456789012:role/dev', accountId: '123456789012' });
    const e = await endpoint(creds);
    const body = await (await get(e.url, { authorization: e.token })).json();
    expect(Object.keys(body)).toEqual(['RoleArn', 'AccessKeyId', 'SecretAccessKey', 'Token', 'Expiration', 'AccountId']);
    expect(body.RoleArn).toBe('arn:aws:iam::123456789012:role/dev');
  });

  it('refuses 403 without the exact token, whatever the path or method, and echoes nothing', async () => {
    const e = await endpoint(session(new Date(), 60 * MINUTE));
    const flipped = `${e.token.slice(0, -1)}${e.token.endsWith('A') ? 'B' : 'A'}`;
    const attempts: Array<[string, Record<string, string>, string?]> = [
      [e.url, {}],
      [e.url, { authorization: flipped }],
      [e.url, { authorization: `Bearer ${e.token}` }],
      [e.url, { authorization: `${e.token}x` }],
      [e.url, { authorization: e.token.slice(0, 20) }],
      [new URL('/', e.url).href, {}],
      [e.url, {}, 'POST'],
    ];
    for (const [url, headers, method] of attempts) {
      const res = await get(url, headers, method);
      expect(res.status).toBe(403);
      const text = await res.text();
      expect(JSON.parse(text)).toEqual({ Code: 'AccessDenied', Message: 'The Authorization header does not carry the token of this endpoint.' });
      expect(text).not.toContain(e.token.slice(0, 20));
    }
    expect(e.stats()).toMatchObject({ refused: attempts.length, served: 0 });
  });

  it('with the token: 404 for another path, 405 for another method', async () => {
    const e = await endpoint(session(new Date(), 60 * MINUTE));
    const auth = { authorization: e.token };
    for (const path of ['/', `${new URL(e.url).pathname}/x`, '/latest/meta-data/iam/security-credentials/']) {
      const res = await get(new URL(path, e.url).href, auth);
      expect(res.status).toBe(404);
      expect((await res.json()).Code).toBe('NotFound');
    }
    for (const method of ['POST', 'PUT', 'DELETE']) {
      const res = await get(e.url, auth, method);
      expect(res.status).toBe(405);
      expect(res.headers.get('allow')).toBe('GET');
      expect((await res.json()).Code).toBe('MethodNotAllowed');
    }
  });

  it('answers 500 with the reason when nothing valid is left, and the SDKs’ calls start working again after a renewal', async () => {
    const clock = manualClock(Date.now());
    const first = session(clock.now(), 12_000);
    let failing = true;
    const e = await endpoint(first, {
      clock,
      renew: () =>
        failing ? Promise.reject(new StsServiceError('AccessDenied', 'role no longer trusts you', 403)) : Promise.resolve(session(clock.now(), 12_000)),
    });
    await clock.advance(11_000);
    const res = await get(e.url, { authorization: e.token });
    expect(res.status).toBe(500);
    const body = await res.json();
    expect(body.Code).toBe('CredentialsUnavailable');
    expect(body.Message).toMatch(/^No valid credentials to serve: .* renewing them failed: The STS endpoint refused the request: AccessDenied/);
    expect(JSON.stringify(body)).not.toContain(first.secretAccessKey);
    failing = false;
    await clock.advance(60_000);
    await settle();
    expect((await get(e.url, { authorization: e.token })).status).toBe(200);
    expect(e.stats()).toMatchObject({ unavailable: 1, served: 1 });
    expect(e.stats().renewals).toBeGreaterThanOrEqual(1);
  });

  it('rejects with the source’s error and listens to nothing when the first credentials cannot be had', async () => {
    const error = new StsServiceError('AccessDenied', 'no', 403);
    await expect(startContainerEndpoint({ provide: () => Promise.reject(error) })).rejects.toBe(error);
  });

  it('shows its token masked when printed, and stops answering once closed', async () => {
    const e = await endpoint(session(new Date(), 60 * MINUTE));
    expect(inspect(e)).not.toContain(e.token);
    expect(inspect(e)).toContain(e.url);
    expect(JSON.stringify(e)).not.toContain(e.token);
    await e.close();
    await e.close();
    await expect(get(e.url, { authorization: e.token })).rejects.toThrow();
  });
});
