// Which region and which STS endpoint, first found wins (SPEC §2). Pure: the environment comes in as a value.
import { UsageError } from '../errors.js';

export type Env = Readonly<Record<string, string | undefined>>;

const DEFAULT_REGION = 'us-east-1';

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
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new UsageError(`The endpoint "${endpoint}" is not a URL.`, { hint: 'Pass --endpoint-url like http://127.0.0.1:9000 or https://sts.example.com.' });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UsageError(`The endpoint "${endpoint}" must use http or https.`, {
      hint: 'Pass --endpoint-url like http://127.0.0.1:9000 or https://sts.example.com.',
    });
  }
  if (url.search || url.hash) {
    throw new UsageError(`The endpoint "${endpoint}" must not carry a query string or fragment.`);
  }
  return endpoint;
}
