#!/usr/bin/env bash
# A throw-away single-node Ceph cluster with a radosgw STS endpoint, on 127.0.0.1 only.
#
#   ceph-rgw.sh start DIR   starts mon + OSD (memstore) + radosgw in DIR, creates a user and two roles,
#                           prints ONE JSON line on stdout:
#                           {"endpoint","accessKeyId","secretAccessKey","roleArn","pathRoleArn","userArn","startupSeconds"}
#   ceph-rgw.sh stop DIR    kills every daemon started in DIR (TERM, then KILL) and removes DIR
#
# Env: CEPH_RGW_WATCH_PID=PID  stop the cluster by itself when that process dies (no stray daemons
#      when a test runner is killed). CEPH_RGW_TIMEOUT=seconds (default 120) bounds the start-up.
# Facts behind the settings: /work/shared/ceph/README.md. Needs ceph-mon ceph-osd ceph-common radosgw, python3.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
UID_NAME=sts-tester
ACCESS_KEY=STSCLITESTACCESSKEY1
SECRET_KEY=sts-cli-test-secret-key-0123456789abcdef
ROLE_NAME=S3Access
PATH_ROLE_PATH=/app/
PATH_ROLE_NAME=S3AccessLong

die() { echo "ceph-rgw: $*" >&2; exit 1; }
usage() { echo "usage: $0 start|stop DIR" >&2; exit 2; }

