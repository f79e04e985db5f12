// npm run bench: speed goals of SPEC §6 as ratios measured in one run on this machine (never as
// timed tests: shared machines are noisy). Start-up: each command is timed right next to a
// `node -e 0` (A/B pairs, the order alternating round by round, stdout and stderr pipes as an SDK
// or `$(…)` reads them), and its ratio is the median of the pairs' ratios: load that comes and
// goes on a shared machine hits both halves of a pair alike. Each ratio is printed with its goal.
// Throughput: requests answered in a fixed window by `sts-cli serve` (control plane on, and
// --no-control) vs a bare node:http server, under the same load (one pre-signed AssumeRole
// replayed) from the lightest generator at hand: `wrk` (one thread) when it is on PATH, else
// undici from this process. On a small machine the generator shares the cores with the servers,
// so it must cost as little as possible per request. Efficiency: each server's own CPU time
// (utime + stime from /proc/PID/stat over the same windows) per answered request, which leaves
// the co-located generator out. Then p99 latency with 16 connections, and the resident memory of
// a fresh `serve` after 50 000 and after 100 000 requests.
// Knobs: BENCH_RUNS (start-up pairs per command, 31), BENCH_WINDOW_MS and BENCH_ROUNDS (throughput windows),
// BENCH_MEMORY_REQUESTS (50 000: the memory check's two halves), BENCH_LOAD=undici (skip wrk),
// BENCH_ONLY=startup (the start-up ratios alone, no throughput windows).
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent, request } from 'undici';
import { signRequest } from '../dist/index.js';

const bin = new URL('../bin/sts-cli.js', import.meta.url).pathname;
const runs = Number(process.env.BENCH_RUNS ?? 31);
const windowMs = Number(process.env.BENCH_WINDOW_MS ?? 3000);
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const memoryRequests = Number(process.env.BENCH_MEMORY_REQUESTS ?? 50_000);
const concurrency = 32;
const latencyConnections = 16;
const home = mkdtempSync(join(tmpdir(), 'sts-cli-bench-'));
const credentialsFile = join(home, 'credentials');
writeFileSync(
  credentialsFile,
  `[bench]\naws_access_key_id = ASIAEXAMPLEEXAMPLE00\naws_secret_access_key = secret\naws_session_token = token\nx_security_token_expires = 2999-01-01T00:00:00Z\n\n[bench-source]\naws_access_key_id = test\naws_secret_access_key = test\n`,
  { mode: 0o600 },
);
const configFile = join(home, 'config');
const baseEnv = { ...process.env, HOME: home, AWS_SHARED_CREDENTIALS_FILE: credentialsFile, AWS_CONFIG_FILE: configFile, NO_COLOR: '1' };
delete baseEnv.XDG_CACHE_HOME;

// `sts-cli list` over 200 profiles (SPEC §6): 100 with stored keys in a credentials file, 100 role
// profiles in a config file, half of them chained through another role profile.
const listDir = join(home, 'list');
mkdirSync(listDir, { mode: 0o700 });
const listCredentials = [];
const listConfig = [];
for (let i = 0; i < 100; i++) {
  listCredentials.push(
    `[keys-${i}]\naws_access_key_id = AKIAEXAMPLE${String(i).padStart(9, '0')}\naws_secret_access_key = secret-${i}\n${i % 2 ? `aws_session_token = token-${i}\nx_security_token_expires = 2999-01-01T00:00:00Z\n` : ''}`,
  );
  const source = i % 2 ? `role-${i - 1}` : `keys-${i}`;
  listConfig.push(`[profile role-${i}]\nrole_arn = arn:aws:iam::123456789012:role/r${i}\nsource_profile = ${source}\nregion = eu-west-1\n`);
}
writeFileSync(join(listDir, 'credentials'), listCredentials.join('\n'), { mode: 0o600 });
writeFileSync(join(listDir, 'config'), listConfig.join('\n'), { mode: 0o600 });
const listEnv = { ...baseEnv, AWS_SHARED_CREDENTIALS_FILE: join(listDir, 'credentials'), AWS_CONFIG_FILE: join(listDir, 'config') };

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function timeOnce(args, env) {
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return ms;
}

