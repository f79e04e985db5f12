// sts-cli serve: the mock STS as a process. Prints its base URL as the first stdout line once it
// accepts connections; request logs go to stderr. --workers N shares the port through node:cluster,
// with one signing key so every worker accepts the others' session tokens and JWTs.
import cluster from 'node:cluster';
import { randomBytes } from 'node:crypto';
import { UsageError } from '../../errors.js';
import type { MockStsOptions } from '../../mock/index.js';
import type { CliContext } from '../context.js';
import type { ServeInput } from '../inputs.js';

function integer(text: string, flag: string, min: number, max: number): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < min || value > max) throw new UsageError(`${flag} must be a whole number from ${min} to ${max}, not "${text}".`);
  return value;
}

function untilSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const done = (signal: NodeJS.Signals) => resolve(signal);
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
  });
}

export async function run(input: ServeInput, ctx: CliContext): Promise<number> {
  const port = integer(input.port, '--port', 0, 65535);
  const workers = integer(input.workers, '--workers', 1, 64);
  let signingKey = input.signingKey ?? (ctx.env.STS_CLI_SIGNING_KEY || undefined);
  if (signingKey !== undefined && signingKey.length < 32) throw new UsageError('--signing-key (or STS_CLI_SIGNING_KEY) must be at least 32 characters.');
  if (workers > 1 && signingKey === undefined) signingKey = randomBytes(32).toString('base64url');
  if (signingKey !== undefined) ctx.out.addSecret(signingKey);

  const logFormat = input.log;
  const options: MockStsOptions = { host: input.host, port, authToken: input.authToken };
  // Only keys the user gave: with a --config, test/test must not be accepted behind its back.
  if (input.accessKey !== undefined) options.accessKeyId = input.accessKey;
  if (input.secretKey !== undefined) options.secretAccessKey = input.secretKey;
  if (input.flavor) options.flavor = input.flavor;
  if (input.config) options.config = input.config;
  if (input.region) options.region = input.region;
  if (signingKey !== undefined) options.signingKey = signingKey;
  if (input.issuer !== undefined) options.issuer = input.issuer;
  if (input.explain) options.explain = true;
  ctx.out.addSecret(input.secretKey);

  if (workers > 1 && cluster.isPrimary) return runPrimary(workers, signingKey!, ctx);
  // Loaded here, not at the top: a --workers primary only forks and never needs the mock or jose.
  const { requestLogWriter, startMockSts } = await import('../../mock/index.js');
  // One stderr write per batch of answers, not one per request.
  options.onRequest = requestLogWriter((lines) => process.stderr.write(lines), logFormat);
  const sts = await startMockSts(options);
  if (cluster.isWorker) {
    process.send?.({ url: sts.url });
    process.once('SIGTERM', () => void sts.close().then(() => process.exit(0)));
    process.once('SIGINT', () => undefined); // the primary decides when workers stop
    return new Promise<number>(() => undefined);
  }
  ctx.out.data(sts.url);
  ctx.out.info(`mock STS (${sts.flavor}) listening on ${sts.url}; access key ${sts.accessKeyId}. Ctrl-C stops it.`);
  const signal = await untilSignal();
  ctx.out.info(`${signal}: closing`);
  await sts.close();
  return 0;
}

async function runPrimary(workers: number, signingKey: string, ctx: CliContext): Promise<number> {
  const env = { STS_CLI_SIGNING_KEY: signingKey };
  // With several workers sharing two cores, V8's parallel GC threads only compete with the other
  // worker (measured: +4% for 2 workers; a single process is faster without this flag).
  cluster.setupPrimary({ execArgv: [...process.execArgv, '--single-threaded-gc'] });
  let printed = false;
  let stopping = false;
  const forkOne = () => cluster.fork(env);
  // A worker that dies before anyone listens (a bad --config, a taken port) has printed why on
  // stderr; forking again would only loop, so stop with its exit code.
  const failedStart = new Promise<number>((resolve) => {
    cluster.on('exit', (worker, code) => {
      if (stopping) return;
      if (!printed) {
        stopping = true;
        resolve(code || 1);
        return;
      }
      ctx.out.warn(`worker ${worker.process.pid} exited (${code}); starting another`);
      forkOne();
    });
  });
  cluster.on('message', (_worker, message: { url?: string }) => {
    if (!printed && message?.url) {
      printed = true;
      ctx.out.data(message.url);
      ctx.out.info(`mock STS listening on ${message.url} with ${workers} workers. Ctrl-C stops it.`);
    }
  });
  for (let i = 0; i < workers; i++) forkOne();
  const outcome = await Promise.race([untilSignal(), failedStart]);
  stopping = true;
  if (typeof outcome === 'string') ctx.out.info(`${outcome}: closing ${workers} workers`);
  const alive = Object.values(cluster.workers ?? {}).filter((w) => w !== undefined && !w.isDead());
  await Promise.all(
    alive.map(
      (w) =>
        new Promise<void>((resolve) => {
          w!.once('exit', () => resolve());
          w!.process.kill('SIGTERM');
        }),
    ),
  );
  return typeof outcome === 'number' ? outcome : 0;
}
