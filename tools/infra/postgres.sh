#!/usr/bin/env bash
# Local PostgreSQL from Debian's package: one server, one role and one database per service.
#   tools/infra/postgres.sh start|stop|status|databases [suffix]
# `databases ""` creates grids, clues, ...; `databases _test` creates grids_test, ...
# Skipped when the services' database URLs (GRIDS_DATABASE_URL, ...) are already set: then an
# existing server is used and nothing is installed or started here.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/services.sh"

PG_VERSION=${PG_VERSION:-15}
PG_CLUSTER=main
PG_HOST=127.0.0.1
PG_PORT=${PGPORT:-5432}

external() { [ -n "${GRIDS_DATABASE_URL:-}${CLUES_DATABASE_URL:-}${PETITIONS_DATABASE_URL:-}${INDICATORS_DATABASE_URL:-}" ]; }

as_postgres() { (cd /tmp && runuser -u postgres -- "$@"); }
psql_admin() { as_postgres psql -v ON_ERROR_STOP=1 -qAt -p "$PG_PORT" "$@"; }

# The platform's server settings (infra/postgres/pgov.conf) in the cluster's conf.d, when they changed:
# a running server reloads them, and restarts when one of them needs it (shared_buffers).
configure() {
  local conf_dir="/etc/postgresql/$PG_VERSION/$PG_CLUSTER/conf.d" source="$ROOT/infra/postgres/pgov.conf"
  [ -d "$conf_dir" ] || return 0
  cmp -s "$source" "$conf_dir/pgov.conf" && return 0
  install -m 0644 "$source" "$conf_dir/pgov.conf"
  pg_ctlcluster "$PG_VERSION" "$PG_CLUSTER" status >/dev/null 2>&1 || return 0
  pg_ctlcluster "$PG_VERSION" "$PG_CLUSTER" reload
  sleep 1
  if [ "$(psql_admin -d postgres -c "SELECT count(*) FROM pg_settings WHERE pending_restart")" != 0 ]; then
    pg_ctlcluster "$PG_VERSION" "$PG_CLUSTER" restart
    wait_for_port "$PG_HOST" "$PG_PORT" 30 || die "PostgreSQL did not come back on $PG_HOST:$PG_PORT (see $LOG_DIR/postgres.log)"
    log "restarted with the settings of infra/postgres/pgov.conf"
  else
    log "settings of infra/postgres/pgov.conf reloaded"
  fi
}

start() {
  if external; then log "database URLs are set: using that server, not starting one"; return 0; fi
  apt_install "postgresql-$PG_VERSION" postgresql-client-common
  configure
  ln -sf "/var/log/postgresql/postgresql-$PG_VERSION-$PG_CLUSTER.log" "$LOG_DIR/postgres.log"
  if pg_ctlcluster "$PG_VERSION" "$PG_CLUSTER" status >/dev/null 2>&1; then
    log "already running on $PG_HOST:$PG_PORT"
  else
    pg_ctlcluster "$PG_VERSION" "$PG_CLUSTER" start
    wait_for_port "$PG_HOST" "$PG_PORT" 30 || die "PostgreSQL did not open $PG_HOST:$PG_PORT (see $LOG_DIR/postgres.log)"
    log "started on $PG_HOST:$PG_PORT"
  fi
}

stop() {
  if external; then return 0; fi
  if pg_ctlcluster "$PG_VERSION" "$PG_CLUSTER" status >/dev/null 2>&1; then
    pg_ctlcluster "$PG_VERSION" "$PG_CLUSTER" stop && log "stopped"
  else
    log "not running"
  fi
}

status() {
  if external; then echo "postgres: external (database URLs set)"; return 0; fi
  if pg_ctlcluster "$PG_VERSION" "$PG_CLUSTER" status >/dev/null 2>&1; then
    echo "postgres: running on $PG_HOST:$PG_PORT (log: $LOG_DIR/postgres.log)"
  else
    echo "postgres: stopped"; return 3
  fi
}

# One login role per service (CREATEDB: Prisma's shadow database for `migrate dev`), one database per
# service and suffix, owned by that role. Idempotent.
databases() {
  local suffix=${1:-} svc db names=("${SERVICES[@]}")
  if external; then return 0; fi
  # Libraries with database tests of their own get a role and a scratch database too.
  [ "$suffix" = _test ] && names+=(messaging prisma_offline)
  for svc in "${names[@]}"; do
    db="$svc$suffix"
    psql_admin -d postgres -c "DO \$\$ BEGIN
        IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$svc') THEN
          CREATE ROLE $svc LOGIN CREATEDB PASSWORD '$svc';
        END IF; END \$\$;"
    if [ -z "$(psql_admin -d postgres -c "SELECT 1 FROM pg_database WHERE datname = '$db'")" ]; then
      psql_admin -d postgres -c "CREATE DATABASE $db OWNER $svc"
      log "created database $db"
    fi
  done
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  databases) databases "${2:-}" ;;
  *) echo "usage: $0 start|stop|status|databases [suffix]" >&2; exit 2 ;;
esac
