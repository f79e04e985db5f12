// The peers the certificate tests check against, in test/helpers/peers.ts's shape (skip locally
// with a reason, required under CI=true): OpenSSL's command line, curl, python3's ssl module and
// pyca/cryptography, whose DER parser is strict.
import { spawnSync } from 'node:child_process';
import type { Peer } from '../../helpers/peers.js';

function works(cmd: string, args: string[]): boolean {
  return spawnSync(cmd, args, { stdio: 'ignore', timeout: 60_000 }).status === 0;
}

const cache = new Map<string, Peer>();
function probe(name: string, check: () => boolean, reason: string): Peer {
  let peer = cache.get(name);
  if (!peer) {
    peer = { name, available: check(), reason };
    cache.set(name, peer);
  }
  return peer;
}

export const openssl = () => probe('openssl', () => works('openssl', ['version']), 'the openssl command (Debian package openssl) is not installed');
export const curl = () => probe('curl', () => works('curl', ['--version']), 'curl (Debian package curl) is not installed');
export const pythonSsl = () => probe('python3-ssl', () => works('python3', ['-c', 'import ssl']), 'python3 with its ssl module is not installed');
export const pythonCryptography = () =>
  probe(
    'python3-cryptography',
    () => works('python3', ['-c', 'import cryptography.x509']),
    'python3 cannot import cryptography (pip install cryptography, or Debian package python3-cryptography)',
  );
