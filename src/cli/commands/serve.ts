// sts-cli serve: the mock STS as a process. Prints its base URL as the first stdout line once it
// accepts connections; request logs go to stderr. --workers N shares the port through node:cluster,
// with one signing key so every worker accepts the others' session tokens and JWTs, and one TLS
// certificate (made or read by the primary) so every worker serves the same one; each worker has
// its own control plane (journal, sessions, faults, clock), as separate instances do.
import cluster from 'node:cluster';
import { randomBytes } from 'node:crypto';
import { UsageError } from '../../errors.js';
import { controlAccess } from '../../mock/control/access.js';
import type { MockStsOptions } from '../../mock/index.js';
import type { CliContext } from '../context.js';
import { COMMAND_FLAGS, type ServeInput } from '../inputs.js';
import { writeStderr } from '../standardStreams.js';
import { nonEmpty } from '../../nonEmpty.js';
import { withoutSecretFlags } from '../secretFlags.js';
import { exposureWarnings, PUBLIC_DEFAULT } from '../serveExposure.js';
import { caLine, type PublishedCa, publishCa } from './publishCa.js';
import { resolveServeTls, type ServeTls, takeWorkerTls, wantsTls, workerTlsEnv } from './serveTls.js';

function integer(text: string, flag: string, min: number, max: number): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < min || value > max) throw new UsageError(`${flag} must be a whole number from ${min} to ${max}, not "${text}".`);
  return value;
}

/** What a worker tells the primary once it listens: the URL to print and the warnings to print once. */
interface WorkerReady {
  url: string;
  warnings: string[];
}

function untilSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const done = (signal: NodeJS.Signals) => resolve(signal);
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
  });
}

/** The mock's secrets, each from its flag, else its variable (the way that other users cannot read in /proc). */
interface ServeSecrets {
  signingKey?: string;
  secretKey?: string;
  authToken?: string;
  controlToken?: string;
}

function secretsOf(input: ServeInput, env: NodeJS.ProcessEnv): ServeSecrets {
  const secrets: ServeSecrets = {};
  const signingKey = input.signingKey ?? nonEmpty(env.STS_CLI_SIGNING_KEY);
  const secretKey = input.secretKey ?? nonEmpty(env.STS_CLI_SECRET_KEY);
  const authToken = input.authToken ?? nonEmpty(env.STS_CLI_AUTH_TOKEN);
  if (signingKey !== undefined) secrets.signingKey = signingKey;
  if (secretKey !== undefined) secrets.secretKey = secretKey;
  const controlToken = input.controlToken ?? nonEmpty(env.STS_CLI_CONTROL_TOKEN);
  if (authToken !== undefined) secrets.authToken = authToken;
  if (controlToken !== undefined) secrets.controlToken = controlToken;
  return secrets;
}

export async function run(input: ServeInput, ctx: CliContext): Promise<number> {
  // --log json: every stderr line is JSON, the request log's and sts-cli's own (listening, warnings, closing, errors).
  if (input.log === 'json') ctx.out.jsonLines();
  const port = integer(input.port, '--port', 0, 65535);
  const workers = integer(input.workers, '--workers', 1, 64);
  const secrets = secretsOf(input, ctx.env);
  const { signingKey, secretKey, authToken } = secrets;
  if (signingKey !== undefined && signingKey.length < 32) throw new UsageError('--signing-key (or STS_CLI_SIGNING_KEY) must be at least 32 characters.');
  if (workers > 1 && signingKey === undefined) secrets.signingKey = randomBytes(32).toString('base64url');
  for (const secret of Object.values(secrets)) ctx.out.addSecret(secret);
  // A bad control token is refused here, before any worker starts.
  controlAccess({ listenAddress: input.host, token: secrets.controlToken, enabled: input.control });

  const logFormat = input.log;
  const options: MockStsOptions = { host: input.host, port, authToken: authToken ?? 'test', control: input.control };
  // Only keys the user gave: with a --config, test/test must not be accepted behind its back.
  if (input.accessKey !== undefined) options.accessKeyId = input.accessKey;
  if (secretKey !== undefined) options.secretAccessKey = secretKey;
  if (input.flavor) options.flavor = input.flavor;
  if (input.config) options.config = input.config;
  if (input.region) options.region = input.region;
  if (secrets.signingKey !== undefined) options.signingKey = secrets.signingKey;
  if (input.issuer !== undefined) options.issuer = input.issuer;
  if (input.explain) options.explain = true;
  if (secrets.controlToken !== undefined) options.controlToken = secrets.controlToken;

  let tls: ServeTls | undefined;
  if (cluster.isWorker) {
    const handed = takeWorkerTls(ctx.env);
    if (handed) options.tls = handed;
    else if (wantsTls(input)) throw new UsageError('This worker was started without the TLS certificate of its primary.');
  } else {
    tls = await resolveServeTls(input, ctx);
    if (tls) options.tls = tls.certificate;
  }

  const control = (url: string) => controlLine(url, input.control, secrets.controlToken !== undefined);
  if (workers > 1 && cluster.isPrimary) return runPrimary(workers, secrets, ctx, tls, input.tlsCaFile, control);
  // Loaded here, not at the top: a --workers primary only forks and never needs the mock or jose.
  const { requestLogWriter, startMockSts } = await import('../../mock/index.js');
  // One stderr write per few milliseconds of answers, not one per request; flushed before any
  // line of our own that follows them, and before exit.
  const requestLog = requestLogWriter(writeStderr, logFormat);
  options.onRequest = requestLog;
  const sts = await startMockSts(options);
  const warnings = exposureWarnings({ url: sts.url, flavor: sts.flavor, secretAccessKey: sts.secretAccessKey, authToken: options.authToken ?? PUBLIC_DEFAULT });
  if (cluster.isWorker) {
    process.once(
      'SIGTERM',
      () =>
        void sts.close().then(() => {
          requestLog.flush();
          process.exit(0);
        }),
    );
    process.once('SIGINT', () => undefined); // the primary decides when workers stop
    process.send?.({ url: sts.url, warnings } satisfies WorkerReady);
    return new Promise<number>(() => undefined);
  }
  // Listening for the signal before printing the URL: a supervisor may stop us as soon as it reads it.
  const stopped = untilSignal();
  let ca: PublishedCa | undefined;
  try {
    ca = await announceTls(tls, input.tlsCaFile, ctx);
    ctx.out.data(sts.url);
    ctx.out.info(`mock STS (${sts.flavor}) listening on ${sts.url}; access key ${sts.accessKeyId}. Ctrl-C stops it.`);
    if (ca) ctx.out.info(caLine(ca.path));
    ctx.out.info(`${control(sts.url)}.`);
    for (const warning of warnings) ctx.out.warn(warning);
    const signal = await stopped;
    requestLog.flush();
    ctx.out.info(`${signal}: closing`);
  } finally {
    await sts.close();
    requestLog.flush();
    await ca?.remove();
  }
  return 0;
}

