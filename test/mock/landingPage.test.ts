// A browser or a plain curl at the mock's root gets a short page naming the endpoints (issue 8),
// recorded in the journal like any request; an STS call without an Action still gets InvalidAction.
import { afterEach, describe, expect, it } from 'vitest';
import { type MockSts, startMockSts } from '../../src/mock/index.js';

let sts: MockSts | undefined;
afterEach(async () => {
  await sts?.close();
  sts = undefined;
});

describe('GET / on the mock', () => {
  it('answers a text/html page naming STS, the OIDC issuer and the dashboard; HEAD too; both are journaled', async () => {
    sts = await startMockSts({ port: 0 });
    const page = await fetch(`${sts.url}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = await page.text();
    expect(html).toContain('<code>POST /</code>');
    expect(html).toContain('AssumeRole, AssumeRoleWithWebIdentity, GetCallerIdentity, GetSessionToken');
    expect(html).toContain('/.well-known/openid-configuration');
    expect(html).toContain('href="/_sts-cli/"');
    const head = await fetch(`${sts.url}/`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    expect(sts.requests().map((r) => [r.action, r.status])).toEqual([
      [undefined, 200],
      [undefined, 200],
    ]);
  });

  it('the ecs flavor names /sts; without the control plane there is no dashboard line', async () => {
    sts = await startMockSts({ port: 0, flavor: 'ecs', control: false });
    const html = await (await fetch(`${sts.url}/`)).text();
    expect(html).toContain('<code>POST /sts</code>');
    expect(html).toContain('X-SDS-AUTH-TOKEN');
    expect(html).not.toContain('_sts-cli');
  });

  it("an STS request without Action still gets the real servers' InvalidAction", async () => {
    sts = await startMockSts({ port: 0 });
    const post = await fetch(`${sts.url}/`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'Version=2011-06-15' });
    expect(post.status).toBe(400);
    expect(await post.text()).toContain('<Code>InvalidAction</Code>');
    const query = await fetch(`${sts.url}/?Version=2011-06-15`);
    expect(query.status).toBe(400);
    expect(await query.text()).toContain('<Code>InvalidAction</Code>');
  });
});
