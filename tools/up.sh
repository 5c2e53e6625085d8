#!/usr/bin/env bash
# Brings the whole platform up on this machine: installs what is missing, starts PostgreSQL and
# Kafka, applies migrations, loads demo data, starts the four subgraphs and the gateway in the
# background, sends some demo traffic, and prints where to point a browser.
#   bash tools/up.sh            (stop everything with: bash tools/down.sh)
set -euo pipefail
source "$(dirname "$0")/infra/lib.sh"
source "$(dirname "$0")/infra/services.sh"
cd "$ROOT"

export CHECKPOINT_DISABLE=1 APOLLO_TELEMETRY_DISABLED=true KAFKAJS_NO_PARTITIONER_WARNING=1
bash tools/infra/install.sh
bash tools/infra/postgres.sh start
bash tools/infra/postgres.sh databases ""
bash tools/infra/kafka.sh start
bash tools/prepare-databases.sh dev
node --import tsx tools/dev-keys.ts >/dev/null
# Keys grids encrypts phones and ID numbers with (random, .run/keys/personal-data.env), unless given.
if [ -z "${PERSONAL_DATA_KEYS:-}" ]; then
  set -a; source "$RUN_DIR/keys/personal-data.env"; set +a
fi
node --import tsx tools/compose-supergraph.ts --check

log "loading demo data (grids)"
DATABASE_URL=${GRIDS_DATABASE_URL:-postgresql://grids:grids@127.0.0.1:5432/grids} node --import tsx apps/grids/src/seed/main.ts 2>&1 | tail -n1

PID_DIR="$RUN_DIR/pids"
mkdir -p "$PID_DIR"
export KAFKA_BROKERS=${KAFKA_BROKERS:-127.0.0.1:9092}
# A secure broker (tools/infra/kafka.sh, KAFKA_SECURITY=scram): each program connects as its own
# principal, with the password made at format time (credentials/<principal>.env, never on a command line).
KAFKA_CREDENTIALS=${KAFKA_CREDENTIALS_DIR:-${KAFKA_RUN_DIR:-$RUN_DIR/kafka}/credentials}
credentials_of() { local f="$KAFKA_CREDENTIALS/$1.env"; [ -f "$KAFKA_CREDENTIALS/admin.env" ] && [ -f "$f" ] && echo "$f" || true; }
export AUTH_PUBLIC_KEY_FILE=${AUTH_PUBLIC_KEY_FILE:-$RUN_DIR/keys/public.pem}

# start NAME ENV...: runs apps/NAME/src/main.ts in the background, logs in .run/logs/NAME.log.
start() {
  local name=$1; shift
  local pidfile="$PID_DIR/$name.pid"
  if [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
    log "$name already running (pid $(cat "$pidfile"))"; return 0
  fi
  local credentials
  credentials=$(credentials_of "$name")
  (
    if [ -n "$credentials" ]; then set -a; source "$credentials"; set +a; fi
    exec env "$@" setsid node --import tsx "apps/$name/src/main.ts" >>"$LOG_DIR/$name.log" 2>&1 </dev/null
  ) &
  echo $! >"$pidfile"
}

wait_ready() {
  local name=$1 port=$2 i
  for ((i = 0; i < 240; i++)); do
    curl -fsS "http://127.0.0.1:$port/readyz" >/dev/null 2>&1 && { log "$name ready on :$port"; return 0; }
    kill -0 "$(cat "$PID_DIR/$name.pid")" 2>/dev/null || die "$name exited (see $LOG_DIR/$name.log)"
    sleep 0.5
  done
  die "$name not ready after 120 s (see $LOG_DIR/$name.log)"
}

for svc in "${SERVICES[@]}"; do
  upper=${svc^^}; var="${upper}_DATABASE_URL"
  start "$svc" PORT="${SERVICE_PORT[$svc]}" DATABASE_URL="${!var:-postgresql://$svc:$svc@127.0.0.1:5432/$svc}"
done
for svc in "${SERVICES[@]}"; do wait_ready "$svc" "${SERVICE_PORT[$svc]}"; done
# The gateway's V8 heap sizes, as in its image's ENTRYPOINT (tools/image/programs.ts): on a host with lots
# of memory V8 otherwise lets ~60 MB of live heap grow to ~175 MB of garbage before a full GC.
start gateway PORT="${SERVICE_PORT[gateway]}" NODE_OPTIONS="--max-old-space-size=384 --max-semi-space-size=8"
wait_ready gateway "${SERVICE_PORT[gateway]}"

node --import tsx tools/demo-traffic.ts --gateway "http://127.0.0.1:${SERVICE_PORT[gateway]}/graphql"
# The partners' side: the justice bureau's community-corrections events and grid-centre referrals
# (one tool standing in for both partners: on a secure broker it writes as admin).
(
  admin=$(credentials_of admin)
  if [ -n "$admin" ]; then set -a; source "$admin"; set +a; fi
  node --import tsx tools/corrections-traffic.ts --persons 26 --referrals 2 | tail -n 2
)
node --import tsx tools/demo-petitions.ts --gateway "http://127.0.0.1:${SERVICE_PORT[gateway]}/graphql"
token=$(node --import tsx tools/mint-token.ts --role CITY_ADMIN --district 610100 --sub demo-city-admin --name 市院管理员 --ttl 8h)

cat <<TXT

The platform is up.
  GraphQL endpoint : http://127.0.0.1:${SERVICE_PORT[gateway]}/graphql
  GraphiQL (browser): http://127.0.0.1:${SERVICE_PORT[gateway]}/graphiql
  Headers to paste  : {"Authorization": "Bearer $token"}
  Other tokens      : npx tsx tools/mint-token.ts --role PROCURATOR --district 610113
  Kafka (partners)  : npx tsx tools/partners.ts onboard partner-social-governance   (then the kcat commands it prints; README "Partner guide")
  Logs              : $LOG_DIR
  Stop              : bash tools/down.sh
TXT
