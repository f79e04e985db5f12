// The live dashboard's feed: server-sent events at GET /_sts-cli/events. A `snapshot` first
// (recent requests, sessions, faults, clock), then `requests` with what was recorded since,
// `state` when sessions, faults or the clock change, `cleared` when the journal is emptied.
// Changes arrive coalesced (at most one event per kind every 100 ms), so a load test costs a
// watching dashboard a few events a second. A client that does not read is disconnected.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ControlPlane } from './controlPlane.js';

/** What a dashboard shows at most: the latest requests and sessions. */
export const STREAM_REQUESTS = 500;
export const STREAM_SESSIONS = 200;
const HEARTBEAT_MS = 15_000;
/** Unread output past this closes the stream; the client reconnects to a fresh snapshot. */
const MAX_BUFFERED_BYTES = 1024 * 1024;

function state(plane: ControlPlane) {
  return { clock: plane.clock.state(), sessions: plane.sessions.list(STREAM_SESSIONS), faults: plane.faults.list() };
}

/** Streams events to `res` until the client goes away. Access has been checked by the caller. */
export function openEventStream(plane: ControlPlane, req: IncomingMessage, res: ServerResponse): void {
  if (plane.streams >= plane.maxStreams) {
    const body = `${JSON.stringify({ error: `No more than ${plane.maxStreams} live dashboards at once.` })}\n`;
    res.writeHead(503, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body), 'retry-after': '5' });
    res.end(body);
    return;
  }
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'x-accel-buffering': 'no',
  });
  res.socket?.setNoDelay(true);
  // The stream outlives the server's idle and request timeouts.
  req.socket.setTimeout(0);

  const { journal } = plane;
  let closed = false;
  const send = (event: string, data: unknown) => {
    if (closed) return;
    if (res.writableLength > MAX_BUFFERED_BYTES) {
      res.destroy();
      return;
    }
    // JSON.stringify escapes every CR and LF, so the data is one line.
    res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  };

  send('snapshot', { flavor: plane.flavor, version: plane.version, requests: journal.list({ limit: STREAM_REQUESTS }), ...state(plane) });
  let seq = journal.seq;
  let clears = journal.clears;

  const onJournal = () => {
    if (journal.clears !== clears) {
      clears = journal.clears;
      send('cleared', {});
    }
    const fresh = journal.since(seq, STREAM_REQUESTS);
    seq = journal.seq;
    if (fresh.length > 0) send('requests', { requests: fresh });
  };
  const onState = () => send('state', state(plane));
  const unsubscribe = [
    journal.subscribe(onJournal),
    plane.sessions.subscribe(onState),
    plane.faults.subscribe(onState),
    plane.clock.changes.subscribe(onState),
  ];
  const heartbeat = setInterval(() => {
    if (!closed) res.write(': ping\n\n');
  }, HEARTBEAT_MS);
  heartbeat.unref();

  let remove = () => {};
  const close = () => {
    if (closed) return;
    closed = true;
    remove();
    clearInterval(heartbeat);
    for (const off of unsubscribe) off();
  };
  remove = plane.addStream(() => {
    close();
    res.end();
  });
  res.on('close', close);
  res.on('error', close);
}
