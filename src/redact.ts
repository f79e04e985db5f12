// Masks secrets in text bound for a terminal or a log: the single place that knows what a
// secret looks like here. Used by the CLI's --debug trace and error output, and by the mock's logs.
import { uriDecode } from './sigv4/uri.js';

const MASK = '****';

/** `****` plus the last four characters, as aws-vault shows keys; short values are masked whole. */
export function mask(value: string): string {
  return value.length > 12 ? `${MASK}${value.slice(-4)}` : MASK;
}

// Names whose values are secret wherever they appear: form fields, query parameters, headers, XML, JSON, INI.
const SECRET_NAMES = [
  'SecretAccessKey',
  'SessionToken',
  'WebIdentityToken',
  'TokenCode',
  'X-Amz-Signature',
  'X-Amz-Security-Token',
  'X-SDS-AUTH-TOKEN',
  'aws_secret_access_key',
  'aws_session_token',
  'aws_security_token',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'ECS_AUTH_TOKEN',
  'client_secret',
  'access_token',
  'id_token',
];
const names = SECRET_NAMES.map((n) => n.replace(/[-]/g, '\\-')).join('|');

const patterns: Array<[RegExp, (m: string, ...groups: string[]) => string]> = [
  // XML elements: <SecretAccessKey>…</SecretAccessKey>, with or without a namespace prefix.
  [new RegExp(`(<(?:\\w+:)?(${names})>)([^<]*)(</)`, 'gi'), (_m, open, _n, value, close) => `${open}${mask(value!)}${close}`],
  // form / query: Name=value
  [new RegExp(`(^|[?&\\s])(${names})=([^&\\s]*)`, 'gi'), (_m, lead, name, value) => `${lead}${name}=${mask(uriDecode(value!))}`],
  // headers, INI and shell: Name: value / name = value / export NAME='value'
  [
    new RegExp(`((?:^|\\n|\\s)(${names})\\s*[:=]\\s*)('[^']*'|"[^"]*"|[^\\s,;]+)`, 'gi'),
    (_m, lead, _n, value) => `${lead}${mask(value!.replace(/^['"]|['"]$/g, ''))}`,
  ],
  // JSON: "Name": "value"
  [new RegExp(`("(${names})"\\s*:\\s*")([^"]*)(")`, 'gi'), (_m, lead, _n, value, close) => `${lead}${mask(value!)}${close}`],
  // The Signature= part of an Authorization header.
  [/(Signature=)([0-9a-f]{16,})/gi, (_m, lead) => `${lead}${MASK}`],
  // Anything shaped like a JWT.
  [/\beyJ[\w-]{4,}\.[\w-]{4,}\.[\w-]*/g, () => `${MASK}jwt`],
];

// Every pattern above needs one of these: text without them (most log lines) skips the six passes.
const mayHoldSecret = new RegExp(`${names}|Signature=|eyJ`, 'i');

const MIN_VERBATIM_SECRET = 8;

/** Returns `text` with every secret it recognises masked. Also masks each of `known` verbatim. */
export function redact(text: string, known: readonly string[] = []): string {
  let out = text;
  for (const secret of known) {
    // Shorter values (the mock's public default secret "test", say) would mask ordinary words such
    // as paths; they are still masked wherever they appear under their own name.
    if (secret && secret.length >= MIN_VERBATIM_SECRET) out = out.split(secret).join(mask(secret));
  }
  if (!mayHoldSecret.test(out)) return out;
  for (const [pattern, replace] of patterns) out = out.replace(pattern, replace as (m: string, ...g: string[]) => string);
  return out;
}
