// What a host becomes in a certificate's subjectAltName: an iPAddress (4 or 16 octets) for an IP
// literal, a dNSName for a name. Returns a result instead of throwing, so the CLI can turn a bad
// `--host` into its own usage error.
import { isIPv4, isIPv6 } from 'node:net';
import { domainToASCII } from 'node:url';

export type CertificateHost = { kind: 'ip'; address: string; bytes: Buffer } | { kind: 'dns'; name: string };
export type CertificateHostCheck = { ok: true; host: CertificateHost } | { ok: false; problem: string };

const MAX_DNS_NAME_LENGTH = 253;
// Letters, digits, hyphens inside, underscores (container and compose service names have them);
// an optional leading `*.` label; the last label not all digits (that would be an IPv4 number).
const LABEL = '[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?';
const DNS_NAME = new RegExp(`^(?:\\*\\.)?(?:${LABEL}\\.)*${LABEL}$`);

function ipv4Bytes(address: string): Buffer {
  return Buffer.from(address.split('.').map(Number));
}

// `net.isIPv6` has already accepted the text: groups of hex, at most one `::`, maybe a dotted tail.
function ipv6Bytes(address: string): Buffer {
  const groupsOf = (part: string): number[] => {
    if (part === '') return [];
    const out: number[] = [];
    for (const group of part.split(':')) {
      if (group.includes('.')) {
        const [a, b, c, d] = ipv4Bytes(group);
        out.push((a! << 8) | b!, (c! << 8) | d!);
      } else {
        out.push(Number.parseInt(group, 16));
      }
    }
    return out;
  };
  const [head = '', tail] = address.split('::');
  const before = groupsOf(head);
  const after = tail === undefined ? [] : groupsOf(tail);
  const groups = [...before, ...new Array<number>(8 - before.length - after.length).fill(0), ...after];
  const bytes = Buffer.alloc(16);
  for (let i = 0; i < 8; i++) bytes.writeUInt16BE(groups[i]!, i * 2);
  return bytes;
}

/** How `input` (an IP literal, `[IPv6]`, or a DNS name) goes into a certificate, or why it cannot. */
export function parseCertificateHost(input: string): CertificateHostCheck {
  let text = input.trim();
  if (text.startsWith('[') && text.endsWith(']')) text = text.slice(1, -1);
  // A zone (fe80::1%eth0) names the local interface; the certificate holds the address alone.
  const zoned = /^([^%]*)%[\w.-]+$/.exec(text);
  const unzoned = zoned ? zoned[1]! : text;
  if (!zoned && isIPv4(text)) return { ok: true, host: { kind: 'ip', address: text, bytes: ipv4Bytes(text) } };
  if (isIPv6(unzoned)) return { ok: true, host: { kind: 'ip', address: unzoned.toLowerCase(), bytes: ipv6Bytes(unzoned) } };
  let name = text.toLowerCase().replace(/\.$/, '');
  // Internationalized names go in as their A-labels (RFC 5280 §7.2); plain ASCII is checked as is,
  // since WHATWG host parsing would quietly turn `0x7f.1` into 127.0.0.1.
  if (/[^\x00-\x7f]/.test(name)) name = domainToASCII(name);
  if (name === '' || name.length > MAX_DNS_NAME_LENGTH || !DNS_NAME.test(name) || /(?:^|\.)\d+$/.test(name)) {
    return { ok: false, problem: `"${input}" is neither an IP address nor a DNS name a certificate can hold.` };
  }
  return { ok: true, host: { kind: 'dns', name } };
}