now_s() { date +%s.%N; }

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# --- stop -----------------------------------------------------------------------------------------
stop_cluster() {
  local dir=$1 pidfile pid
  [ -d "$dir" ] || return 0
  [ -f "$dir/ceph.conf" ] || [ -d "$dir/pids" ] || die "refusing to remove $dir: it is not a ceph-rgw.sh folder"
  local pids=()
  for pidfile in "$dir"/pids/*.pid; do
    [ -f "$pidfile" ] || continue
    pid=$(cat "$pidfile")
    [[ "$pid" =~ ^[0-9]+$ ]] && [ "$pid" != "$PPID" ] && kill -0 "$pid" 2>/dev/null && pids+=("$pid")
  done
  if [ ${#pids[@]} -gt 0 ]; then
    kill -TERM "${pids[@]}" 2>/dev/null || true
    for _ in $(seq 1 30); do   # 3 s of grace: the data is thrown away anyway
      local alive=()
      for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && alive+=("$pid"); done
      [ ${#alive[@]} -eq 0 ] && break
      sleep 0.1
    done
    for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null || true; done
    for pid in "${pids[@]}"; do while kill -0 "$pid" 2>/dev/null; do sleep 0.05; done; done
  fi
  rm -rf "$dir"
}

# --- start ----------------------------------------------------------------------------------------
# Runs a daemon in the foreground (-f) as a background job of this script; its PID goes to DIR/pids.
spawn() {
  local name=$1; shift
  # setsid: the daemon is not in the caller's process group, so a ^C there does not half-kill the cluster;
  # stop (or the watchdog) ends it by PID. Its stdio goes to files so the caller's pipe closes.
  setsid "$@" </dev/null >"$DIR/log/$name.out" 2>&1 &
  echo $! >"$DIR/pids/$name.pid"
  disown $!
}

alive_or_die() {
  local name pidfile
  for pidfile in "$DIR"/pids/*.pid; do
    name=$(basename "$pidfile" .pid)
    [ "$name" = watchdog ] && continue
    if ! kill -0 "$(cat "$pidfile")" 2>/dev/null; then
      echo "ceph-rgw: $name exited during start-up; last lines of its logs:" >&2
      tail -n 20 "$DIR/log/$name.out" "$DIR/log/$name.log" >&2 2>/dev/null || true
      return 1
    fi
  done
}

start_cluster() {
  local t0; t0=$(now_s)
  local deadline=$(( $(date +%s) + ${CEPH_RGW_TIMEOUT:-120} ))
  for bin in ceph-mon ceph-osd radosgw radosgw-admin ceph-authtool monmaptool ceph python3; do
    command -v "$bin" >/dev/null || die "$bin not found (install ceph-mon ceph-osd ceph-common radosgw)"
  done
  mkdir -p "$DIR"
  [ -z "$(ls -A "$DIR")" ] || die "$DIR is not empty"
  DIR=$(cd "$DIR" && pwd)
  mkdir -p "$DIR"/{pids,log,run,mon/ceph-a,osd/ceph-0,rgw}
  # From here on, any failure tears the half-started cluster down.
  trap 'rc=$?; if [ $rc -ne 0 ]; then stop_cluster "$DIR"; fi' EXIT
  trap 'exit 130' INT TERM HUP

  local fsid mon_port rgw_port sts_key
  fsid=$(cat /proc/sys/kernel/random/uuid)
  mon_port=$(free_port)
  rgw_port=$(free_port)
  while [ "$rgw_port" = "$mon_port" ]; do rgw_port=$(free_port); done
  sts_key=$(head -c 64 /dev/urandom | od -An -tx1 | tr -d ' \n' | cut -c1-16)   # exactly 16 characters

  cat >"$DIR/ceph.conf" <<EOF
[global]
fsid = $fsid
mon_host = [v2:127.0.0.1:$mon_port]
public_addr = 127.0.0.1
cluster_addr = 127.0.0.1
ms_bind_msgr1 = false
ms_bind_ipv6 = false
auth_cluster_required = cephx
auth_service_required = cephx
auth_client_required = cephx
keyring = $DIR/keyring
run_dir = $DIR/run
admin_socket = $DIR/run/\$name.asok
log_file = $DIR/log/\$name.log
pid_file = $DIR/run/\$name.pid
log_to_stderr = false
err_to_stderr = true
osd_pool_default_size = 1
osd_pool_default_min_size = 1
mon_allow_pool_size_one = true
mon_warn_on_pool_no_redundancy = false
osd_pool_default_pg_num = 8
osd_pool_default_pgp_num = 8
osd_pool_default_pg_autoscale_mode = off
osd_crush_chooseleaf_type = 0
mon_data_avail_crit = 0
mon_data_avail_warn = 0
paxos_propose_interval = 0.05
paxos_min_wait = 0.01

[mon]
mon_data = $DIR/mon/ceph-\$id

[osd]
osd_data = $DIR/osd/ceph-\$id
osd_objectstore = memstore
memstore_device_bytes = 536870912
osd_op_num_shards = 1
osd_op_num_threads_per_shard = 2

[client]
rgw_data = $DIR/rgw
rgw_frontends = beast endpoint=127.0.0.1:$rgw_port
rgw_thread_pool_size = 16
rgw_s3_auth_use_sts = true
rgw_sts_key = $sts_key
EOF
  export CEPH_CONF="$DIR/ceph.conf"

  # cephx: one keyring holds mon., client.admin, osd.0 and the gateway; the mon is seeded with it.
  local kr="$DIR/keyring"
  ceph-authtool --create-keyring "$kr" --gen-key -n mon. --cap mon 'allow *' >/dev/null
  ceph-authtool "$kr" --gen-key -n client.admin --cap mon 'allow *' --cap osd 'allow *' --cap mgr 'allow *' >/dev/null
  ceph-authtool "$kr" --gen-key -n osd.0 --cap mon 'allow profile osd' --cap osd 'allow *' --cap mgr 'allow profile osd' >/dev/null
  ceph-authtool "$kr" --gen-key -n client.rgw.gw --cap mon 'allow rw' --cap osd 'allow rwx' >/dev/null
  chmod 600 "$kr"

  monmaptool --create --fsid "$fsid" --addv a "[v2:127.0.0.1:$mon_port]" "$DIR/monmap" >/dev/null
  ceph-mon --mkfs -i a --monmap "$DIR/monmap" --keyring "$kr" >"$DIR/log/mon-mkfs.out" 2>&1 ||
    { cat "$DIR/log/mon-mkfs.out" >&2; die "ceph-mon --mkfs failed"; }
  spawn mon ceph-mon -f -i a

  # Register osd.0 (its key is already known to the mon) and make its store.
  local osd_uuid; osd_uuid=$(cat /proc/sys/kernel/random/uuid)
  local id
  id=$(timeout 60 ceph --connect-timeout 50 osd new "$osd_uuid" 0 2>"$DIR/log/osd-new.out") ||
    { alive_or_die || true; cat "$DIR/log/osd-new.out" >&2; die "ceph osd new failed"; }
  [ "$id" = 0 ] || die "expected osd id 0, got '$id'"
  ceph-authtool "$DIR/osd/ceph-0/keyring" --create-keyring -n osd.0 \
    --add-key "$(ceph-authtool "$kr" -n osd.0 -p)" >/dev/null
  ceph-osd --mkfs -i 0 --osd-uuid "$osd_uuid" >"$DIR/log/osd-mkfs.out" 2>&1 ||
    { cat "$DIR/log/osd-mkfs.out" >&2; die "ceph-osd --mkfs failed"; }
  spawn osd ceph-osd -f -i 0

  spawn rgw radosgw -f -n client.rgw.gw

  if [ -n "${CEPH_RGW_WATCH_PID:-}" ]; then
    # Ends the cluster when the test runner dies without calling stop.
    setsid bash -c 'while kill -0 "$1" 2>/dev/null && [ -d "$2" ]; do sleep 1; done; [ -d "$2" ] && "$3" stop "$2"' \
      watchdog "$CEPH_RGW_WATCH_PID" "$DIR" "$HERE/ceph-rgw.sh" </dev/null >/dev/null 2>&1 &
    echo $! >"$DIR/pids/watchdog.pid"
  fi

  # The gateway answers once its pools exist and the OSD serves them.
  local endpoint="http://127.0.0.1:$rgw_port"
  until python3 - "$endpoint" <<'EOF' 2>/dev/null
import sys, urllib.request, urllib.error
try:
    urllib.request.urlopen(sys.argv[1] + '/', timeout=2)
except urllib.error.HTTPError:
    pass
EOF
  do
    alive_or_die || die "start-up failed"
    [ "$(date +%s)" -lt "$deadline" ] || { alive_or_die || true; tail -n 20 "$DIR/log/client.rgw.gw.log" >&2 || true; die "radosgw did not answer within ${CEPH_RGW_TIMEOUT:-120}s"; }
    sleep 0.2
  done

  radosgw-admin user create --uid "$UID_NAME" --display-name "sts-cli tests" \
    --access-key "$ACCESS_KEY" --secret-key "$SECRET_KEY" >"$DIR/log/user-create.out" 2>&1 ||
    { cat "$DIR/log/user-create.out" >&2; die "radosgw-admin user create failed"; }
  radosgw-admin caps add --uid "$UID_NAME" --caps 'roles=*;user-policy=*' >"$DIR/log/caps-add.out" 2>&1 ||
    { cat "$DIR/log/caps-add.out" >&2; die "radosgw-admin caps add failed"; }

  local roles
  roles=$(python3 "$HERE/ceph-iam.py" "$endpoint" "$ACCESS_KEY" "$SECRET_KEY" "$UID_NAME" \
    "$ROLE_NAME" "$PATH_ROLE_PATH" "$PATH_ROLE_NAME") || die "IAM set-up failed"

  local t1; t1=$(now_s)
  python3 - "$roles" "$endpoint" "$ACCESS_KEY" "$SECRET_KEY" "arn:aws:iam:::user/$UID_NAME" "$t0" "$t1" <<'EOF'
import json, sys
roles, endpoint, ak, sk, user_arn, t0, t1 = sys.argv[1:8]
out = {'endpoint': endpoint, 'accessKeyId': ak, 'secretAccessKey': sk, **json.loads(roles),
       'userArn': user_arn, 'startupSeconds': round(float(t1) - float(t0), 2)}
print(json.dumps({k: out[k] for k in ['endpoint', 'accessKeyId', 'secretAccessKey', 'roleArn', 'pathRoleArn', 'userArn', 'startupSeconds']}))
EOF
  trap - EXIT INT TERM HUP
}

[ $# -eq 2 ] || usage
DIR=$2
case "$1" in
  start) start_cluster ;;
  stop) stop_cluster "$DIR" ;;
  *) usage ;;
esac
