// sts-cli serve: the mock STS as a process. Prints its base URL as the first stdout line once it
// accepts connections; request logs go to stderr. --workers N shares the port through node:cluster,
// with one signing key so every worker accepts the others' session tokens and JWTs; each worker
// has its own control plane (journal, sessions, faults, clock), as separate instances do.
import cluster from 'node:cluster';
import { randomBytes } from 'node:crypto';
import { UsageError } from '../../errors.js';
import { controlAccess } from '../../mock/control/access.js';
import type { MockStsOptions } from '../../mock/index.js';
import { argsWithoutSecrets, secretsEnvironment } from '../workerLaunch.js';
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
  // Every secret also has a way in that is not the command line (SPEC §11); a worker gets each
  // one the primary resolved that way, never in its arguments.
  let signingKey = input.signingKey ?? (ctx.env.STS_CLI_SIGNING_KEY || undefined);
  if (signingKey !== undefined && signingKey.length < 32) throw new UsageError('--signing-key (or STS_CLI_SIGNING_KEY) must be at least 32 characters.');
  if (workers > 1 && signingKey === undefined) signingKey = randomBytes(32).toString('base64url');
  if (signingKey !== undefined) ctx.out.addSecret(signingKey);
  const secretKey = input.secretKey ?? (ctx.env.STS_CLI_SECRET_KEY || undefined);
  // --auth-token has a default, so the variable counts only when the flag was left at it.
  const authToken = input.authToken === 'test' ? ctx.env.STS_CLI_AUTH_TOKEN || input.authToken : input.authToken;
  const controlToken = input.controlToken ?? (ctx.env.STS_CLI_CONTROL_TOKEN || undefined);
  for (const secret of [secretKey, authToken, controlToken]) ctx.out.addSecret(secret);
  // A bad token is refused here, before any worker starts.
  controlAccess({ listenAddress: input.host, token: controlToken, enabled: input.control });

  const logFormat = input.log;
  const options: MockStsOptions = { host: input.host, port, authToken, control: input.control };
  // Only keys the user gave: with a --config, test/test must not be accepted behind its back.
  if (input.accessKey !== undefined) options.accessKeyId = input.accessKey;
  if (secretKey !== undefined) options.secretAccessKey = secretKey;
  if (input.flavor) options.flavor = input.flavor;
  if (input.config) options.config = input.config;
  if (input.region) options.region = input.region;
  if (signingKey !== undefined) options.signingKey = signingKey;
  if (controlToken !== undefined) options.controlToken = controlToken;

  if (workers > 1 && cluster.isPrimary) {
    const env = secretsEnvironment({ '--signing-key': signingKey, '--secret-key': secretKey, '--auth-token': authToken, '--control-token': controlToken });
    return runPrimary(workers, env, ctx, (url) => controlLine(url, input.control, controlToken !== undefined));
  }
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
  ctx.out.info(`${controlLine(sts.url, input.control, controlToken !== undefined)}.`);
  const signal = await untilSignal();
  ctx.out.info(`${signal}: closing`);
  await sts.close();
  return 0;
}

/** Where the dashboard is, and who may open it. */
function controlLine(url: string, enabled: boolean, token: boolean): string {
  if (!enabled) return 'control plane off (--no-control)';
  return `dashboard and control plane at ${url}/_sts-cli/${token ? ' (Authorization: Bearer <control token>; in a browser add #token=<control token>)' : ''}`;
}

async function runPrimary(workers: number, env: Record<string, string>, ctx: CliContext, control: (url: string) => string): Promise<number> {
  // With several workers sharing two cores, V8's parallel GC threads only compete with the other
  // worker (measured: +4% for 2 workers; a single process is faster without this flag). The
  // workers' arguments carry no secret: those travel in `env`.
  cluster.setupPrimary({ execArgv: [...process.execArgv, '--single-threaded-gc'], args: argsWithoutSecrets(process.argv.slice(2)) });
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
      ctx.out.info(`${control(message.url)}; each worker keeps its own journal, sessions, faults and clock.`);
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
