// The proxy a request to `url` goes through, as HTTPS_PROXY / HTTP_PROXY / NO_PROXY say (the
// variables the STS client's transport follows). Pure.

function matchesNoProxy(host: string, port: string, entry: string): boolean {
  const trimmed = entry.trim().toLowerCase();
  if (trimmed === '') return false;
  if (trimmed === '*') return true;
  const [name, entryPort] = trimmed.startsWith('[') ? [trimmed.slice(0, trimmed.indexOf(']') + 1), trimmed.split(']:')[1]] : trimmed.split(':');
  if (entryPort !== undefined && entryPort !== port) return false;
  const domain = name!.replace(/^\*?\./, '');
  return host === domain || host.endsWith(`.${domain}`);
}

/** The proxy URL for `url`, or undefined when it goes direct. */
export function proxyFor(url: URL, env: NodeJS.ProcessEnv): string | undefined {
  const proxy = url.protocol === 'https:' ? env.HTTPS_PROXY || env.https_proxy : env.HTTP_PROXY || env.http_proxy;
  if (!proxy) return undefined;
  const noProxy = env.NO_PROXY ?? env.no_proxy ?? '';
  const host = url.hostname.toLowerCase();
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  return noProxy.split(',').some((entry) => matchesNoProxy(host, port, entry)) ? undefined : proxy;
}
