// The dashboard in a real browser (Debian's headless chromium over its DevTools protocol), served
// by the real `sts-cli serve`: it goes live, lists requests the mock answered while the page was
// open with each refusal's reason, sessions with their time left (by the mock's clock) and
// faults, renders hostile text (markup, terminal escapes) as text under its strict CSP, never
// shows a secret, and leaves a screenshot in test-artifacts/dashboard.png.
import { mkdirSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ControlPlane } from '../../../src/mock/control/controlPlane.js';
import { skipWithout } from '../../helpers/peers.js';
import { type Served, serve } from '../../helpers/serve.js';
import { assumeParams, call, credentialsOf } from '../call.js';
import { chromiumPeer, openPage, type Page } from './chromium.js';
import { serveControl } from './serve.js';

const skip = skipWithout(chromiumPeer());
const HOSTILE_NAME = '<script>window.__pwned=1</script>\u001b[31mred\u001b[0m<img src=x onerror="window.__pwned=2">';
const SHOWN_HOSTILE = '<script>window.__pwned=1</script>\\x1b[31mred\\x1b[0m<img src=x onerror="window.__pwned=2">';

async function control(url: string, method: string, path: string, body?: unknown, token?: string): Promise<any> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const response = await fetch(`${url}/_sts-cli${path}`, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  expect(response.status, `${method} ${path}`).toBeLessThan(300);
  return response.json();
}

const row = (id: string) => `document.querySelector('#requests tr[data-request-id="${id}"]')`;
const cells = (page: Page, id: string) => page.evaluate<string[]>(`[...${row(id)}.cells].map((c) => c.textContent)`);

