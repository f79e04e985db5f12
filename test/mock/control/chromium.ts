// Drives Debian's headless chromium through its DevTools protocol, for the dashboard test. No
// playwright or puppeteer: chromium is started with --remote-debugging-port=0, the port read
// from the DevToolsActivePort file it writes, and the page driven over a WebSocket (undici's;
// Node 20 has no global one).
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocket } from 'undici';
import type { Peer } from '../../helpers/peers.js';

export const CHROMIUM = '/usr/bin/chromium';

export function chromiumPeer(): Peer {
  const available = existsSync(CHROMIUM) && spawnSync(CHROMIUM, ['--version'], { stdio: 'ignore', timeout: 30_000 }).status === 0;
  return { name: 'chromium', available, reason: 'chromium (/usr/bin/chromium, Debian package chromium) is not installed' };
}

export interface Page {
  /** Sends one DevTools command and resolves with its result. */
  send(method: string, params?: Record<string, unknown>): Promise<any>;
  /** Evaluates an expression in the page and returns its value (JSON-serialisable). */
  evaluate<T = unknown>(expression: string): Promise<T>;
  /** Polls `expression` until it is truthy, or throws after `timeoutMs`. */
  waitFor(expression: string, timeoutMs?: number): Promise<void>;
  /** Console messages, exceptions and log entries (CSP violations land here). */
  messages: string[];
  close(): Promise<void>;
}

async function waitForFile(path: string, timeoutMs: number, child: ChildProcess): Promise<string> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`chromium exited with ${child.exitCode}`);
    if (existsSync(path)) {
      const text = readFileSync(path, 'utf8');
      if (text.includes('\n')) return text;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('chromium did not open its DevTools port in time');
}

export async function openPage(width = 1280, height = 900): Promise<Page> {
  const profile = mkdtempSync(join(tmpdir(), 'sts-cli-chromium-'));
  const child = spawn(
    CHROMIUM,
    [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--no-default-browser-check',
      `--user-data-dir=${profile}`,
      '--remote-debugging-port=0',
      '--remote-debugging-address=127.0.0.1',
      `--window-size=${width},${height}`,
      'about:blank',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr!.on('data', (c: Buffer) => {
    if (stderr.length < 20_000) stderr += c.toString();
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const kill = async () => {
    if (child.exitCode === null) child.kill('SIGKILL');
    await exited;
    try {
      rmSync(profile, { recursive: true, force: true, maxRetries: 5 });
    } catch {
      // chromium may still be writing its profile as it dies; a leftover temp folder is harmless
    }
  };
  try {
    const [port] = (await waitForFile(join(profile, 'DevToolsActivePort'), 20_000, child)).split('\n');
    const targets = (await (await fetch(`http://127.0.0.1:${port}/json/list`)).json()) as Array<{ type: string; webSocketDebuggerUrl: string }>;
    const target = targets.find((t) => t.type === 'page');
    if (!target) throw new Error('chromium opened no page');
    const ws = new WebSocket(target.webSocketDebuggerUrl);
    await new Promise<void>((resolve, reject) => {
      ws.addEventListener('open', () => resolve(), { once: true });
      ws.addEventListener('error', () => reject(new Error('cannot connect to chromium')), { once: true });
    });
    let nextId = 1;
    const pending = new Map<number, { resolve: (v: any) => void; reject: (e: Error) => void }>();
    const messages: string[] = [];
    ws.addEventListener('message', (event) => {
      const msg = JSON.parse(String(event.data));
      if (msg.id !== undefined) {
        const p = pending.get(msg.id);
        pending.delete(msg.id);
        if (msg.error) p?.reject(new Error(`${msg.error.message} (${msg.error.code})`));
        else p?.resolve(msg.result);
      } else if (msg.method === 'Runtime.consoleAPICalled')
        messages.push(`console.${msg.params.type}: ${msg.params.args.map((a: any) => a.value ?? a.description).join(' ')}`);
      else if (msg.method === 'Runtime.exceptionThrown')
        messages.push(`exception: ${msg.params.exceptionDetails.exception?.description ?? msg.params.exceptionDetails.text}`);
      else if (msg.method === 'Log.entryAdded') messages.push(`log.${msg.params.entry.source}: ${msg.params.entry.text}`);
    });
    const send = (method: string, params: Record<string, unknown> = {}) =>
      new Promise<any>((resolve, reject) => {
        const id = nextId++;
        pending.set(id, { resolve, reject });
        ws.send(JSON.stringify({ id, method, params }));
      });
    const evaluate = async <T>(expression: string): Promise<T> => {
      const { result, exceptionDetails } = await send('Runtime.evaluate', { expression, returnByValue: true });
      if (exceptionDetails) throw new Error(`page: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`);
      return result.value as T;
    };
    await send('Runtime.enable');
    await send('Log.enable');
    await send('Page.enable');
    await send('Emulation.setDeviceMetricsOverride', { width, height, deviceScaleFactor: 1, mobile: false });
    return {
      send,
      evaluate,
      messages,
      async waitFor(expression, timeoutMs = 15_000) {
        const until = Date.now() + timeoutMs;
        let last = '';
        for (;;) {
          // While the page is still loading the expression may throw: keep polling.
          const value = await evaluate<boolean>(`Boolean(${expression})`).catch((error: Error) => {
            last = error.message;
            return false;
          });
          if (value) return;
          if (Date.now() > until) throw new Error(`timed out waiting for ${expression} (${last}); page said: ${messages.join(' | ') || 'nothing'}`);
          await new Promise((r) => setTimeout(r, 100));
        }
      },
      async close() {
        ws.close();
        await kill();
      },
    };
  } catch (error) {
    await kill();
    throw new Error(`${(error as Error).message}\n${stderr.slice(0, 2000)}`);
  }
}