function startServer(args, env = baseEnv) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'ignore'] });
    child.stdout.setEncoding('utf8');
    let buffered = '';
    child.stdout.on('data', (chunk) => {
      buffered += chunk;
      const line = buffered.split('\n')[0];
      if (buffered.includes('\n'))
        resolve({
          url: line.trim(),
          pid: child.pid,
          stop: () =>
            new Promise((r) => {
              child.once('exit', r);
              child.kill('SIGTERM');
            }),
        });
    });
    child.once('exit', (code) => reject(new Error(`${args.join(' ')} exited ${code} before printing its URL`)));
  });
}

// undici fallback: `connections` request loops on as many keep-alive connections, for `ms` or
// until `total` answers; bodies are discarded unread (only the status counts). Latencies are kept
// only when asked for (they cost the generator).
async function loadUndici(url, body, headers, ms, { connections = concurrency, total = Number.POSITIVE_INFINITY, latency = false } = {}) {
  const dispatcher = new Agent({ connections, pipelining: 1 });
  let answered = 0;
  let failed = 0;
  const times = [];
  const started = Date.now();
  const deadline = started + ms;
  const worker = async () => {
    while (Date.now() < deadline && answered + failed < total) {
      const t0 = latency ? process.hrtime.bigint() : 0n;
      const res = await request(url, { method: 'POST', body, headers, dispatcher });
      await res.body.dump();
      if (latency) times.push(Number(process.hrtime.bigint() - t0) / 1e6);
      if (res.statusCode === 200) answered++;
      else failed++;
    }
  };
  await Promise.all(Array.from({ length: connections }, worker));
  await dispatcher.close();
  if (failed > 0) throw new Error(`${failed} requests to ${url} failed`);
  const elapsed = Math.min(ms, Date.now() - started);
  const p99 = times.length > 0 ? [...times].sort((a, b) => a - b)[Math.floor(times.length * 0.99)] : null;
  return { rate: answered / (elapsed / 1000), requests: answered, p99 };
}

function onPath(command) {
  try {
    execFileSync(command, ['--version'], { stdio: 'ignore' });
    return true;
  } catch (error) {
    return error.code !== 'ENOENT'; // wrk --version prints its version and exits 1
  }
}

// wrk: one thread, `connections` connections, the request described by a Lua script (method,
// body, headers; wrk adds Host and Content-Length), for `ms` (whole seconds). Any non-2xx answer
// or socket error fails the run.
function loadWrk(url, body, headers, ms, { connections = concurrency, latency = false } = {}) {
  const script = join(home, 'request.lua');
  const lines = ['wrk.method = "POST"', `wrk.body = ${JSON.stringify(body)}`];
  for (const [name, value] of Object.entries(headers)) lines.push(`wrk.headers[${JSON.stringify(name)}] = ${JSON.stringify(value)}`);
  writeFileSync(script, `${lines.join('\n')}\n`);
  const args = ['-t1', `-c${connections}`, `-d${Math.max(1, Math.round(ms / 1000))}s`, '-s', script, ...(latency ? ['--latency'] : []), `${url}/`];
  const r = spawnSync('wrk', args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`wrk exited ${r.status}: ${r.stderr}`);
  const count = (pattern) => Number(pattern.exec(r.stdout)?.[1] ?? 0);
  const nonOk = count(/Non-2xx or 3xx responses: (\d+)/);
  const socketErrors = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(r.stdout);
  const errors = socketErrors ? socketErrors.slice(1).reduce((sum, n) => sum + Number(n), 0) : 0;
  if (nonOk > 0 || errors > 0) throw new Error(`wrk against ${url}: ${nonOk} non-2xx answers, ${errors} socket errors\n${r.stdout}`);
  const rate = /Requests\/sec:\s+([\d.]+)/.exec(r.stdout);
  const requests = /(\d+) requests in/.exec(r.stdout);
  if (!rate || !requests) throw new Error(`wrk printed no rate:\n${r.stdout}`);
  const p99 = /^\s+99%\s+([\d.]+)(us|ms|s)\s*$/m.exec(r.stdout);
  const unit = { us: 0.001, ms: 1, s: 1000 };
  return { rate: Number(rate[1]), requests: Number(requests[1]), p99: p99 ? Number(p99[1]) * unit[p99[2]] : null };
}

