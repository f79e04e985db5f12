// The dashboard's script, run by the browser: reads the event stream, renders with textContent
// only (what came from a request is hostile input; it never reaches innerHTML), and shows
// control characters as visible escapes. No template literals or `${` inside: this is a
// String.raw, sent byte for byte and pinned by its hash in the page's CSP.

export const DASHBOARD_SCRIPT = String.raw`
'use strict';
(function () {
  var MAX_ROWS = 500;
  // A control token comes in the URL fragment (never sent to a server, dropped from the address bar at once).
  var token = null;
  function readToken() {
    var m = /(?:^#|&)token=([^&]*)/.exec(location.hash);
    if (!m) return false;
    try { token = decodeURIComponent(m[1]); } catch (e) { token = m[1]; }
    history.replaceState(null, '', location.pathname + location.search);
    return true;
  }
  readToken();
  var clock = { mode: 'real', now: new Date().toISOString(), offsetSeconds: 0 };
  var clockAt = Date.now();
  var recorded = 0;
  var sessions = [];
  var $ = function (id) { return document.getElementById(id); };

  // Control characters, bidi overrides and invisible spaces are shown as \xNN / \uNNNN.
  function visible(value) {
    var s = value === undefined || value === null ? '' : String(value);
    return s.replace(/[\u0000-\u001f\u007f-\u009f\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g, function (c) {
      var code = c.charCodeAt(0);
      return code < 256 ? '\\x' + code.toString(16).padStart(2, '0') : '\\u' + code.toString(16).padStart(4, '0');
    });
  }
  function cell(row, value, cls) {
    var td = document.createElement('td');
    td.textContent = visible(value);
    if (cls) td.className = cls;
    row.appendChild(td);
    return td;
  }
  function mockNow() {
    var base = Date.parse(clock.now);
    return clock.mode === 'set' ? base : base + (Date.now() - clockAt);
  }
  function timeOf(iso) { return typeof iso === 'string' ? iso.slice(11, 23) : ''; }
  function statusClass(status) { return status >= 500 || status === 0 ? 's5' : status >= 400 ? 's4' : 's2'; }
  function paramsText(params) {
    var parts = [];
    for (var k in params) {
      if (Object.prototype.hasOwnProperty.call(params, k) && k !== 'Action' && k !== 'Version') parts.push(k + '=' + params[k]);
    }
    return parts.join('  ');
  }
  function left(seconds) {
    if (seconds <= 0) return 'expired';
    var h = Math.floor(seconds / 3600), mi = Math.floor((seconds % 3600) / 60), s = seconds % 60;
    return (h ? h + 'h ' : '') + (h || mi ? mi + 'm ' : '') + s + 's';
  }
  function setStatus(text, cls) { var el = $('conn'); el.textContent = text; el.className = 'badge ' + cls; }

  function addRequests(list) {
    var body = $('requests');
    for (var i = 0; i < list.length; i++) {
      var r = list[i];
      var row = document.createElement('tr');
      row.className = r.errorCode || r.status === 0 ? 'refused' : '';
      row.dataset.requestId = visible(r.requestId);
      cell(row, timeOf(r.time), 'mono nowrap');
      cell(row, r.action || '-', 'nowrap');
      cell(row, r.status === 0 ? 'dropped' : r.status, 'mono nowrap ' + statusClass(r.status));
      cell(row, r.errorCode || '', 'nowrap');
      cell(row, r.reason || '', 'reason wrap');
      cell(row, r.callerArn || '', 'mono small wrap');
      cell(row, paramsText(r.params || {}), 'mono small params wrap');
      cell(row, r.requestId, 'mono small wrap');
      body.insertBefore(row, body.firstChild);
      recorded++;
    }
    while (body.rows.length > MAX_ROWS) body.deleteRow(body.rows.length - 1);
    $('requests-count').textContent = body.rows.length + ' shown';
    $('requests-empty').hidden = body.rows.length !== 0;
  }
  function renderSessions() {
    var body = $('sessions');
    body.textContent = '';
    var now = mockNow();
    for (var i = sessions.length - 1; i >= 0; i--) {
      var s = sessions[i];
      var row = document.createElement('tr');
      var secondsLeft = Math.max(0, Math.floor((Date.parse(s.expiration) - now) / 1000));
      row.className = s.revoked ? 'revoked' : secondsLeft <= 0 ? 'expired' : '';
      cell(row, s.accessKeyId, 'mono nowrap');
      cell(row, s.arn, 'mono small wrap');
      cell(row, s.sessionName || '', 'wrap');
      cell(row, s.sourceIdentity || '', 'wrap');
      var tags = [];
      for (var k in s.tags) if (Object.prototype.hasOwnProperty.call(s.tags, k)) tags.push(k + '=' + s.tags[k]);
      cell(row, tags.join(', '), 'small wrap');
      cell(row, s.expiration.replace('.000Z', 'Z'), 'mono small nowrap');
      cell(row, s.revoked ? 'revoked' : left(secondsLeft), 'mono left nowrap');
      body.appendChild(row);
    }
    $('sessions-count').textContent = sessions.length + '';
    $('sessions-empty').hidden = sessions.length !== 0;
  }
  function renderFaults(faults) {
    var body = $('faults');
    body.textContent = '';
    for (var i = 0; i < faults.length; i++) {
      var f = faults[i];
      var row = document.createElement('tr');
      cell(row, f.id, 'mono');
      cell(row, f.action);
      cell(row, f.error || (f.drop ? 'drop connection' : 'delay only'), 'wrap');
      cell(row, f.status === undefined ? '' : f.status, 'mono');
      cell(row, f.delayMs === undefined ? '' : f.delayMs + ' ms', 'mono');
      cell(row, f.remaining === undefined ? 'until removed' : f.remaining + ' left');
      cell(row, f.rate === undefined ? '' : Math.round(f.rate * 100) + '%', 'mono');
      cell(row, f.hits, 'mono');
      body.appendChild(row);
    }
    $('faults-count').textContent = faults.length + '';
    $('faults-empty').hidden = faults.length !== 0;
  }
  function renderClock() {
    var text = clock.mode === 'real' ? 'real time' : clock.mode === 'set' ? 'set to ' + clock.now : 'offset ' + (clock.offsetSeconds > 0 ? '+' : '') + Math.round(clock.offsetSeconds) + ' s';
    $('clock').textContent = 'clock: ' + visible(text);
    $('clock').className = 'badge ' + (clock.mode === 'real' ? '' : 'warn');
  }
  function state(data) {
    if (data.clock) { clock = data.clock; clockAt = Date.now(); renderClock(); }
    if (data.sessions) { sessions = data.sessions; renderSessions(); }
    if (data.faults) renderFaults(data.faults);
  }
  function handle(event, data) {
    if (event === 'snapshot') {
      $('flavor').textContent = 'flavor: ' + visible(data.flavor);
      $('version').textContent = 'v' + visible(data.version);
      $('requests').textContent = '';
      addRequests(data.requests || []);
      state(data);
      document.body.dataset.live = 'yes';
    } else if (event === 'requests') addRequests(data.requests || []);
    else if (event === 'cleared') {
      $('requests').textContent = '';
      addRequests([]);
    } else if (event === 'state') state(data);
  }
  function frame(text) {
    var event = 'message', data = '';
    var lines = text.split('\n');
    for (var i = 0; i < lines.length; i++) {
      var line = lines[i];
      if (line.indexOf('event:') === 0) event = line.slice(6).trim();
      else if (line.indexOf('data:') === 0) data += line.slice(5).trim();
    }
    if (data) handle(event, JSON.parse(data));
  }
  var retry = null, current = null;
  function connect() {
    clearTimeout(retry);
    if (current) current.abort();
    var controller = current = new AbortController();
    setStatus('connecting', 'warn');
    var headers = token ? { authorization: 'Bearer ' + token } : {};
    fetch('events', { headers: headers, cache: 'no-store', signal: controller.signal }).then(function (res) {
      if (!res.ok) {
        return res.json().then(function (e) { return e && e.error ? e.error : 'HTTP ' + res.status; }, function () { return 'HTTP ' + res.status; }).then(function (text) {
          var error = new Error(res.status === 403 ? text + ' Open /_sts-cli/#token=<token>.' : text);
          error.final = res.status === 403 || res.status === 404;
          throw error;
        });
      }
      setStatus('live', 'ok');
      var reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
      var buffer = '';
      function pump() {
        return reader.read().then(function (chunk) {
          if (chunk.done) throw new Error('the stream ended');
          buffer += chunk.value;
          var end;
          while ((end = buffer.indexOf('\n\n')) !== -1) { frame(buffer.slice(0, end)); buffer = buffer.slice(end + 2); }
          return pump();
        });
      }
      return pump();
    }).catch(function (error) {
      if (controller.signal.aborted) return;
      document.body.dataset.live = 'no';
      // Refused (403, 404) waits for a token in the fragment; anything else retries.
      setStatus('disconnected: ' + visible(error && error.message) + (error && error.final ? '' : ' (retrying)'), 'bad');
      if (!(error && error.final)) retry = setTimeout(connect, 2000);
    });
  }
  window.addEventListener('hashchange', function () { if (readToken()) connect(); });
  setInterval(function () { if (sessions.length) renderSessions(); }, 1000);
  connect();
})();
`;
