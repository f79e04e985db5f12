// What `sts-cli serve` warns about when other machines can reach it (SPEC §11): the public default
// credentials (`test`), and /oidc/token, which mints a web identity token for anyone who asks.
import { isIP } from 'node:net';

/** Whether the mock's base URL names a loopback address (127.0.0.0/8, ::1, localhost). */
export function isLoopback(url: string): boolean {
  const host = new URL(url).hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost') return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  if (host === '::1') return true;
  // An IPv4-mapped address, which URL writes in hex: ::ffff:127.0.0.1 is ::ffff:7f00:1.
  const mapped = /^::ffff:([0-9a-f]{1,4}):[0-9a-f]{1,4}$/.exec(host);
  return mapped !== null && Number.parseInt(mapped[1]!, 16) >> 8 === 127;
}

export interface Exposure {
  url: string;
  flavor: string;
  /** The secret of the access key the mock hands out. */
  secretAccessKey: string;
  /** The X-SDS-AUTH-TOKEN the ecs flavor accepts. */
  authToken: string;
}

export const PUBLIC_DEFAULT = 'test';

/** One line per reason to worry; none on a loopback address. */
export function exposureWarnings({ url, flavor, secretAccessKey, authToken }: Exposure): string[] {
  if (isLoopback(url)) return [];
  const where = `the mock STS at ${url} can be reached from other machines`;
  const warnings: string[] = [];
  const publicSecret = secretAccessKey === PUBLIC_DEFAULT;
  const publicToken = flavor === 'ecs' && authToken === PUBLIC_DEFAULT;
  if (publicSecret || publicToken) {
    const what = [publicSecret ? 'secret key' : '', publicToken ? 'X-SDS-AUTH-TOKEN' : ''].filter(Boolean).join(' and ');
    warnings.push(
      `${where} and accepts the public default ${what} "test": anyone who reaches it gets credentials. Declare users in --config or set STS_CLI_SECRET_KEY${publicToken ? ' and STS_CLI_AUTH_TOKEN' : ''}.`,
    );
  }
  warnings.push(`${where}, and its /oidc/token mints web identity tokens for anyone who asks. Listen on 127.0.0.1 (--host) unless that is meant.`);
  return warnings;
}
