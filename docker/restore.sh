#!/usr/bin/env bash
# Restore a folder made by docker/backup.sh into the stack of docker-compose.prod.yml: Postgres from
# postgres.dump, Redis from redis-dump.rdb. Checksums are verified first. The backend is stopped for the
# duration and started again at the end.
#
# Postgres: the dump is restored into a NEW database in one transaction; only when that succeeded is the
# current database renamed to <db>_pre_restore_<timestamp> (kept for rollback, drop it when satisfied)
# and the new one renamed into place. A failed restore therefore leaves the live database untouched.
# Redis: stopped, its data replaced by the snapshot (docker/redis/load-rdb.sh, which also rebuilds the
# append-only file), started again; the key count is checked.
set -euo pipefail

script_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo_dir="$(dirname "$script_dir")"
readonly script_dir repo_dir

usage() {
  cat <<EOF
Usage: $(basename "$0") [-f COMPOSE_FILE] [-e ENV_FILE] [-c all|postgres|redis] [-y] BACKUP_FOLDER

Restores BACKUP_FOLDER (a sei-backup-<timestamp> folder made by docker/backup.sh).
This REPLACES the current Postgres database and Redis data.

Options (each also settable by the environment variable in brackets):
  -f FILE   compose file            [COMPOSE_FILE_PATH]  default: $repo_dir/docker-compose.prod.yml
  -e FILE   env file                [ENV_FILE]           default: $repo_dir/.env.production
  -c WHAT   what to restore: all (default), postgres or redis
  -y        do not ask for confirmation (required when stdin is not a terminal)
  -h        this help
EOF
}

log() { printf '%s restore: %s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

compose_file="${COMPOSE_FILE_PATH:-$repo_dir/docker-compose.prod.yml}"
env_file="${ENV_FILE:-$repo_dir/.env.production}"
components=all
assume_yes=false

while getopts ':f:e:c:yh' opt; do
  case "$opt" in
    f) compose_file="$OPTARG" ;;
    e) env_file="$OPTARG" ;;
    c) components="$OPTARG" ;;
    y) assume_yes=true ;;
    h) usage; exit 0 ;;
    :) usage >&2; die "option -$OPTARG needs a value" ;;
    *) usage >&2; die "unknown option -$OPTARG" ;;
  esac
done
shift $((OPTIND - 1))
[[ $# -eq 1 ]] || { usage >&2; die "expected exactly one BACKUP_FOLDER"; }

case "$components" in
  all | postgres | redis) ;;
  *) usage >&2; die "-c must be all, postgres or redis, got '$components'" ;;
esac
wants() { [[ "$components" == all || "$components" == "$1" ]]; }

[[ -d "$1" ]] || die "no such backup folder: $1"
backup="$(cd "$1" && pwd)"
[[ -f "$compose_file" ]] || die "compose file not found: $compose_file"
[[ -f "$env_file" ]] || die "env file not found: $env_file"
[[ -f "$backup/SHA256SUMS" ]] || die "$backup has no SHA256SUMS: not a complete backup made by backup.sh"
wants postgres && { [[ -s "$backup/postgres.dump" ]] || die "$backup/postgres.dump is missing or empty"; }
wants redis && { [[ -s "$backup/redis-dump.rdb" ]] || die "$backup/redis-dump.rdb is missing or empty"; }
command -v docker >/dev/null 2>&1 || die "docker is not installed or not on PATH"

log "verifying checksums"
(cd "$backup" && sha256sum --check --quiet SHA256SUMS) || die "checksum mismatch in $backup: the backup is damaged"

if [[ "$assume_yes" != true ]]; then
  [[ -t 0 ]] || die "refusing to restore without confirmation: stdin is not a terminal, pass -y"
  printf 'This replaces %s of the running stack with %s.\nType RESTORE to continue: ' "$components" "$backup" >&2
  read -r answer
  [[ "$answer" == RESTORE ]] || die "aborted"
fi

compose() { docker compose --env-file "$env_file" -f "$compose_file" "$@"; }

# psql inside the postgres container, on the maintenance database, as POSTGRES_USER.
# shellcheck disable=SC2016 # expanded by the shell inside the container
psql_admin() { compose exec -T postgres sh -c 'exec psql -v ON_ERROR_STOP=1 -X -q -At -U "$POSTGRES_USER" -d postgres "$@"' psql "$@"; }