describe.skipIf(skip)('dashboard in chromium', () => {
  let sts: Served;
  let page: Page;

  beforeAll(async () => {
    [sts, page] = await Promise.all([serve(), openPage(1280, 900)]);
  }, 60_000);
  afterAll(async () => {
    await page?.close();
    await sts?.stop();
  });

  it('shows live what `sts-cli serve` answers while it is open: requests, reasons, sessions with time left, faults, the clock', async () => {
    await page.send('Page.navigate', { url: `${sts.url}/_sts-cli/` });
    await page.waitFor(`document.body.dataset.live === 'yes'`);
    expect(await page.evaluate(`document.querySelector('#requests').rows.length`)).toBe(0);

    // Made now, while the page is open.
    await control(sts.url, 'POST', '/faults', { action: 'GetCallerIdentity', error: 'Throttling', count: 3 });
    await control(sts.url, 'POST', '/faults', { action: 'GetSessionToken', error: 'ServiceUnavailable', rate: 0.25 });
    const granted = await call(sts.url, assumeParams({ RoleSessionName: 'live-session' }));
    expect(granted.status).toBe(200);
    const grantedId = granted.headers.get('x-amzn-requestid')!;
    const creds = credentialsOf(granted);
    const refused = await call(sts.url, assumeParams({ RoleArn: 'not-an-arn' }));
    expect(refused.status).toBe(400);
    const refusedId = refused.headers.get('x-amzn-requestid')!;
    const hostile = await call(sts.url, assumeParams({ RoleSessionName: HOSTILE_NAME }));
    expect(hostile.code).toBe('ValidationError');
    const hostileId = hostile.headers.get('x-amzn-requestid')!;
    const faulted = await call(sts.url, { Action: 'GetCallerIdentity', Version: '2011-06-15' });
    expect([faulted.status, faulted.code]).toEqual([400, 'Throttling']);
    const faultedId = faulted.headers.get('x-amzn-requestid')!;

    for (const id of [grantedId, refusedId, hostileId, faultedId]) await page.waitFor(row(id));
    await page.waitFor(`document.querySelector('#sessions').textContent.includes('live-session')`);
    await page.waitFor(`document.querySelector('#faults').textContent.includes('2 left')`);

    expect(await cells(page, grantedId)).toEqual([
      expect.any(String),
      'AssumeRole',
      '200',
      '',
      '',
      'arn:aws:iam::123456789012:user/test',
      'RoleArn=arn:aws:iam::123456789012:role/demo  RoleSessionName=live-session',
      grantedId,
    ]);
    const refusedRow = await cells(page, refusedId);
    expect(refusedRow.slice(1, 4)).toEqual(['AssumeRole', '400', 'ValidationError']);
    expect(refusedRow[4]).toMatch(/roleArn/i); // the refusal's reason
    expect((await cells(page, faultedId)).slice(1, 5)).toEqual(['GetCallerIdentity', '400', 'Throttling', 'injected by fault f1']);

    // Hostile text is shown as text: the markup literally, escapes visibly, nothing run.
    const hostileRow = await cells(page, hostileId);
    expect(hostileRow[6]).toContain(`RoleSessionName=${SHOWN_HOSTILE}`);
    expect(await page.evaluate(`window.__pwned === undefined`)).toBe(true);
    expect(await page.evaluate(`document.scripts.length`)).toBe(1);
    expect(await page.evaluate(`document.querySelectorAll('img, b').length`)).toBe(0);

    const sessionText = await page.evaluate<string>(`document.querySelector('#sessions').textContent`);
    expect(sessionText).toContain(creds.accessKeyId);
    expect(sessionText).toContain('arn:aws:sts::123456789012:assumed-role/demo/live-session');
    expect(sessionText).toMatch(/(59m|1h 0m) \d+s/); // time left
    const faultsText = await page.evaluate<string>(`document.querySelector('#faults').textContent`);
    expect(faultsText).toContain('Throttling');
    expect(faultsText).toContain('ServiceUnavailable');
    expect(faultsText).toContain('25%');

    // The mock's clock moves: the badge says so and the session has half an hour less.
    await control(sts.url, 'POST', '/clock', { advanceSeconds: 1800 });
    await page.waitFor(`document.querySelector('#clock').textContent.includes('offset +1800 s')`);
    await page.waitFor(`/(29|30)m \\d+s/.test(document.querySelector('#sessions').textContent)`);

    const everything = await page.evaluate<string>(`document.body.textContent`);
    for (const secret of [creds.secretAccessKey, creds.sessionToken!]) expect(everything).not.toContain(secret);
    expect(page.messages.filter((m) => /Content Security Policy|exception/i.test(m))).toEqual([]);

    const { data } = await page.send('Page.captureScreenshot', { format: 'png' });
    mkdirSync('test-artifacts', { recursive: true });
    writeFileSync('test-artifacts/dashboard.png', Buffer.from(data, 'base64'));
    console.log('[dashboard] screenshot: test-artifacts/dashboard.png');
  }, 60_000);

  it('with --control-token: the page takes the token from the URL fragment, sends it as a bearer, and drops it from the address bar', async () => {
    const guarded = await serve(['--flavor', 'ceph', '--control-token', 'dash-token-1']);
    try {
      const answer = await call(guarded.url, { Action: 'GetSessionToken', Version: '2011-06-15' });
      expect(answer.status).toBe(200);
      await page.send('Page.navigate', { url: `${guarded.url}/_sts-cli/` });
      await page.waitFor(`document.querySelector('#conn').textContent.includes('needs the control token')`);
      expect(await page.evaluate(`document.querySelector('#requests').rows.length`)).toBe(0);
      await page.send('Page.navigate', { url: `${guarded.url}/_sts-cli/#token=dash-token-1` });
      await page.waitFor(`document.body.dataset.live === 'yes'`);
      await page.waitFor(row(answer.headers.get('x-amz-request-id')!));
      expect(await page.evaluate(`location.hash`)).toBe('');
      expect(await page.evaluate(`document.querySelector('#flavor').textContent`)).toBe('flavor: ceph');
    } finally {
      await guarded.stop();
    }
  }, 60_000);

  it('renders hostile session fields (which the mock itself never issues) as text', async () => {
    const plane = new ControlPlane({ flavor: 'aws', version: '0.1.0' });
    const server = await serveControl(plane);
    try {
      plane.sessions.add({
        accessKeyId: 'ASIAHOSTILE000000001',
        arn: `arn:aws:sts::123456789012:assumed-role/demo/${HOSTILE_NAME}`,
        sessionName: HOSTILE_NAME,
        sourceIdentity: 'alice\u202etxt.exe',
        tags: { team: '<b>blue</b>' },
        expiration: Date.now() + 3600_000,
      });
      await page.send('Page.navigate', { url: `${server.url}/_sts-cli/` });
      await page.waitFor(`document.querySelector('#sessions').textContent.includes('ASIAHOSTILE000000001')`);
      const sessionText = await page.evaluate<string>(`document.querySelector('#sessions').textContent`);
      expect(sessionText).toContain(SHOWN_HOSTILE);
      expect(sessionText).toContain('alice\\u202etxt.exe');
      expect(sessionText).toContain('team=<b>blue</b>');
      expect(sessionText).not.toContain('\u001b');
      expect(await page.evaluate(`window.__pwned === undefined`)).toBe(true);
      expect(await page.evaluate(`document.querySelectorAll('img, b').length`)).toBe(0);
    } finally {
      await server.close();
    }
  }, 60_000);
});
