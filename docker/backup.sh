#!/usr/bin/env bash
# Back up the production stack of docker-compose.prod.yml: Postgres (pg_dump, custom format), Redis (an
# RDB snapshot taken with BGSAVE) and logs, into BACKUP_DIR/sei-backup-<UTC timestamp>/, then delete
# backups older than RETENTION_DAYS. The folder appears under its final name only once complete.
# Restore with docker/restore.sh <folder>.
set -euo pipefail

script_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo_dir="$(dirname "$script_dir")"
readonly script_dir repo_dir

usage() {
  cat <<EOF
Usage: $(basename "$0") [-f COMPOSE_FILE] [-e ENV_FILE] [-o BACKUP_DIR] [-r RETENTION_DAYS]

Backs up Postgres, Redis and logs of the running stack into BACKUP_DIR/sei-backup-<YYYYmmddTHHMMSSZ>/:
  postgres.dump     pg_dump --format=custom (restore with pg_restore, or docker/restore.sh)
  redis-dump.rdb    Redis RDB snapshot (BGSAVE, then copied out of the container)
  logs.tar.gz       backend log files and the last LOG_SINCE of every service's container log
  manifest.txt      what, when, from where
  SHA256SUMS        checksums, verified by docker/restore.sh
Then deletes sei-backup-* folders older than RETENTION_DAYS days.

Options (each also settable by the environment variable in brackets):
  -f FILE   compose file         [COMPOSE_FILE_PATH]  default: $repo_dir/docker-compose.prod.yml
  -e FILE   env file             [ENV_FILE]           default: $repo_dir/.env.production
  -o DIR    backup directory     [BACKUP_DIR]         default: $repo_dir/backups
  -r DAYS   retention in days    [RETENTION_DAYS]     default: 14
  -h        this help
Other environment: LOG_SINCE (default 24h), BGSAVE_TIMEOUT seconds (default 300).

Example (cron, daily at 03:17):
  17 3 * * * cd /srv/sei && docker/backup.sh -o /var/backups/sei >> /var/log/sei-backup.log 2>&1
EOF
}

log() { printf '%s backup: %s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

compose_file="${COMPOSE_FILE_PATH:-$repo_dir/docker-compose.prod.yml}"
env_file="${ENV_FILE:-$repo_dir/.env.production}"
backup_dir="${BACKUP_DIR:-$repo_dir/backups}"
retention_days="${RETENTION_DAYS:-14}"
log_since="${LOG_SINCE:-24h}"
bgsave_timeout="${BGSAVE_TIMEOUT:-300}"

while getopts ':f:e:o:r:h' opt; do
  case "$opt" in
    f) compose_file="$OPTARG" ;;
    e) env_file="$OPTARG" ;;
    o) backup_dir="$OPTARG" ;;
    r) retention_days="$OPTARG" ;;
    h) usage; exit 0 ;;
    :) usage >&2; die "option -$OPTARG needs a value" ;;
    *) usage >&2; die "unknown option -$OPTARG" ;;
  esac
done
shift $((OPTIND - 1))
[[ $# -eq 0 ]] || { usage >&2; die "unexpected argument: $1"; }

[[ "$retention_days" =~ ^[1-9][0-9]*$ ]] || die "RETENTION_DAYS must be a positive whole number, got '$retention_days'"
[[ "$bgsave_timeout" =~ ^[1-9][0-9]*$ ]] || die "BGSAVE_TIMEOUT must be a positive whole number, got '$bgsave_timeout'"
[[ -f "$compose_file" ]] || die "compose file not found: $compose_file"
[[ -f "$env_file" ]] || die "env file not found: $env_file"
command -v docker >/dev/null 2>&1 || die "docker is not installed or not on PATH"
command -v sha256sum >/dev/null 2>&1 || die "sha256sum is not installed"

compose() { docker compose --env-file "$env_file" -f "$compose_file" "$@"; }

# redis-cli inside the redis container, authenticated through REDISCLI_AUTH (never on a command line).
redis_cli() {
  # shellcheck disable=SC2016 # expanded by the shell inside the container
  compose exec -T redis sh -c 'REDISCLI_AUTH="$REDIS_PASSWORD" exec redis-cli --no-auth-warning "$@"' redis-cli "$@" | tr -d '\r'
}

mkdir -p "$backup_dir"
backup_dir="$(cd "$backup_dir" && pwd)"

# One backup at a time (cron overlapping a slow run).
exec 9>"$backup_dir/.backup.lock"
flock -n 9 || die "another backup is running (lock: $backup_dir/.backup.lock)"

timestamp="$(date -u +%Y%m%dT%H%M%SZ)"
final_dir="$backup_dir/sei-backup-$timestamp"
work_dir="$final_dir.partial"
[[ ! -e "$final_dir" ]] || die "$final_dir already exists"

cleanup() {
  local status=$?
  if [[ $status -ne 0 && -d "$work_dir" ]]; then
    rm -rf -- "$work_dir"
    log "failed (exit $status); removed the incomplete $work_dir"
  fi
}
trap cleanup EXIT
mkdir -p "$work_dir"

# ---- Postgres ----
log "dumping Postgres"
# shellcheck disable=SC2016 # expanded by the shell inside the container
compose exec -T postgres sh -c \
  'exec pg_dump -U "$POSTGRES_USER" -d "$POSTGRES_DB" --format=custom --compress=6 --no-owner --no-privileges' \
  >"$work_dir/postgres.dump"
[[ -s "$work_dir/postgres.dump" ]] || die "pg_dump produced an empty file"
# The archive must be readable by pg_restore, or it is no backup.
compose exec -T postgres pg_restore --list <"$work_dir/postgres.dump" >/dev/null \
  || die "pg_restore cannot read the dump just taken"

# ---- Redis ----
log "snapshotting Redis (BGSAVE)"
info_field() { sed -n "s/^$1://p" <<<"$2"; }
# Wait out a snapshot already running, then count: rdb_saves goes up by one per BGSAVE (Redis >= 7).
deadline=$((SECONDS + bgsave_timeout))
while :; do
  persistence="$(redis_cli INFO persistence)"
  [[ "$(info_field rdb_bgsave_in_progress "$persistence")" == 0 ]] && break
  ((SECONDS < deadline)) || die "a running BGSAVE did not finish within ${bgsave_timeout}s"
  sleep 1
done
saves_before="$(info_field rdb_saves "$persistence")"
[[ "$saves_before" =~ ^[0-9]+$ ]] || die "Redis INFO has no rdb_saves counter (Redis 7 or newer is required)"
# SCHEDULE: during an AOF rewrite the snapshot starts right after it instead of failing. "Already in
# progress" means an automatic save started after the count above, which serves just as well.
reply="$(redis_cli BGSAVE SCHEDULE)"
case "$reply" in
  *"Background saving started"* | *"Background saving scheduled"* | *"already in progress"*) ;;
  *) die "Redis refused BGSAVE: $reply" ;;
