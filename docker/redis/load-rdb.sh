#!/bin/sh
# Loads an RDB snapshot into a STOPPED Redis's data directory so that it survives the next normal start
# with "appendonly yes". Used by docker/restore.sh inside a one-off container of the redis service
# (busybox sh, POSIX only).
#
# Why not just copy dump.rdb into /data: with appendonly yes, Redis loads only the AOF at start and
# ignores dump.rdb; with no AOF present it starts EMPTY and later overwrites dump.rdb. So this script
# follows Redis' documented switch to AOF: start on the RDB with appendonly off (private Unix socket, no
# TCP), CONFIG SET appendonly yes (which rewrites a fresh AOF from the loaded data), wait for the
# rewrite, shut down. The next normal start then loads that AOF.
#
# Usage: load-rdb.sh RDB_FILE
# Environment: REDIS_DATA_DIR (default /data), REDIS_CONF (default /usr/local/etc/redis/redis.conf),
#              LOAD_TIMEOUT seconds (default 300).
# Prints "keys=<n>" (the number of keys loaded) on its last line.
set -eu

usage() {
  echo "Usage: $0 RDB_FILE   (see the comments at the top of this file)" >&2
  exit 2
}
log() { echo "load-rdb: $*" >&2; }
die() {
  log "ERROR: $*"
  exit 1
}

[ $# -eq 1 ] || usage
rdb=$1
data_dir=${REDIS_DATA_DIR:-/data}
conf=${REDIS_CONF:-/usr/local/etc/redis/redis.conf}
timeout=${LOAD_TIMEOUT:-300}

[ -f "$rdb" ] || die "no such RDB file: $rdb"
[ "$(head -c 5 "$rdb")" = "REDIS" ] || die "$rdb is not an RDB file"
[ -d "$data_dir" ] || die "no such data directory: $data_dir"
[ -f "$conf" ] || die "no such config file: $conf"

work=$(mktemp -d)
sock="$work/redis.sock"
pid=""
cli() { redis-cli -s "$sock" "$@" | tr -d '\r'; }
field() { cli INFO persistence | sed -n "s/^$1://p"; }
cleanup() {
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

log "replacing the data in $data_dir with $rdb"
rm -rf "$data_dir/appendonlydir" "$data_dir/appendonly.aof" "$data_dir/dump.rdb"
cp "$rdb" "$data_dir/dump.rdb"

# A child of this shell, not a daemon, so that "wait" reaps it (this shell may be PID 1 in a container).
redis-server "$conf" --dir "$data_dir" --dbfilename dump.rdb --appendonly no \
  --port 0 --unixsocket "$sock" --unixsocketperm 700 \
  --daemonize no --logfile "$work/redis.log" &
pid=$!

waited=0
until [ "$(cli PING 2>/dev/null)" = "PONG" ]; do
  kill -0 "$pid" 2>/dev/null || die "Redis exited while loading the snapshot: $(tail -n 5 "$work/redis.log")"
  [ "$waited" -lt "$timeout" ] || die "Redis did not load the snapshot within ${timeout}s: $(tail -n 5 "$work/redis.log")"
  sleep 1
  waited=$((waited + 1))
done
keys=$(cli DBSIZE)
log "loaded $keys keys; writing a fresh append-only file"

[ "$(cli CONFIG SET appendonly yes)" = "OK" ] || die "CONFIG SET appendonly yes failed"
until [ "$(field aof_rewrite_in_progress)" = 0 ] && [ "$(field aof_rewrite_scheduled)" = 0 ] &&
  [ -f "$data_dir/appendonlydir/appendonly.aof.manifest" ]; do
  [ "$waited" -lt "$timeout" ] || die "the AOF rewrite did not finish within ${timeout}s"
  sleep 1
  waited=$((waited + 1))
done
[ "$(field aof_last_bgrewrite_status)" = ok ] || die "the AOF rewrite failed: $(tail -n 5 "$work/redis.log")"

cli SHUTDOWN >/dev/null 2>&1 || true
wait "$pid" || true
pid=""

# Inside the container this runs as root; the redis image runs the server as "redis".
if [ "$(id -u)" = 0 ] && id redis >/dev/null 2>&1; then
  chown -R redis:redis "$data_dir"
fi
echo "keys=$keys"
