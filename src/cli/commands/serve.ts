// sts-cli serve: the mock STS as a process. Prints its base URL as the first stdout line once it
// accepts connections; request logs go to stderr. --workers N shares the port through node:cluster,
// with one signing key so every worker accepts the others' session tokens and JWTs, and one TLS
// certificate (made or read by the primary) so every worker serves the same one.
import cluster from 'node:cluster';
import { randomBytes } from 'node:crypto';
import { UsageError } from '../../errors.js';
import type { MockStsOptions } from '../../mock/index.js';
import type { CliContext } from '../context.js';
import type { ServeInput } from '../inputs.js';
import { caLine, type PublishedCa, publishCa } from './publishCa.js';
import { resolveServeTls, type ServeTls, takeWorkerTls, wantsTls, workerTlsEnv } from './serveTls.js';

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
  ctx.out.addSecret(input.secretKey);

  let tls: ServeTls | undefined;
  if (cluster.isWorker) {
    const handed = takeWorkerTls(ctx.env);
    if (handed) options.tls = handed;
    else if (wantsTls(input)) throw new UsageError('This worker was started without the TLS certificate of its primary.');
  } else {
    tls = await resolveServeTls(input, ctx);
    if (tls) options.tls = tls.certificate;
  }

  if (workers > 1 && cluster.isPrimary) return runPrimary(workers, signingKey!, ctx, tls, input.tlsCaFile);
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
  let ca: PublishedCa | undefined;
  try {
    ca = await announceTls(tls, input.tlsCaFile, ctx);
    ctx.out.data(sts.url);
    ctx.out.info(`mock STS (${sts.flavor}) listening on ${sts.url}; access key ${sts.accessKeyId}. Ctrl-C stops it.`);
    if (ca) ctx.out.info(caLine(ca.path));
    const signal = await untilSignal();
    ctx.out.info(`${signal}: closing`);
  } finally {
    await sts.close();
    await ca?.remove();
  }
  return 0;
}

/** Says what TLS serves (warnings included) and writes the CA file, before the URL is printed. */
async function announceTls(tls: ServeTls | undefined, caFile: string | undefined, ctx: CliContext): Promise<PublishedCa | undefined> {
  if (!tls) return undefined;
  const ca = tls.certificate.ca === undefined ? undefined : await publishCa(tls.certificate.ca, caFile);
  ctx.out.info(tls.summary);
  for (const warning of tls.warnings) ctx.out.warn(warning);
  return ca;
}

async function runPrimary(workers: number, signingKey: string, ctx: CliContext, tls: ServeTls | undefined, caFile: string | undefined): Promise<number> {
  const env = { STS_CLI_SIGNING_KEY: signingKey, ...(tls ? workerTlsEnv(tls.certificate) : {}) };
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
  let ca: PublishedCa | undefined;
  let caFailed: (error: unknown) => void = () => undefined;
  const caFailure = new Promise<never>((_resolve, reject) => {
    caFailed = reject;
  });
  cluster.on('message', (_worker, message: { url?: string }) => {
    if (!printed && message?.url) {
      printed = true;
      const url = message.url;
      announceTls(tls, caFile, ctx).then((published) => {
        ca = published;
        ctx.out.data(url);
        ctx.out.info(`mock STS listening on ${url} with ${workers} workers. Ctrl-C stops it.`);
        if (ca) ctx.out.info(caLine(ca.path));
      }, caFailed);
    }
  });
  for (let i = 0; i < workers; i++) forkOne();
  const outcome = await Promise.race([untilSignal(), failedStart, caFailure]).catch(async (error: unknown) => {
    await stopWorkers();
    throw error;
  });
  if (typeof outcome === 'string') ctx.out.info(`${outcome}: closing ${workers} workers`);
  await stopWorkers();
  await ca?.remove();
  return typeof outcome === 'number' ? outcome : 0;

  async function stopWorkers(): Promise<void> {
    stopping = true;
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
  }
}
