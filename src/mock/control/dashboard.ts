// The dashboard at /_sts-cli/ (SPEC §10): one self-contained page, no build step and nothing
// fetched from elsewhere. Its inline style and script are allowed by hash in a strict CSP, so
// nothing else can ever run in it, whatever a request managed to put in the journal.
import { createHash } from 'node:crypto';
import { DASHBOARD_SCRIPT } from './dashboardScript.js';

const STYLE = `
:root { color-scheme: light; --fg: #1d2330; --muted: #5f6b7a; --line: #dde2ea; --bg: #f6f8fb; --ok: #137333; --warn: #a35c00; --bad: #b3261e; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: var(--bg); }
header { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; padding: 12px 20px; background: #fff; border-bottom: 1px solid var(--line); }
h1 { font-size: 17px; margin: 0 12px 0 0; }
h2 { font-size: 15px; margin: 0 0 8px; display: flex; gap: 8px; align-items: baseline; }
h2 small { color: var(--muted); font-weight: normal; }
main { padding: 16px 20px; display: grid; gap: 16px; }
section { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 12px; overflow-x: auto; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { font-size: 12px; color: var(--muted); font-weight: 600; white-space: nowrap; }
td.wrap { overflow-wrap: anywhere; }
td.nowrap { white-space: nowrap; }
.mono { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; }
.small { font-size: 12px; }
.params { max-width: 420px; }
.badge { border: 1px solid var(--line); border-radius: 10px; padding: 1px 8px; font-size: 12px; color: var(--muted); }
.badge.ok { color: var(--ok); border-color: var(--ok); }
.badge.warn { color: var(--warn); border-color: var(--warn); }
.badge.bad { color: var(--bad); border-color: var(--bad); }
.s2 { color: var(--ok); } .s4 { color: var(--warn); } .s5 { color: var(--bad); }
tr.refused td.reason { color: var(--bad); }
tr.expired td, tr.revoked td { color: var(--muted); }
tr.revoked td.left { color: var(--bad); }
.empty { color: var(--muted); margin: 6px 0 0; }
`;

const BODY = `
<header>
  <h1>sts-cli mock</h1>
  <span class="badge" id="flavor">flavor: …</span>
  <span class="badge" id="version">v…</span>
  <span class="badge" id="clock">clock: …</span>
  <span class="badge warn" id="conn">connecting</span>
</header>
<main>
  <section>
    <h2>Requests <small id="requests-count">0 shown</small></h2>
    <table>
      <thead><tr><th>Time (UTC)</th><th>Action</th><th>Status</th><th>Error</th><th>Reason</th><th>Caller</th><th>Parameters</th><th>Request id</th></tr></thead>
      <tbody id="requests"></tbody>
    </table>
    <p class="empty" id="requests-empty">No requests yet.</p>
  </section>
  <section>
    <h2>Sessions <small id="sessions-count">0</small></h2>
    <table>
      <thead><tr><th>Access key id</th><th>ARN</th><th>Session name</th><th>Source identity</th><th>Tags</th><th>Expires</th><th>Time left</th></tr></thead>
      <tbody id="sessions"></tbody>
    </table>
    <p class="empty" id="sessions-empty">No credentials issued yet.</p>
  </section>
  <section>
    <h2>Faults <small id="faults-count">0</small></h2>
    <table>
      <thead><tr><th>Id</th><th>Action</th><th>Error</th><th>Status</th><th>Delay</th><th>Count</th><th>Rate</th><th>Hits</th></tr></thead>
      <tbody id="faults"></tbody>
    </table>
    <p class="empty" id="faults-empty">No active faults.</p>
  </section>
</main>
`;

const sha256 = (text: string): string => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/** The page, built once: it holds no data (the script fetches everything from the event stream). */
export const DASHBOARD_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>sts-cli mock</title>
<link rel="icon" href="data:,">
<style>${STYLE}</style>
</head>
<body data-live="no">${BODY}<script>${DASHBOARD_SCRIPT}</script>
</body>
</html>
`;

/** Only the page's own style and script run; it may talk to its own origin and nothing else. */
export const DASHBOARD_CSP = [
  "default-src 'none'",
  `script-src ${sha256(DASHBOARD_SCRIPT)}`,
  `style-src ${sha256(STYLE)}`,
  "connect-src 'self'",
  'img-src data:',
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export const DASHBOARD_HEADERS: Readonly<Record<string, string>> = {
  'content-type': 'text/html; charset=utf-8',
  'content-security-policy': DASHBOARD_CSP,
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
};