esac
while :; do
  persistence="$(redis_cli INFO persistence)"
  if (($(info_field rdb_saves "$persistence") > saves_before)) &&
    [[ "$(info_field rdb_bgsave_in_progress "$persistence")" == 0 ]]; then
    break
  fi
  ((SECONDS < deadline)) || die "BGSAVE did not finish within ${bgsave_timeout}s"
  sleep 1
done
[[ "$(info_field rdb_last_bgsave_status "$persistence")" == ok ]] ||
  die "Redis reports the BGSAVE failed (rdb_last_bgsave_status=$(info_field rdb_last_bgsave_status "$persistence"))"
compose cp redis:/data/dump.rdb "$work_dir/redis-dump.rdb"
[[ "$(head -c 5 "$work_dir/redis-dump.rdb")" == "REDIS" ]] || die "the copied dump.rdb is not an RDB file"

# ---- Logs (best effort: a backup without logs is still a backup) ----
log "collecting logs"
mkdir -p "$work_dir/logs/backend"
# shellcheck disable=SC2016 # expanded by the shell inside the container
if ! compose exec -T backend sh -c 'cd "${LOG_DIR:-/app/logs}" && tar -cf - .' | tar -xf - -C "$work_dir/logs/backend"; then
  log "WARNING: could not copy the backend's log files (is the backend running?)"
fi
if ! compose logs --no-color --timestamps --since "$log_since" >"$work_dir/logs/containers.log" 2>&1; then
  log "WARNING: could not collect container logs"
fi
tar -czf "$work_dir/logs.tar.gz" -C "$work_dir" logs
rm -rf -- "$work_dir/logs"

# ---- Manifest and checksums ----
{
  echo "created_utc=$timestamp"
  echo "host=$(hostname)"
  echo "compose_file=$compose_file"
  echo "git_commit=$(git -C "$repo_dir" rev-parse HEAD 2>/dev/null || echo unknown)"
  echo "redis_rdb_saves=$(info_field rdb_saves "$persistence")"
  echo "files=postgres.dump redis-dump.rdb logs.tar.gz"
} >"$work_dir/manifest.txt"
(cd "$work_dir" && sha256sum postgres.dump redis-dump.rdb logs.tar.gz manifest.txt >SHA256SUMS)

mv -- "$work_dir" "$final_dir"
log "backup complete: $final_dir ($(du -sh "$final_dir" | cut -f1))"

# ---- Retention ----
retention_minutes=$((retention_days * 24 * 60))
while IFS= read -r -d '' old; do
  log "retention: deleting $old (older than $retention_days days)"
  rm -rf -- "$old"
done < <(find "$backup_dir" -mindepth 1 -maxdepth 1 -type d \
  -name 'sei-backup-[0-9]*T[0-9]*Z' -mmin +"$retention_minutes" -print0)
# Leftovers of runs that died hard (kill -9, power loss) after a day.
while IFS= read -r -d '' stale; do
  log "removing stale incomplete backup $stale"
  rm -rf -- "$stale"
done < <(find "$backup_dir" -mindepth 1 -maxdepth 1 -type d -name 'sei-backup-*.partial' -mmin +1440 -print0)

# The one line on stdout: the new backup's folder, for scripts.
echo "$final_dir"
