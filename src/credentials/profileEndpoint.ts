// The STS endpoint a profile configures, as botocore's ConfiguredEndpointProvider reads the
// files: the `sts` block of the profile's `[services NAME]` section, then the profile's own
// (global) endpoint_url. botocore looks at AWS_ENDPOINT_URL_STS and AWS_ENDPOINT_URL first: those
// are the caller's, as is every flag. ignore_configured_endpoint_urls = true turns all of them off.
import { ProfileConfigError } from '../errors.js';
import type { ProfileIndex } from './profileIndex.js';
import { parseNested } from './profileMap.js';

export interface ProfileEndpoint {
  endpointUrl?: string;
  ignoreConfiguredEndpointUrls: boolean;
}

/**
 * The configured STS endpoint of profile `name` (merged values). Throws ProfileConfigError (exit 2)
 * when its `services` names a section that does not exist or is empty, as botocore refuses it.
 */
export function profileStsEndpoint(name: string, index: ProfileIndex): ProfileEndpoint {
  const values = index.merged.get(name) ?? {};
  // botocore's ensure_boolean: only the text `true`, in any case, is true.
  if (values.ignore_configured_endpoint_urls?.toLowerCase() === 'true') return { ignoreConfiguredEndpointUrls: true };
  let endpointUrl: string | undefined;
  const servicesName = values.services;
  if (servicesName !== undefined) {
    const block = index.services.get(servicesName);
    if (!block || Object.keys(block).length === 0) {
      throw new ProfileConfigError(
        name,
        'services',
        `Profile "${name}" uses services = ${servicesName}, but ${index.files.configPath} has no [services ${servicesName}] section.`,
        {
          hint: `Add [services ${servicesName}] with "sts =" and an indented "endpoint_url = URL", or remove the services line.`,
        },
      );
    }
    endpointUrl = parseNested(block.sts)?.endpoint_url || undefined;
  }
  endpointUrl ??= values.endpoint_url || undefined;
  return { ...(endpointUrl ? { endpointUrl } : {}), ignoreConfiguredEndpointUrls: false };
}
