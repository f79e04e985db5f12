// exec --server (SPEC §8): the child gets a loopback container-credentials endpoint instead of keys.
// exec listens on 127.0.0.1 at a free port with a random token, sets for the child only
// AWS_CONTAINER_CREDENTIALS_FULL_URI and AWS_CONTAINER_AUTHORIZATION_TOKEN (plus AWS_REGION and
// AWS_DEFAULT_REGION when known) and removes what the SDKs would prefer (static keys, AWS_PROFILE)
// and sts-cli's own secrets; the endpoint renews the session ahead of the SDKs' refresh windows and
// stops with the child, whose exit code and signals pass through.
import { containerChildEnvironment, type EndpointEvent, startContainerEndpoint } from '../containerEndpoint/index.js';
import { isoSeconds } from '../credentials/isoSeconds.js';
import type { CliContext } from './context.js';
import { childView, renewableSession } from './renewableSession.js';
import { runChild } from './runChild.js';
import type { SessionOptions } from './session/sessionOptions.js';

function report(event: EndpointEvent, ctx: CliContext): void {
  if (event.kind === 'renewed') ctx.out.debug(`exec --server: renewed, expires ${isoSeconds(event.expiration)}, next renewal ${isoSeconds(event.renewAt)}`);
  else if (event.kind === 'renewal-failed')
    ctx.out.warn(`exec --server could not renew the credentials (${event.message}); retrying at ${isoSeconds(event.retryAt)}.`);
  else ctx.out.warn(`exec --server has no valid credentials to serve: ${event.message}`);
}

/** Runs `command` with profile `name` served from a loopback endpoint; the exit code to exit with. */
export async function runServed(name: string, command: string, args: string[], ctx: CliContext, options?: SessionOptions): Promise<number> {
  // The first session is obtained before anything starts: a profile that cannot be renewed, or a refusal, is the error of exec.
  const endpoint = await startContainerEndpoint({
    provide: ({ refresh }) => renewableSession(name, ctx, { refresh }, options),
    onEvent: (event) => report(event, ctx),
  });
  try {
    ctx.out.addSecret(endpoint.token);
    ctx.out.debug(`exec --server: serving profile ${name} at ${endpoint.url}`);
    const view = await childView(name, ctx);
    if (view.defaultShadows) {
      // AWS_PROFILE is removed, so the SDKs read [default], and their chain takes it before the endpoint.
      ctx.out.warn(
        `profile [default] has ${view.defaultShadows}: the AWS SDKs in the command will use it instead of the endpoint. Move it to a named profile to let exec --server serve them.`,
      );
    }
    const env = containerChildEnvironment(ctx.env, endpoint, view.region);
    // The profile the credentials come from, for prompts and scripts (exec without --server sets it too).
    env.STS_CLI_PROFILE = name;
    return await runChild(command, args, env, ctx);
  } finally {
    await endpoint.close();
  }
}
