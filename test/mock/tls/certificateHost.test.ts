import { describe, expect, it } from 'vitest';
import { parseCertificateHost } from '../../../src/mock/tls/certificateHost.js';

function ip(input: string): string {
  const check = parseCertificateHost(input);
  if (!check.ok || check.host.kind !== 'ip') throw new Error(`${input} is not an IP here`);
  return check.host.bytes.toString('hex');
}

describe('parseCertificateHost', () => {
  it('IPv4 literals become 4 octets', () => {
    expect(ip('127.0.0.1')).toBe('7f000001');
    expect(ip('0.0.0.0')).toBe('00000000');
    expect(ip('255.255.255.255')).toBe('ffffffff');
  });

  it('IPv6 literals become 16 octets, with or without brackets, zones dropped', () => {
    expect(ip('::1')).toBe(`${'0'.repeat(30)}01`);
    expect(ip('[::1]')).toBe(`${'0'.repeat(30)}01`);
    expect(ip('::')).toBe('0'.repeat(32));
    expect(ip('2001:db8::8:800:200c:417a')).toBe('20010db80000000000080800200c417a');
    expect(ip('FE80::1%eth0')).toBe('fe800000000000000000000000000001');
    expect(ip('::ffff:192.0.2.1')).toBe('00000000000000000000ffffc0000201');
    expect(ip('1:2:3:4:5:6:7:8')).toBe('00010002000300040005000600070008');
    expect(ip('1:2:3:4:5:6:1.2.3.4')).toBe('00010002000300040005000601020304');
    expect(ip('1::')).toBe('00010000000000000000000000000000');
  });

  it('names become lower-case dNSNames; internationalized ones their A-labels', () => {
    for (const [input, name] of [
      ['localhost', 'localhost'],
      ['LocalHost.', 'localhost'],
      ['sts.example.test', 'sts.example.test'],
      ['sts_mock', 'sts_mock'],
      ['*.example.test', '*.example.test'],
      ['bücher.example', 'xn--bcher-kva.example'],
    ]) {
      expect(parseCertificateHost(input!)).toEqual({ ok: true, host: { kind: 'dns', name } });
    }
  });

  it('anything else is refused with a sentence naming it', () => {
    for (const bad of [
      '',
      ' ',
      'a..b',
      '-a.test',
      'a-.test',
      'ex ample',
      'a/b',
      'x:y',
      '1.2.3',
      '0x7f.1',
      '127.1',
      '*',
      'a.*.test',
      '256.0.0.1',
      'fe80::1%',
      `${'a'.repeat(64)}.test`,
      `${'a.'.repeat(127)}ab`,
    ]) {
      const check = parseCertificateHost(bad);
      expect(check.ok, bad).toBe(false);
      if (!check.ok) expect(check.problem).toContain(`"${bad}" is neither an IP address nor a DNS name`);
    }
  });
});
