// Masks secrets in text bound for a terminal or a log: the single place that knows what a
// secret looks like here. Used by the CLI's --debug trace and error output, and by the mock's logs.
import { uriDecode } from './sigv4/uri.js';

const MASK = '****';

// What mask() returns: masking it again leaves it as it is.
const MASKED = /^\*{4}[^*]{0,4}$/;

/** `****` plus the last four characters, as aws-vault shows keys; short values are masked whole. */
export function mask(value: string): string {
  if (MASKED.test(value)) return value;
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

// XML elements in any spelling an XML reader accepts (SPEC §11): a namespace prefix, attributes
// (xmlns=""), spaces or line breaks inside the tag, CDATA, comments or child elements in the value.
// The attributes are bounded so that a flood of unclosed tags cannot make the scan quadratic.
const XML_OPEN = new RegExp(`<(?:[\\w.-]+:)?(?:${names})(?:\\s[^<>]{0,1024})?>`, 'gi');
const XML_CLOSE = new RegExp(`</(?:[\\w.-]+:)?(?:${names})\\s*>`, 'gi');
// The value of an element that is never closed: text, CDATA and comments, up to the next tag.
const UNCLOSED_VALUE = /(?:<!\[CDATA\[[\s\S]*?(?:\]\]>|$)|<!--[\s\S]*?(?:-->|$)|[^<])*/y;
const MARKUP = /<!\[CDATA\[|\]\]>|<!--[\s\S]*?(?:-->|$)|<[^>]*>/g;

/** Masks everything between a secret element's start tag and the next secret end tag (or, unclosed, up to the next tag). */
function maskXmlElements(text: string): string {
  let out = '';
  let copied = 0;
  // Once no end tag follows a position, none follows any later one: each is searched for once.
  let closeless = Number.POSITIVE_INFINITY;
  XML_OPEN.lastIndex = 0;
  for (let open = XML_OPEN.exec(text); open; open = XML_OPEN.exec(text)) {
    const start = open.index + open[0].length;
    let close: RegExpExecArray | null = null;
    if (start < closeless) {
      XML_CLOSE.lastIndex = start;
      close = XML_CLOSE.exec(text);
      if (!close) closeless = start;
    }
    let end: number;
    if (close) {
      end = close.index;
      XML_OPEN.lastIndex = end + close[0].length;
    } else {
      UNCLOSED_VALUE.lastIndex = start;
      UNCLOSED_VALUE.exec(text);
      end = UNCLOSED_VALUE.lastIndex;
      XML_OPEN.lastIndex = Math.max(end, start);
    }
    out += `${text.slice(copied, start)}${mask(text.slice(start, end).replace(MARKUP, '').trim())}`;
    copied = end;
  }
  return copied === 0 ? text : out + text.slice(copied);
}

// scheme://userinfo@host: the run after `//` up to the path, and its last `@`. The scheme is
// bounded so that a long word cannot make the scan quadratic.
const URL_AUTHORITY = /\b([a-z][a-z0-9+.-]{0,15}:\/\/)([^\s/?#"'<>\\]*)/gi;

/** URLs lose their user name and password (SPEC §11): `http://****@host`. */
export function maskUrlUserinfo(text: string): string {
  if (!text.includes('://')) return text;
  return text.replace(URL_AUTHORITY, (whole, scheme: string, authority: string) => {
    const at = authority.lastIndexOf('@');
    return at < 0 ? whole : `${scheme}${MASK}${authority.slice(at)}`;
  });
}

const patterns: Array<[RegExp, (m: string, ...groups: string[]) => string]> = [
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

// Every pattern above needs one of these: text without them (most log lines) skips the passes.
const mayHoldSecret = new RegExp(`${names}|Signature=|eyJ`, 'i');

const MIN_VERBATIM_SECRET = 8;

/**
 * Returns `text` with every secret it recognises masked: each of `known` verbatim wherever it
 * appears, secret elements, fields, headers and variables in any spelling, and the userinfo of URLs.
 */
export function redact(text: string, known: readonly string[] = []): string {
  let out = text;
  for (const secret of known) {
    // Shorter values (the mock's public default secret "test", say) would mask ordinary words such
    // as paths; they are still masked wherever they appear under their own name.
    if (secret && secret.length >= MIN_VERBATIM_SECRET) out = out.split(secret).join(mask(secret));
  }
  out = maskUrlUserinfo(out);
  if (!mayHoldSecret.test(out)) return out;
  out = maskXmlElements(out);
  for (const [pattern, replace] of patterns) out = out.replace(pattern, replace as (m: string, ...g: string[]) => string);
  return out;
}