/** Where the dashboard is, and who may open it. */
function controlLine(url: string, enabled: boolean, token: boolean): string {
  if (!enabled) return 'control plane off (--no-control)';
  return `dashboard and control plane at ${url}/_sts-cli/${token ? ' (Authorization: Bearer <control token>; in a browser add #token=<control token>)' : ''}`;
}

/** Says what TLS serves (warnings included) and writes the CA file, before the URL is printed. */
async function announceTls(tls: ServeTls | undefined, caFile: string | undefined, ctx: CliContext): Promise<PublishedCa | undefined> {
  if (!tls) return undefined;
  const ca = tls.certificate.ca === undefined ? undefined : await publishCa(tls.certificate.ca, caFile);
  ctx.out.info(tls.summary);
  for (const warning of tls.warnings) ctx.out.warn(warning);
  return ca;
}

async function runPrimary(
  workers: number,
  secrets: ServeSecrets,
  ctx: CliContext,
  tls: ServeTls | undefined,
  caFile: string | undefined,
  control: (url: string) => string,
): Promise<number> {
  // Secrets reach the workers in their environment, which only their own user can read, never in
  // their arguments, which every user can (SPEC §11): the workers' argv is ours without them.
  const env: NodeJS.ProcessEnv = { ...(tls ? workerTlsEnv(tls.certificate) : {}) };
  if (secrets.signingKey !== undefined) env.STS_CLI_SIGNING_KEY = secrets.signingKey;
  if (secrets.secretKey !== undefined) env.STS_CLI_SECRET_KEY = secrets.secretKey;
  if (secrets.authToken !== undefined) env.STS_CLI_AUTH_TOKEN = secrets.authToken;
  if (secrets.controlToken !== undefined) env.STS_CLI_CONTROL_TOKEN = secrets.controlToken;
  // With several workers sharing two cores, V8's parallel GC threads only compete with the other
  // worker (measured: +4% for 2 workers; a single process is faster without this flag).
  cluster.setupPrimary({
    execArgv: [...process.execArgv, '--single-threaded-gc'],
    args: withoutSecretFlags(process.argv.slice(2), COMMAND_FLAGS.serve),
  });
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
  cluster.on('message', (_worker, message: Partial<WorkerReady> | undefined) => {
    if (!printed && message?.url) {
      printed = true;
      // The others start once one listens: a start that fails (a taken port, a bad config) is said once, by the first.
      if (!stopping) for (let i = 1; i < workers; i++) forkOne();
      const url = message.url;
      const warnings = message.warnings ?? [];
      announceTls(tls, caFile, ctx).then((published) => {
        ca = published;
        ctx.out.data(url);
        ctx.out.info(`mock STS listening on ${url} with ${workers} workers. Ctrl-C stops it.`);
        if (ca) ctx.out.info(caLine(ca.path));
        ctx.out.info(`${control(url)}; each worker keeps its own journal, sessions, faults and clock.`);
        for (const warning of warnings) ctx.out.warn(warning);
      }, caFailed);
    }
  });
  forkOne();
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
