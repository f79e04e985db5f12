// The dashboard in a real browser (Debian's headless chromium over its DevTools protocol): it
// goes live, lists a request the mock answered while the page was open, shows refusal reasons,
// sessions with time left and faults, renders hostile text (markup, terminal escapes) as text
// under its strict CSP, and leaves a screenshot in test-artifacts/dashboard.png.
import { mkdirSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { controlAccess } from '../../../src/mock/control/access.js';
import { ControlPlane } from '../../../src/mock/control/controlPlane.js';
import { startMockSts, type MockSts } from '../../../src/mock/index.js';
import { skipWithout } from '../../helpers/peers.js';
import { assumeParams, call, credentialsOf } from '../call.js';
import { chromiumPeer, openPage, type Page } from './chromium.js';
import { type ControlServer, serveControl } from './serve.js';

const skip = skipWithout(chromiumPeer());
const HOSTILE_NAME = '<script>window.__pwned=1</script>\u001b[31mred\u001b[0m<img src=x onerror="window.__pwned=2">';

describe.skipIf(skip)('dashboard in chromium', () => {
  const plane = new ControlPlane({ flavor: 'aws', version: '0.1.0' });
  let control: ControlServer;
  let sts: MockSts;
  let page: Page;

  beforeAll(async () => {
    control = await serveControl(plane);
    // Until the server is wired, the mock's request log feeds the journal (its entries fit JournalAnswer).
    sts = await startMockSts({ onRequest: (entry) => plane.journal.record(entry) });
    page = await openPage(1280, 900);
  }, 60_000);
  afterAll(async () => {
    await page?.close();
    await Promise.all([control?.close(), sts?.close()]);
  });

  it('lists live what happens while it is open, and renders hostile input as text', async () => {
    const expiration = Date.now() + 3600_000;
    plane.sessions.add({
      accessKeyId: 'ASIAHOSTILE000000001',
      arn: `arn:aws:sts::123456789012:assumed-role/demo/${HOSTILE_NAME}`,
      roleArn: 'arn:aws:iam::123456789012:role/demo',
      sessionName: HOSTILE_NAME,
      sourceIdentity: 'alice\u202etxt.exe',
      tags: { team: '<b>blue</b>' },
      expiration,
    });
    plane.journal.record(
      { requestId: 'hostile-1', status: 400, action: 'AssumeRole', code: 'ValidationError', detail: `bad name ${HOSTILE_NAME}` },
      new Map([
        ['RoleArn', 'arn:aws:iam::123456789012:role/demo'],
        ['RoleSessionName', HOSTILE_NAME],
      ]),
    );
    plane.faults.add({ action: 'AssumeRole', error: 'Throttling', count: 3 });
    plane.faults.add({ action: '*', error: 'ServiceUnavailable', rate: 0.25 });

    await page.send('Page.navigate', { url: `${control.url}/_sts-cli/` });
    await page.waitFor(`document.body.dataset.live === 'yes'`);
    await page.waitFor(`document.querySelector('#requests tr[data-request-id="hostile-1"]')`);

    // Made now, while the page is open: a signed AssumeRole the mock grants, and one it refuses.
    const granted = await call(sts.url, assumeParams({ RoleSessionName: 'live-session' }));
    expect(granted.status).toBe(200);
    const grantedId = granted.headers.get('x-amzn-requestid')!;
    const creds = credentialsOf(granted);
    plane.sessions.add({
      accessKeyId: creds.accessKeyId,
      arn: 'arn:aws:sts::123456789012:assumed-role/demo/live-session',
      sessionName: 'live-session',
      expiration: Date.parse(creds.expiration),
    });
    const refused = await call(sts.url, assumeParams({ RoleArn: 'not-an-arn' }));
    expect(refused.status).toBe(400);
    const refusedId = refused.headers.get('x-amzn-requestid')!;

    await page.waitFor(`document.querySelector('#requests tr[data-request-id="${grantedId}"]')`);
    await page.waitFor(`document.querySelector('#requests tr[data-request-id="${refusedId}"]')`);
    await page.waitFor(`document.querySelector('#sessions').textContent.includes('live-session')`);
    const refusedRow = await page.evaluate<string[]>(
      `[...document.querySelector('#requests tr[data-request-id="${refusedId}"]').cells].map((c) => c.textContent)`,
    );
    expect(refusedRow[1]).toBe('AssumeRole');
    expect(refusedRow[2]).toBe('400');
    expect(refusedRow[3]).toBe('ValidationError');
    expect(refusedRow[4]).toMatch(/roleArn/i); // the refusal's reason

    // Hostile text is shown as text: the markup literally, escapes visibly, nothing run.
    const sessionText = await page.evaluate<string>(`document.querySelector('#sessions').textContent`);
    expect(sessionText).toContain('<script>window.__pwned=1</script>\\x1b[31mred\\x1b[0m<img src=x onerror="window.__pwned=2">');
    expect(sessionText).toContain('alice\\u202etxt.exe');
    expect(sessionText).toContain('team=<b>blue</b>');
    expect(sessionText).toMatch(/\d+m \d+s/); // time left
    expect(sessionText).not.toContain('\u001b');
    expect(await page.evaluate(`window.__pwned === undefined`)).toBe(true);
    expect(await page.evaluate(`document.scripts.length`)).toBe(1);
    expect(await page.evaluate(`document.querySelectorAll('img, b').length`)).toBe(0);
    const faultsText = await page.evaluate<string>(`document.querySelector('#faults').textContent`);
    expect(faultsText).toContain('Throttling');
    expect(faultsText).toContain('3 left');
    expect(faultsText).toContain('25%');
    expect(page.messages.filter((m) => /Content Security Policy|exception/i.test(m))).toEqual([]);

    const { data } = await page.send('Page.captureScreenshot', { format: 'png' });
    mkdirSync('test-artifacts', { recursive: true });
    writeFileSync('test-artifacts/dashboard.png', Buffer.from(data, 'base64'));
    console.log('[dashboard] screenshot: test-artifacts/dashboard.png');
  }, 60_000);

  it('with a control token: the page takes it from the URL fragment, sends it as a bearer, and drops it from the address bar', async () => {
    const guarded = new ControlPlane({ flavor: 'ceph', version: '0.1.0', access: controlAccess({ listenAddress: '0.0.0.0', token: 'dash-token-1' }) });
    const server = await serveControl(guarded);
    try {
      guarded.journal.record({ requestId: 'guarded-1', status: 200, action: 'GetSessionToken' });
      await page.send('Page.navigate', { url: `${server.url}/_sts-cli/` });
      await page.waitFor(`document.querySelector('#conn').textContent.includes('needs the control token')`);
      expect(await page.evaluate(`document.querySelector('#requests').rows.length`)).toBe(0);
      await page.send('Page.navigate', { url: `${server.url}/_sts-cli/#token=dash-token-1` });
      await page.waitFor(`document.body.dataset.live === 'yes'`);
      await page.waitFor(`document.querySelector('#requests tr[data-request-id="guarded-1"]')`);
      expect(await page.evaluate(`location.hash`)).toBe('');
      expect(await page.evaluate(`document.querySelector('#flavor').textContent`)).toBe('flavor: ceph');
    } finally {
      await server.close();
    }
  }, 60_000);
});
