// Which region and which STS endpoint, first found wins (SPEC §2). Pure: the environment comes in as a value.
import { UsageError } from '../errors.js';
import { maskUrlUserinfo } from '../redact.js';
import { escapeControl } from '../terminalText.js';

export type Env = Readonly<Record<string, string | undefined>>;

const DEFAULT_REGION = 'us-east-1';
const EXAMPLE = 'Pass --endpoint-url like http://127.0.0.1:9000 or https://sts.example.com.';

function first(...values: Array<string | undefined>): string | undefined {
  return values.map((v) => v?.trim()).find((v): v is string => v !== undefined && v !== '');
}

/** --region, AWS_REGION, AWS_DEFAULT_REGION, the profile's region, then us-east-1. */
export function resolveRegion(input: { flag?: string; env: Env; profileRegion?: string }): string {
  const region = first(input.flag, input.env.AWS_REGION, input.env.AWS_DEFAULT_REGION, input.profileRegion) ?? DEFAULT_REGION;
  if (!/^[a-z0-9][a-z0-9-]*$/i.test(region)) {
    throw new UsageError(`The region "${region}" is not a region name such as us-east-1.`, { hint: "Check --region, AWS_REGION and the profile's region." });
  }
  return region;
}

/** AWS's own STS endpoint for a region; China regions live under amazonaws.com.cn. */
export function awsStsEndpoint(region: string): string {
  const suffix = region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com';
  return `https://sts.${region}.${suffix}`;
}

/**
 * --endpoint-url, AWS_ENDPOINT_URL_STS, AWS_ENDPOINT_URL, the profile's endpoint_url, then
 * https://sts.<region>.amazonaws.com. Throws UsageError unless it is an http(s) URL.
 */
export function resolveEndpoint(input: { flag?: string; env: Env; profileEndpointUrl?: string; region: string }): string {
  const chosen = first(input.flag, input.env.AWS_ENDPOINT_URL_STS, input.env.AWS_ENDPOINT_URL, input.profileEndpointUrl);
  const endpoint = chosen ?? awsStsEndpoint(input.region);
  // Messages show the endpoint without its userinfo (SPEC §11), and without control characters.
  const shown = escapeControl(maskUrlUserinfo(endpoint));
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new UsageError(`The endpoint "${shown}" is not a URL.`, { hint: EXAMPLE });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UsageError(`The endpoint "${shown}" must use http or https.`, { hint: EXAMPLE });
  }
  if (url.search || url.hash) {
    throw new UsageError(`The endpoint "${shown}" must not carry a query string or fragment.`);
  }
  // STS requests are signed; nothing sends a URL's userinfo, so a password there would only sit
  // in shell history and config files while appearing to do something.
  if (url.username || url.password) {
    throw new UsageError(`The endpoint "${shown}" must not carry a user name or password: STS requests are signed, never sent with basic authentication.`, {
      hint: `Use ${url.protocol}//${url.host}${url.pathname === '/' ? '' : url.pathname} instead: requests are signed with the source credentials (--source-profile or the AWS_* variables).`,
    });
  }
  return endpoint;
}

// The host names AWS's own endpoints live under (commercial, China, the dual-stack api.aws).
const AWS_HOSTS = /(^|\.)(amazonaws\.com|amazonaws\.com\.cn|api\.aws)$/i;

/** True when `endpoint` is one of AWS's own (what the AWS tools reach without an endpoint_url). */
export function isAwsEndpoint(endpoint: string): boolean {
  try {
    return AWS_HOSTS.test(new URL(endpoint).hostname);
  } catch {
    return false;
  }
}
