// botocore's build_profile_map: turns the config file's sections into profiles
// (`[profile NAME]`, `[default]`) and services blocks (`[services NAME]`). Pure.

const QUOTING = /['"\\]/;
const WHITE_SPACE = /\s+/;

// POSIX shlex.split as botocore uses it on section names (`profile "my name"` → ['profile', 'my name'])
// and on a credential_process command line; undefined when a quote is left open.
export function shlexSplit(text: string): string[] | undefined {
  // Without quotes or backslashes the words are the runs between white space: found at once, not
  // built a character at a time (`sts-cli list` splits every section name of the config file).
  if (!QUOTING.test(text)) return text.split(WHITE_SPACE).filter((word) => word !== '');
  const out: string[] = [];
  let current = '';
  let inToken = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (/\s/.test(c)) {
      if (inToken) out.push(current);
      current = '';
      inToken = false;
      continue;
    }
    inToken = true;
    if (c === "'") {
      const close = text.indexOf("'", i + 1);
      if (close < 0) return undefined;
      current += text.slice(i + 1, close);
      i = close;
    } else if (c === '"') {
      for (i++; i < text.length && text[i] !== '"'; i++) {
        if (text[i] === '\\' && (text[i + 1] === '"' || text[i + 1] === '\\')) i++;
        current += text[i];
      }
      if (i >= text.length) return undefined;
    } else if (c === '\\') {
      if (i + 1 >= text.length) return undefined;
      current += text[++i];
    } else {
      current += c;
    }
  }
  if (inToken) out.push(current);
  return out;
}

export interface ProfileMap {
  profiles: Map<string, Record<string, string>>;
  services: Map<string, Record<string, string>>;
}

/** What a config file section header names, as botocore's build_profile_map reads it: `[profile dev]` → profile dev; undefined when neither a profile nor a services block. */
export function configSectionTarget(section: string): { type: 'profile' | 'services'; name: string } | undefined {
  const type = section.startsWith('profile') ? 'profile' : section.startsWith('services') ? 'services' : undefined;
  if (type) {
    const parts = shlexSplit(section);
    return parts?.length === 2 ? { type, name: parts[1]! } : undefined;
  }
  return section === 'default' ? { type: 'profile', name: 'default' } : undefined;
}

/** Config file sections → profiles and services, later sections winning, as botocore builds them. */
export function buildProfileMap(sections: Map<string, Record<string, string>>): ProfileMap {
  const profiles = new Map<string, Record<string, string>>();
  const services = new Map<string, Record<string, string>>();
  for (const [name, values] of sections) {
    const target = configSectionTarget(name);
    if (target) (target.type === 'profile' ? profiles : services).set(target.name, values);
  }
  return { profiles, services };
}

/** botocore's nested value (`sts =\n  endpoint_url = …`) → key/value pairs; undefined when not nested. */
export function parseNested(value: string | undefined): Record<string, string> | undefined {
  if (!value?.startsWith('\n')) return undefined;
  const out: Record<string, string> = {};
  for (const line of value.split('\n')) {
    const at = line.indexOf('=');
    if (at > 0) out[line.slice(0, at).trim()] = line.slice(at + 1).trim();
  }
  return out;
}
