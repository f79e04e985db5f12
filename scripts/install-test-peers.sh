#!/usr/bin/env bash
# Installs the real peers the test suite drives (Debian packages), when missing and when we can.
# Locally without root the tests that need them skip with a reason; under CI=true they must run.
set -euo pipefail
want=(awscli zsh fish tmux haproxy chromium openssl curl ceph-mon ceph-osd ceph-common radosgw)
missing=()
for pkg in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
done
if [ ${#missing[@]} -eq 0 ]; then exit 0; fi
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
  echo "install-test-peers: cannot install ${missing[*]} (need root and apt-get); tests that need them will skip" >&2
  exit 0
fi
echo "install-test-peers: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
