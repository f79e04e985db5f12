// Real peers nobody here wrote (AWS CLI v2, botocore, boto3, moto, radosgw, shells).
// A missing peer skips its tests with a printed reason locally, but fails under CI=true,
// where .ci/run has installed it — unless the peer cannot be installed here at all.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export const inCI = process.env.CI === 'true' || process.env.CI === '1';

export interface Peer {
  name: string;
  available: boolean;
  reason: string;
}

function works(cmd: string, args: string[]): boolean {
  const r = spawnSync(cmd, args, { stdio: 'ignore', timeout: 60_000 });
  return r.status === 0;
}

function pythonCan(module: string): boolean {
  return works('python3', ['-c', `import ${module}`]);
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

/** AWS CLI v2 from Debian's `awscli` package: /usr/bin/aws (the `aws` on PATH may be v1). */
export const AWS_CLI_V2 = '/usr/bin/aws';
export const awsCliV2 = () =>
  probe(
    'aws-cli-v2',
    () => existsSync(AWS_CLI_V2) && /aws-cli\/2\./.test(execFileSync(AWS_CLI_V2, ['--version'], { encoding: 'utf8' })),
    'AWS CLI v2 (/usr/bin/aws, Debian package awscli) is not installed',
  );
export const botocore = () => probe('botocore', () => pythonCan('botocore.auth'), 'python3 cannot import botocore');
export const boto3 = () => probe('boto3', () => pythonCan('boto3'), 'python3 cannot import boto3');
export const motoServer = () =>
  probe('moto', () => pythonCan('moto.server'), 'moto is not installed (python3 -m pip show moto); it is not in Debian, so it cannot be installed here');
export const shell = (name: 'bash' | 'zsh' | 'fish') => probe(name, () => works(name, ['-c', 'true']), `${name} is not installed`);
export const radosgw = () =>
  probe(
    'radosgw',
    () => ['radosgw', 'ceph-mon', 'ceph-osd', 'ceph-authtool', 'monmaptool', 'radosgw-admin'].every((b) => works('which', [b])),
    'Ceph (Debian packages ceph-mon ceph-osd ceph-common radosgw) is not installed',
  );
/** HAProxy from Debian's `haproxy` package, for the load-balancer test (SPEC §10 "Beyond one machine"). */
export const HAPROXY = '/usr/sbin/haproxy';
export const haproxy = () => probe('haproxy', () => works(HAPROXY, ['-v']), `HAProxy (${HAPROXY}, Debian package haproxy) is not installed`);
export const pyyaml = () => probe('python3-yaml', () => pythonCan('yaml'), 'python3 cannot import yaml (Debian package python3-yaml)');

// The certificate tests' peers: OpenSSL's command line, curl, python3's ssl module and
// pyca/cryptography, whose DER parser is strict.
export const openssl = () => probe('openssl', () => works('openssl', ['version']), 'the openssl command (Debian package openssl) is not installed');
export const curl = () => probe('curl', () => works('curl', ['--version']), 'curl (Debian package curl) is not installed');
export const pythonSsl = () => probe('python3-ssl', () => pythonCan('ssl'), 'python3 with its ssl module is not installed');
export const pythonCryptography = () =>
  probe(
    'python3-cryptography',
    () => pythonCan('cryptography.x509'),
    'python3 cannot import cryptography (pip install cryptography, or Debian package python3-cryptography)',
  );

/** Peers that cannot be installed by .ci/run on this machine kind: still skipped under CI. */
const notInstallable = new Set(['moto']);

/**
 * Call at the top of a describe block: returns true when the tests should be skipped (and says why).
 * Under CI=true a missing installable peer is a failure, not a skip.
 */
export function skipWithout(peer: Peer): boolean {
  if (peer.available) return false;
  if (inCI && !notInstallable.has(peer.name)) {
    throw new Error(`${peer.reason}; CI must install it (.ci/run → scripts/install-test-peers.sh).`);
  }
  console.warn(`[skip] ${peer.reason}`);
  return true;
}
