// startMockSts: the library entry of the mock (SPEC §5). Resolves options and config, derives
// every key from the signing key, sets up its control plane (SPEC §10), listens, and returns a
// handle. The only I/O: config and JWKS files, the socket, and the clock (unless `now` is given).
import type { AddressInfo } from 'node:net';
import { UsageError } from '../errors.js';
import { version } from '../version.js';
import { controlAccess } from './control/access.js';
import { MockClock } from './control/clock.js';
import { ControlPlane } from './control/controlPlane.js';
import { MockControl } from './control/mockControl.js';
import { issuerProblem, loadMockConfig, validateMockConfig } from './config.js';
import { buildDirectory } from './directory.js';
import { flavors } from './flavors.js';
import { deriveKeys, MIN_SIGNING_KEY_LENGTH, randomSigningKey } from './keys.js';
import { DEFAULT_OIDC_ALGORITHM } from './issuer/issuerKeys.js';
import { listenError } from './listenError.js';
import { loadProviders, mintToken } from './oidc.js';
import { resolveTls } from './resolveTls.js';
import { createMockServer } from './server.js';
import type { MockContext } from './context.js';
import type { MockConfig, MockSts, MockStsOptions } from './types.js';

/** Starts the mock STS on `host:port` (default 127.0.0.1, any free port). */
export async function startMockSts(options: MockStsOptions = {}): Promise<MockSts> {
  const config: MockConfig =
    typeof options.config === 'string'
      ? await loadMockConfig(options.config)
      : options.config
        ? validateMockConfig(options.config, 'passed to startMockSts')
        : {};
  const flavor = options.flavor ?? config.flavor ?? 'aws';
  const spec = flavors[flavor];
  if (!spec) throw new UsageError(`Unknown mock flavor "${String(flavor)}".`, { hint: 'Use one of aws, minio, ceph, ecs.' });
  if (options.signingKey !== undefined && options.signingKey.length < MIN_SIGNING_KEY_LENGTH) {
    throw new UsageError(`The signing key must be at least ${MIN_SIGNING_KEY_LENGTH} characters long.`, {
      hint: 'Pass a longer --signing-key (or STS_CLI_SIGNING_KEY), or none for a random one.',
    });
  }
  const keys = deriveKeys(options.signingKey ?? randomSigningKey());
  const directory = buildDirectory({
    config,
    identity: spec.identity,
    keys,
    ...(options.accessKeyId !== undefined ? { accessKeyId: options.accessKeyId } : {}),
    ...(options.secretAccessKey !== undefined ? { secretAccessKey: options.secretAccessKey } : {}),
  });
  const providers = await loadProviders(config.oidcProviders ?? [], config.oidcAlgorithm ?? DEFAULT_OIDC_ALGORITHM);
  // `now` stands in for real time; the mock's clock runs from it and moves only when told to.
  const realNow = options.now;
  const clock = new MockClock(realNow ? () => realNow().getTime() : Date.now);
  const access = controlAccess({ listenAddress: options.host ?? '127.0.0.1', token: options.controlToken, enabled: options.control !== false });
  const control = new ControlPlane({ flavor, version, access, clock });
  const now = clock.now;
  const issuerRefused = options.issuer === undefined ? null : issuerProblem(options.issuer);
  if (issuerRefused)
    throw new UsageError(`The issuer (--issuer) ${issuerRefused}.`, {
      hint: 'Name the URL the tokens should carry as iss, e.g. --issuer http://127.0.0.1:8900.',
    });
  const fixedIssuer = options.issuer ?? config.issuer;
  let url = '';
  const ctx: MockContext = {
    spec,
    keys,
    directory,
    providers,
    ...(options.region !== undefined ? { region: options.region } : {}),
    authToken: options.authToken ?? 'test',
    now,
    realNow: clock.realNow,
    control,
    issuer: () => fixedIssuer ?? url,
    github: config.github ?? {},
    explain: options.explain === true,
  };
  const tls = options.tls ? resolveTls(options.tls, options.host ?? '127.0.0.1') : undefined;
  const server = createMockServer(ctx, options.onRequest, tls);
  const listenHost = options.host ?? '127.0.0.1';
  const listenPort = options.port ?? 0;
  await new Promise<void>((resolve, reject) => {
    const refused = (error: unknown) => reject(listenError(error, listenHost, listenPort));
    server.once('error', refused);
    server.listen(listenPort, listenHost, () => {
      server.off('error', refused);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  url = `${tls ? 'https' : 'http'}://${host}:${address.port}`;
  return {
    url,
    accessKeyId: directory.primary.accessKeyId,
    secretAccessKey: directory.primary.secretAccessKey,
    flavor,
    issuer: ctx.issuer(),
    ...(tls?.caCertificate !== undefined ? { caCertificate: tls.caCertificate } : {}),
    mintWebIdentityToken: (claims) => mintToken(keys, providers, ctx.issuer(), now(), claims),
    ...new MockControl(control),
    close: () =>
      new Promise<void>((resolve) => {
        control.endStreams();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