const useWrk = process.env.BENCH_LOAD !== 'undici' && onPath('wrk');

// How busy the whole machine was during a window (servers, generator and anything else), from
// /proc/stat on Linux; null elsewhere. Shows whether a rate was limited by the cores themselves.
function cpuTimes() {
  try {
    const fields = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0].trim().split(/\s+/).slice(1).map(Number);
    const idle = fields[3] + (fields[4] ?? 0);
    return { idle, total: fields.slice(0, 8).reduce((sum, n) => sum + n, 0) };
  } catch {
    return null;
  }
}

// A process's own CPU time so far, in clock ticks (utime + stime, /proc/PID/stat fields 14 and 15).
function processTicks(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return null;
  }
}
// USER_HZ: 100 on every Linux the bench runs on; getconf says so when it is at hand.
const ticksPerSecond = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

function residentMiB(pid) {
  try {
    return Number(/^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) / 1024;
  } catch {
    return null;
  }
}

/** One window of load on `target`: its rate, how busy the machine was, and the server's own µs of CPU per answer. */
async function measure(target, body, headers, ms) {
  const before = cpuTimes();
  const ticksBefore = target.pid === undefined ? null : processTicks(target.pid);
  const { rate, requests } = await load(target.url, body, headers, ms);
  const ticksAfter = target.pid === undefined ? null : processTicks(target.pid);
  const after = cpuTimes();
  const busy = before && after && after.total > before.total ? 1 - (after.idle - before.idle) / (after.total - before.total) : null;
  const cpuMicros = ticksBefore !== null && ticksAfter !== null && requests > 0 ? ((ticksAfter - ticksBefore) * 1e6) / ticksPerSecond / requests : null;
  return { rate, busy, cpuMicros };
}
const load = useWrk ? loadWrk : loadUndici;

const bareServer = `
const http = require('node:http');
const xml = '<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleResult/></AssumeRoleResponse>';
const server = http.createServer((req, res) => { const chunks = []; req.on('data', (c) => chunks.push(c)); req.on('end', () => { res.writeHead(200, { 'content-type': 'text/xml' }); res.end(xml); }); });
server.listen(0, '127.0.0.1', () => console.log('http://127.0.0.1:' + server.address().port));
process.on('SIGTERM', () => server.close(() => process.exit(0)));`;