backend_stopped=false
on_exit() {
  local status=$?
  [[ $status -eq 0 ]] && return
  log "FAILED (exit $status)"
  if [[ "$backend_stopped" == true ]]; then
    log "The backend was left stopped; once the data is sane, start it with:"
    log "  docker compose --env-file $env_file -f $compose_file up -d backend"
  fi
}
trap on_exit EXIT

log "stopping the backend"
compose stop backend
backend_stopped=true

if wants postgres; then
  compose up -d --wait postgres
  # shellcheck disable=SC2016 # expanded by the shell inside the container
  db="$(compose exec -T postgres sh -c 'printf %s "$POSTGRES_DB"')"
  [[ "$db" =~ ^[A-Za-z_][A-Za-z0-9_]*$ ]] || die "unexpected POSTGRES_DB name '$db'"
  stamp="$(date -u +%Y%m%d%H%M%S)"
  staging="${db:0:30}_restore_$stamp"
  previous="${db:0:30}_pre_restore_$stamp"

  log "restoring Postgres into the staging database $staging"
  psql_admin -c "CREATE DATABASE \"$staging\""
  # shellcheck disable=SC2016 # expanded by the shell inside the container
  if ! compose exec -T postgres sh -c \
    'exec pg_restore -U "$POSTGRES_USER" -d "$1" --no-owner --no-privileges --single-transaction --exit-on-error' \
    pg_restore "$staging" <"$backup/postgres.dump"; then
    psql_admin -c "DROP DATABASE IF EXISTS \"$staging\"" || true
    die "pg_restore failed; the live database $db was not touched"
  fi
  # Database-level settings (e.g. timezone) are not part of a plain dump: re-apply the init scripts,
  # which are idempotent.
  for init_sql in "$script_dir"/postgres/init/*.sql; do
    [[ -e "$init_sql" ]] || continue
    # shellcheck disable=SC2016 # expanded by the shell inside the container
    compose exec -T postgres sh -c 'exec psql -v ON_ERROR_STOP=1 -X -q -U "$POSTGRES_USER" -d "$1"' psql "$staging" <"$init_sql"
  done

  log "swapping databases: $db -> $previous, $staging -> $db"
  psql_admin -c "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname IN ('$db', '$staging') AND pid <> pg_backend_pid()" >/dev/null
  psql_admin -c "ALTER DATABASE \"$db\" RENAME TO \"$previous\""
  psql_admin -c "ALTER DATABASE \"$staging\" RENAME TO \"$db\""
  log "Postgres restored. The previous data is kept as database $previous; drop it when satisfied:"
  log "  docker compose --env-file $env_file -f $compose_file exec postgres sh -c 'dropdb -U \"\$POSTGRES_USER\" $previous'"
fi

if wants redis; then
  log "restoring Redis"
  compose stop redis
  loaded="$(compose run --rm --no-deps -T \
    -v "$backup/redis-dump.rdb:/restore/dump.rdb:ro" \
    -v "$script_dir/redis/load-rdb.sh:/restore/load-rdb.sh:ro" \
    --entrypoint sh redis /restore/load-rdb.sh /restore/dump.rdb | tr -d '\r' | tail -n 1)"
  [[ "$loaded" =~ ^keys=([0-9]+)$ ]] || die "loading the snapshot failed (last output: $loaded)"
  expected_keys="${BASH_REMATCH[1]}"
  compose up -d --wait redis
  # shellcheck disable=SC2016 # expanded by the shell inside the container
  actual_keys="$(compose exec -T redis sh -c 'REDISCLI_AUTH="$REDIS_PASSWORD" exec redis-cli --no-auth-warning DBSIZE' | tr -d '\r')"
  [[ "$actual_keys" =~ ^[0-9]+$ ]] || die "unexpected DBSIZE answer from Redis: $actual_keys"
  # Keys with a TTL may expire between the load and the restart, so fewer is fine; none at all is the
  # symptom of Redis ignoring the snapshot.
  if ((expected_keys > 0 && actual_keys == 0)); then
    die "Redis came back empty although the snapshot held $expected_keys keys"
  fi
  log "Redis restored: $actual_keys keys (the snapshot held $expected_keys)"
fi

log "starting the backend"
compose up -d backend
backend_stopped=false
log "restore complete from $backup"
