// Where the credentials file, the config file and the credential-process cache live (SPEC §2/§3).
// Pure: takes the environment and the home folder as values.
import { join } from 'node:path';
import { nonEmpty } from '../nonEmpty.js';

// As botocore does (os.path.expandvars, then expanduser): $VAR and ${VAR} from env (unknown ones
// stay as written), then a leading ~ becomes the home folder.
function expand(path: string, env: NodeJS.ProcessEnv, home: string): string {
  const vars = path.replace(/\$(\w+)|\$\{([^}]+)\}/g, (m, a: string | undefined, b: string | undefined) => env[(a ?? b)!] ?? m);
  if (vars === '~') return home;
  if (vars.startsWith('~/')) return join(home, vars.slice(2));
  return vars;
}

/** AWS_SHARED_CREDENTIALS_FILE, else ~/.aws/credentials. */
export function credentialsFilePath(env: NodeJS.ProcessEnv, home: string): string {
  return expand(nonEmpty(env.AWS_SHARED_CREDENTIALS_FILE) ?? '~/.aws/credentials', env, home);
}

/** AWS_CONFIG_FILE, else ~/.aws/config. */
export function configFilePath(env: NodeJS.ProcessEnv, home: string): string {
  return expand(nonEmpty(env.AWS_CONFIG_FILE) ?? '~/.aws/config', env, home);
}

/** $XDG_CACHE_HOME/sts-cli, else ~/.cache/sts-cli (a relative XDG_CACHE_HOME is ignored, as the XDG spec says). */
export function cacheDir(env: NodeJS.ProcessEnv, home: string): string {
  const xdg = nonEmpty(env.XDG_CACHE_HOME);
  return xdg?.startsWith('/') ? join(xdg, 'sts-cli') : join(home, '.cache', 'sts-cli');
}