async function main() {
  const mock = await startServer([bin, 'serve', '--port', '0', '--log', 'json']);
  const assumeEnv = { ...baseEnv, AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test', AWS_ENDPOINT_URL_STS: mock.url };
  // A role profile on top of the mock: the warm-up run assumes it once; every timed run answers from the cache.
  writeFileSync(
    configFile,
    `[profile bench-role]\nrole_arn = arn:aws:iam::000000000000:role/bench\nsource_profile = bench-source\nendpoint_url = ${mock.url}\n`,
    {
      mode: 0o600,
    },
  );
  // name: [node's arguments, environment, goal as a ratio to `node -e 0`] (SPEC §6).
  const cases = {
    'sts-cli --help': [[bin, '--help'], baseEnv, 1.5],
    'sts-cli env': [[bin, 'env', '--profile', 'bench'], baseEnv, 1.5],
    // --no-cache: every run sends its AssumeRole, as the goal means.
    'sts-cli assume (local mock)': [[bin, 'assume', '--role-arn', 'arn:aws:iam::000000000000:role/bench', '--format', 'json', '--no-cache'], assumeEnv, 2.5],
    'credential-process (cached)': [
      [bin, 'credential-process', '--role-arn', 'arn:aws:iam::000000000000:role/bench', '--role-session-name', 'bench'],
      assumeEnv,
      1.5,
    ],
    'exec PROFILE -- true (cached)': [[bin, 'exec', 'bench-role', '--', 'true'], baseEnv, 1.5],
    'sts-cli list (200 profiles)': [[bin, 'list'], listEnv, 1.5],
  };
  const base = [['-e', '0'], baseEnv];
  const times = Object.fromEntries(Object.keys(cases).map((k) => [k, []]));
  const baseTimes = Object.fromEntries(Object.keys(cases).map((k) => [k, []]));
  timeOnce(...base);
  for (const [args, env] of Object.values(cases)) timeOnce(args, env); // warm the file cache and sts-cli's cache
  for (let i = 0; i < runs; i++) {
    for (const [name, [args, env]] of Object.entries(cases)) {
      const pair = i % 2 === 0 ? [timeOnce(...base), timeOnce(args, env)] : [timeOnce(args, env), timeOnce(...base)].reverse();
      baseTimes[name].push(pair[0]);
      times[name].push(pair[1]);
    }
  }
  const allBase = Object.values(baseTimes).flat();
  console.log(`start-up, ${runs} A/B pairs with node -e 0 per command (median ${median(allBase).toFixed(1)} ms), ratio = median of the pairs' ratios:`);
  for (const [name, [, , goal]] of Object.entries(cases)) {
    const ratios = times[name].map((ms, i) => ms / baseTimes[name][i]);
    const ratio = median(ratios);
    const sorted = [...ratios].sort((a, b) => a - b);
    const quartiles = `${sorted[Math.floor(sorted.length / 4)].toFixed(2)}-${sorted[Math.floor((sorted.length * 3) / 4)].toFixed(2)}`;
    const verdict = ratio <= goal ? 'PASS' : 'MISS';
    console.log(
      `  ${name.padEnd(30)} ${median(times[name]).toFixed(1).padStart(7)} ms  ${ratio.toFixed(2)}x node -e 0 (middle half ${quartiles})  goal <= ${goal}x  ${verdict}`,
    );
  }
  await mock.stop();
  if (process.env.BENCH_ONLY === 'startup') return;

  const body = 'Action=AssumeRole&RoleArn=arn%3Aaws%3Aiam%3A%3A000000000000%3Arole%2Fbench&RoleSessionName=bench&Version=2011-06-15';
  const signedHeaders = (url) => {
    const signed = signRequest(
      { method: 'POST', url: `${url}/`, headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' }, body },
      { credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, region: 'us-east-1', service: 'sts', now: new Date() },
    );
    const headers = { ...signed.headers };
    delete headers.host;
    return headers;
  };
  // All four run at once (idle unless loaded); windows interleave round by round so that a change
  // in the machine's other load hits all alike; each ratio is the median of its rounds' ratios.
  const targets = {
    bare: await startServer(['-e', bareServer]),
    one: await startServer([bin, 'serve', '--port', '0', '--log', 'json']),
    off: await startServer([bin, 'serve', '--port', '0', '--log', 'json', '--no-control']),
    two: await startServer([bin, 'serve', '--port', '0', '--workers', '2', '--log', 'json']),
  };
  // --workers 2: the primary only forks; its workers' CPU is not one process's, so none is measured.
  targets.two.pid = undefined;
  const names = Object.keys(targets);
  const rates = Object.fromEntries(names.map((n) => [n, []]));
  const busy = Object.fromEntries(names.map((n) => [n, []]));
  const cpu = Object.fromEntries(names.map((n) => [n, []]));
  let p99 = null;
  try {
    const headers = Object.fromEntries(Object.entries(targets).map(([name, t]) => [name, signedHeaders(t.url)]));
    // warm-up: JIT, connection set-up and every worker listening; discarded
    for (const [name, t] of Object.entries(targets)) await load(t.url, body, headers[name], Math.min(windowMs, 2000));
    for (let round = 0; round < rounds; round++) {
      for (const [name, t] of Object.entries(targets)) {
        const m = await measure(t, body, headers[name], windowMs);
        rates[name].push(m.rate);
        if (m.busy !== null) busy[name].push(m.busy);
        if (m.cpuMicros !== null) cpu[name].push(m.cpuMicros);
      }
    }
    p99 = (await load(targets.one.url, body, headers.one, windowMs, { connections: latencyConnections, latency: true })).p99;
  } finally {
    await Promise.all(Object.values(targets).map((t) => t.stop()));
  }
  const perRound = (f) => median(rates.bare.map((_, i) => f(i)));
  const ofBare = perRound((i) => rates.one[i] / rates.bare[i]);
  const gain = perRound((i) => rates.two[i] / rates.one[i] - 1);
  const controlCost = perRound((i) => 1 - rates.one[i] / rates.off[i]);
  const pct = (x) => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(0)}%`;
  const generator = useWrk ? 'wrk (1 thread)' : `undici in the bench process (${process.env.BENCH_LOAD === 'undici' ? 'BENCH_LOAD=undici' : 'no wrk on PATH'})`;
  console.log(`throughput, ${concurrency} connections, median of ${rounds} interleaved ${windowMs} ms windows, load from ${generator}:`);
  console.log(`  bare node:http              ${median(rates.bare).toFixed(0).padStart(7)} req/s`);
  console.log(`  sts-cli serve               ${median(rates.one).toFixed(0).padStart(7)} req/s  ${(ofBare * 100).toFixed(0)}% of bare node:http (goal >= 30%)`);
  console.log(
    `  sts-cli serve --no-control  ${median(rates.off).toFixed(0).padStart(7)} req/s  the control plane (journal, sessions) costs ${(controlCost * 100).toFixed(1)}% of it (goal <= 10%)`,
  );
  console.log(`  sts-cli serve --workers 2   ${median(rates.two).toFixed(0).padStart(7)} req/s  ${pct(gain)} over 1 worker (goal >= +60%)`);
  if (busy.bare.length > 0) {
    const shown = (name) => `${(median(busy[name]) * 100).toFixed(0)}%`;
    console.log(
      `  machine CPU busy while loaded (${availableParallelism()} cores, generator included): bare ${shown('bare')}, 1 worker ${shown('one')}, --no-control ${shown('off')}, 2 workers ${shown('two')}`,
    );
  }
  if (cpu.bare.length === rounds && cpu.one.length === rounds) {
    const ratio = median(cpu.one.map((us, i) => us / cpu.bare[i]));
    const offRatio = cpu.off.length === rounds ? median(cpu.off.map((us, i) => us / cpu.bare[i])) : null;
    console.log("efficiency, the server process's own CPU time (utime + stime) per answered signed AssumeRole, over the same windows:");
    console.log(`  bare node:http              ${median(cpu.bare).toFixed(1).padStart(7)} µs`);
    console.log(`  sts-cli serve               ${median(cpu.one).toFixed(1).padStart(7)} µs  ${ratio.toFixed(2)}x bare node:http (goal <= 2x)`);
    if (offRatio !== null) console.log(`  sts-cli serve --no-control  ${median(cpu.off).toFixed(1).padStart(7)} µs  ${offRatio.toFixed(2)}x bare node:http`);
  } else console.log('efficiency: not measured (no /proc on this system)');
  console.log(`latency, ${latencyConnections} connections, sts-cli serve: p99 ${p99 === null ? 'not measured' : `${p99.toFixed(2)} ms`}`);

  // Memory: a fresh server, its resident set after the first and the second half of the requests.
  const fresh = await startServer([bin, 'serve', '--port', '0', '--log', 'json']);
  try {
    const headers = signedHeaders(fresh.url);
    // Windows sized from the rate seen so far, until at least `memoryRequests` more were answered.
    let total = 0;
    let rate = median(rates.one);
    const half = async () => {
      const goal = total + memoryRequests;
      while (total < goal) {
        const ms = Math.min(10_000, Math.max(1000, ((goal - total) / rate) * 1000));
        const m = await load(fresh.url, body, headers, ms, { total: goal - total });
        total += m.requests;
        rate = Math.max(100, m.rate);
      }
      await new Promise((resolve) => setTimeout(resolve, 500)); // let the last batches settle
      return { requests: total, mib: residentMiB(fresh.pid) };
    };
    const first = await half();
    const second = await half();
    const n = (x) => x.toLocaleString('en-US').replace(/,/g, ' ');
    if (first.mib === null || second.mib === null) console.log('memory: not measured (no /proc on this system)');
    else
      console.log(
        `memory, sts-cli serve's resident set: ${first.mib.toFixed(1)} MiB after ${n(first.requests)} requests, ${second.mib.toFixed(1)} MiB after ${n(second.requests)} (${pct(second.mib / first.mib - 1)}; goal: no growth)`,
      );
  } finally {
    await fresh.stop();
  }
}

try {
  await main();
} finally {
  rmSync(home, { recursive: true, force: true });
}
