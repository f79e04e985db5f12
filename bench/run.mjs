// npm run bench: speed goals of SPEC §6 as ratios measured in one run on this machine (never as
// timed tests: shared machines are noisy). Start-up: median wall time of N spawns, interleaved.
// Throughput: requests answered in a fixed window by `sts-cli serve` vs a bare node:http server,
// under the same load from this process (one pre-signed AssumeRole replayed).
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent, request } from 'undici';
import { signRequest } from '../dist/index.js';

const bin = new URL('../bin/sts-cli.js', import.meta.url).pathname;
const runs = Number(process.env.BENCH_RUNS ?? 15);
const windowMs = Number(process.env.BENCH_WINDOW_MS ?? 3000);
const concurrency = 32;
const home = mkdtempSync(join(tmpdir(), 'sts-cli-bench-'));
const credentialsFile = join(home, 'credentials');
writeFileSync(credentialsFile, `[bench]\naws_access_key_id = ASIAEXAMPLEEXAMPLE00\naws_secret_access_key = secret\naws_session_token = token\nx_security_token_expires = 2999-01-01T00:00:00Z\n`, { mode: 0o600 });
const baseEnv = { ...process.env, HOME: home, AWS_SHARED_CREDENTIALS_FILE: credentialsFile, AWS_CONFIG_FILE: join(home, 'config'), NO_COLOR: '1' };

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function timeOnce(args, env) {
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
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
      if (buffered.includes('\n')) resolve({ url: line.trim(), stop: () => new Promise((r) => { child.once('exit', r); child.kill('SIGTERM'); }) });
    });
    child.once('exit', (code) => reject(new Error(`${args.join(' ')} exited ${code} before printing its URL`)));
  });
}

async function load(url, body, headers) {
  const dispatcher = new Agent({ connections: concurrency, pipelining: 1 });
  let answered = 0;
  let failed = 0;
  const deadline = Date.now() + windowMs;
  const worker = async () => {
    while (Date.now() < deadline) {
      const res = await request(url, { method: 'POST', body, headers, dispatcher });
      await res.body.text();
      if (res.statusCode === 200) answered++;
      else failed++;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  await dispatcher.close();
  if (failed > 0) throw new Error(`${failed} requests to ${url} failed`);
  return answered / (windowMs / 1000);
}

const bareServer = `
const http = require('node:http');
const xml = '<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleResult/></AssumeRoleResponse>';
const server = http.createServer((req, res) => { const chunks = []; req.on('data', (c) => chunks.push(c)); req.on('end', () => { res.writeHead(200, { 'content-type': 'text/xml' }); res.end(xml); }); });
server.listen(0, '127.0.0.1', () => console.log('http://127.0.0.1:' + server.address().port));
process.on('SIGTERM', () => server.close(() => process.exit(0)));`;

async function main() {
  const mock = await startServer([bin, 'serve', '--port', '0', '--log', 'json']);
  const assumeEnv = { ...baseEnv, AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test', AWS_ENDPOINT_URL_STS: mock.url };
  const cases = {
    'node -e 0': [['-e', '0'], baseEnv],
    'sts-cli --help': [[bin, '--help'], baseEnv],
    'sts-cli env': [[bin, 'env', '--profile', 'bench'], baseEnv],
    'sts-cli assume (local mock)': [[bin, 'assume', '--role-arn', 'arn:aws:iam::000000000000:role/bench', '--format', 'json'], assumeEnv],
  };
  const times = Object.fromEntries(Object.keys(cases).map((k) => [k, []]));
  for (const [, [args, env]] of Object.entries(cases)) timeOnce(args, env); // warm the file cache
  for (let i = 0; i < runs; i++) for (const [name, [args, env]] of Object.entries(cases)) times[name].push(timeOnce(args, env));
  const base = median(times['node -e 0']);
  console.log(`start-up, median of ${runs} interleaved runs:`);
  for (const name of Object.keys(cases)) {
    const ms = median(times[name]);
    console.log(`  ${name.padEnd(30)} ${ms.toFixed(1).padStart(7)} ms  ${(ms / base).toFixed(2)}x node -e 0`);
  }
  await mock.stop();

  const body = 'Action=AssumeRole&RoleArn=arn%3Aaws%3Aiam%3A%3A000000000000%3Arole%2Fbench&RoleSessionName=bench&Version=2011-06-15';
  const rate = async (args, env) => {
    const server = await startServer(args, env);
    const signed = signRequest(
      { method: 'POST', url: `${server.url}/`, headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' }, body },
      { credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, region: 'us-east-1', service: 'sts', now: new Date() },
    );
    const headers = { ...signed.headers };
    delete headers.host;
    try {
      await load(server.url, body, headers); // warm-up: JIT and connection set-up, discarded
      return await load(server.url, body, headers);
    } finally {
      await server.stop();
    }
  };
  const bare = await rate(['-e', bareServer]);
  const one = await rate([bin, 'serve', '--port', '0', '--log', 'json'], { ...baseEnv });
  const two = await rate([bin, 'serve', '--port', '0', '--workers', '2', '--log', 'json'], { ...baseEnv });
  console.log(`throughput, ${concurrency} connections, ${windowMs} ms window:`);
  console.log(`  bare node:http            ${bare.toFixed(0).padStart(7)} req/s`);
  console.log(`  sts-cli serve             ${one.toFixed(0).padStart(7)} req/s  ${((one / bare) * 100).toFixed(0)}% of bare node:http (goal >= 30%)`);
  console.log(`  sts-cli serve --workers 2 ${two.toFixed(0).padStart(7)} req/s  +${((two / one - 1) * 100).toFixed(0)}% over 1 worker (goal >= +60%)`);
}

try {
  await main();
} finally {
  rmSync(home, { recursive: true, force: true });
}
