#!/usr/bin/env bash
# Stops what tools/up.sh started: the gateway and the services, then Kafka and PostgreSQL.
#   bash tools/down.sh [--keep-infra]
set -euo pipefail
source "$(dirname "$0")/infra/lib.sh"
cd "$ROOT"
for pidfile in "$RUN_DIR"/pids/*.pid; do
  [ -f "$pidfile" ] || continue
  name=$(basename "$pidfile" .pid); pid=$(cat "$pidfile")
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid"
    for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
    log "stopped $name"
  fi
  rm -f "$pidfile"
done
if [ "${1:-}" != "--keep-infra" ]; then
  bash tools/infra/kafka.sh stop
  bash tools/infra/postgres.sh stop
fi
