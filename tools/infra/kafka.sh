#!/usr/bin/env bash
# Local Apache Kafka: one KRaft node (broker + controller) on 127.0.0.1, run on the machine's JDK.
#   tools/infra/kafka.sh fetch|start|stop|status
#   tools/infra/kafka.sh env PRINCIPAL     prints `export KAFKA_SASL_...` lines for that principal (secure broker)
# The broker's jars come from Maven Central through Maven (tools/kafka/pom.xml) into .cache/kafka;
# nothing else is downloaded. Skipped when KAFKA_BROKERS is set: then that cluster is used.
#
# Secure as in production (KAFKA_SECURITY=scram, the default): SASL/SCRAM-SHA-512 users, the
# StandardAuthorizer with allow.everyone.if.no.acl.found=false, listeners
#   INTERNAL   SASL_PLAINTEXT 127.0.0.1:KAFKA_PORT (9092)          services, tests, tools (loopback)
#   EXTERNAL   SASL_SSL       KAFKA_TLS_HOST:KAFKA_TLS_PORT (9094) partners; CA + broker certificate made here
#   CONTROLLER SASL_PLAINTEXT 127.0.0.1:KAFKA_CONTROLLER_PORT (9093), mechanism PLAIN with one static
#              user "controller" (KRaft controllers cannot use SCRAM: its credentials live in the
#              metadata log the controller serves), random password, loopback only.
# Every principal of libs/contracts (services, gateway, partners) and "admin" (the super user of tests
# and tools) get a random password at format time: $KAFKA_RUN/credentials/<principal>.env (mode 0600).
# tools/kafka/principals.ts then creates the contracts' topics and applies every principal's ACLs.
# KAFKA_SECURITY=plaintext: the old single PLAINTEXT listener, no authentication (anything goes).
# Another instance beside the default one: KAFKA_RUN_DIR, KAFKA_PORT, KAFKA_CONTROLLER_PORT, KAFKA_TLS_PORT.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

KAFKA_HOME="$CACHE_DIR/kafka"
KAFKA_LIBS="$KAFKA_HOME/libs"
KAFKA_RUN="${KAFKA_RUN_DIR:-$RUN_DIR/kafka}"
KAFKA_DATA="$KAFKA_RUN/data"
KAFKA_PID="$KAFKA_RUN/kafka.pid"
KAFKA_CREDENTIALS="$KAFKA_RUN/credentials"
KAFKA_TLS="$KAFKA_RUN/tls"
if [ -n "${KAFKA_RUN_DIR:-}" ]; then KAFKA_LOG="$KAFKA_RUN/kafka.log"; else KAFKA_LOG="$LOG_DIR/kafka.log"; fi
KAFKA_PORT=${KAFKA_PORT:-9092}
CONTROLLER_PORT=${KAFKA_CONTROLLER_PORT:-9093}
TLS_PORT=${KAFKA_TLS_PORT:-9094}
TLS_HOST=${KAFKA_TLS_HOST:-127.0.0.1}
SECURITY=${KAFKA_SECURITY:-scram}
POM="$ROOT/tools/kafka/pom.xml"
case "$SECURITY" in scram | plaintext) ;; *) die "KAFKA_SECURITY must be scram or plaintext, not '$SECURITY'" ;; esac

external() { [ -n "${KAFKA_BROKERS:-}" ]; }

fetch() {
  local stamp="$KAFKA_HOME/.pom.sha256" want
  want=$(sha256sum "$POM" | cut -d' ' -f1)
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && [ -n "$(ls -A "$KAFKA_LIBS" 2>/dev/null)" ]; then
    return 0
  fi
  command -v java >/dev/null || apt_install openjdk-17-jre-headless
  command -v mvn >/dev/null || apt_install maven
  log "fetching the Kafka broker jars from Maven Central into $KAFKA_LIBS"
  rm -rf "$KAFKA_LIBS" && mkdir -p "$KAFKA_LIBS"
  mvn -q -B -f "$POM" dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$KAFKA_LIBS" \
    >"$LOG_DIR/kafka-fetch.log" 2>&1 || { cat "$LOG_DIR/kafka-fetch.log" >&2; die "Maven could not fetch the Kafka jars"; }
  echo "$want" >"$stamp"
}

common_properties() {
  cat <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$CONTROLLER_PORT
controller.listener.names=CONTROLLER
log.dirs=$KAFKA_DATA
num.partitions=3
auto.create.topics.enable=false
offsets.topic.replication.factor=1
offsets.topic.num.partitions=10
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
group.initial.rebalance.delay.ms=0
log.retention.hours=168
PROPS
}

plaintext_properties() {
  common_properties
  cat <<PROPS
listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT,CONTROLLER://127.0.0.1:$CONTROLLER_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
inter.broker.listener.name=PLAINTEXT
PROPS
}

secure_properties() {
  local admin_pw controller_pw store_pw
  admin_pw=$(password_of admin)
  controller_pw=$(password_of controller)
  store_pw=$(cat "$KAFKA_TLS/keystore.password")
  common_properties
  cat <<PROPS
listeners=INTERNAL://127.0.0.1:$KAFKA_PORT,EXTERNAL://$TLS_HOST:$TLS_PORT,CONTROLLER://127.0.0.1:$CONTROLLER_PORT
advertised.listeners=INTERNAL://127.0.0.1:$KAFKA_PORT,EXTERNAL://$TLS_HOST:$TLS_PORT
listener.security.protocol.map=INTERNAL:SASL_PLAINTEXT,EXTERNAL:SASL_SSL,CONTROLLER:SASL_PLAINTEXT
inter.broker.listener.name=INTERNAL
sasl.mechanism.inter.broker.protocol=SCRAM-SHA-512
listener.name.internal.sasl.enabled.mechanisms=SCRAM-SHA-512
listener.name.internal.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="admin" password="$admin_pw";
listener.name.external.sasl.enabled.mechanisms=SCRAM-SHA-512
listener.name.external.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required;
listener.name.external.ssl.keystore.type=PKCS12
listener.name.external.ssl.keystore.location=$KAFKA_TLS/broker.p12
listener.name.external.ssl.keystore.password=$store_pw
listener.name.external.ssl.client.auth=none
sasl.mechanism.controller.protocol=PLAIN
listener.name.controller.sasl.enabled.mechanisms=PLAIN
listener.name.controller.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="controller" password="$controller_pw" user_controller="$controller_pw";
authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer
allow.everyone.if.no.acl.found=false
super.users=User:admin;User:controller
PROPS
}

# credentials_file PRINCIPAL: where its SASL settings live (KAFKA_SASL_* lines, mode 0600).
credentials_file() { echo "$KAFKA_CREDENTIALS/$1.env"; }
password_of() { sed -n 's/^KAFKA_SASL_PASSWORD=//p' "$(credentials_file "$1")"; }

# ensure_secret PRINCIPAL MECHANISM: a random password for it, made once.
ensure_secret() {
  local file
  file=$(credentials_file "$1")
  [ -f "$file" ] && return 0
  mkdir -p "$KAFKA_CREDENTIALS" && chmod 700 "$KAFKA_CREDENTIALS"
  (umask 077 && printf 'KAFKA_SASL_MECHANISM=%s\nKAFKA_SASL_USERNAME=%s\nKAFKA_SASL_PASSWORD=%s\n' "$2" "$1" "$(openssl rand -hex 24)" >"$file")
}

# A local CA and the EXTERNAL listener's certificate (SAN: KAFKA_TLS_HOST, 127.0.0.1, localhost),
# as a PKCS12 keystore; clients trust $KAFKA_TLS/ca.pem. Made once per run directory.
ensure_tls() {
  [ -f "$KAFKA_TLS/broker.p12" ] && return 0
  command -v openssl >/dev/null || apt_install openssl
  local san="IP:127.0.0.1,DNS:localhost" pw
  if [[ "$TLS_HOST" =~ ^[0-9.]+$ ]]; then [ "$TLS_HOST" = 127.0.0.1 ] || san="$san,IP:$TLS_HOST"; else san="$san,DNS:$TLS_HOST"; fi
  mkdir -p "$KAFKA_TLS"
  pw=$(openssl rand -hex 24)
  (
    cd "$KAFKA_TLS" && umask 077
    echo "$pw" >keystore.password
    openssl req -x509 -newkey rsa:3072 -nodes -days 825 -subj "/CN=pgov local Kafka CA" -keyout ca.key -out ca.pem \
      -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign"
    openssl req -newkey rsa:3072 -nodes -subj "/CN=$TLS_HOST" -keyout broker.key -out broker.csr
    printf 'subjectAltName=%s\nextendedKeyUsage=serverAuth\nkeyUsage=critical,digitalSignature,keyEncipherment\n' "$san" >broker.ext
    openssl x509 -req -in broker.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 825 -out broker.pem -extfile broker.ext
    openssl pkcs12 -export -in broker.pem -inkey broker.key -certfile ca.pem -name broker -out broker.p12 -passout "pass:$pw"
    rm -f broker.csr broker.ext
    chmod 644 ca.pem broker.pem
  ) >>"$KAFKA_LOG" 2>&1 || die "could not make the TLS certificates (see $KAFKA_LOG)"
  log "made a local CA and the broker certificate in $KAFKA_TLS (clients trust $KAFKA_TLS/ca.pem)"
}

# The principals of libs/contracts (services, gateway, partners), one per line.
declared_principals() { (cd "$ROOT" && node --import tsx tools/kafka/principals.ts names); }

write_config() {
  mkdir -p "$KAFKA_RUN" "$KAFKA_DATA"
  (
    umask 077 # the secure variant holds the controller's password and the keystore's
    if [ "$SECURITY" = scram ]; then secure_properties; else plaintext_properties; fi >"$KAFKA_RUN/server.properties"
  )
  cat >"$KAFKA_RUN/log4j.properties" <<'PROPS'
log4j.rootLogger=INFO, stdout
log4j.appender.stdout=org.apache.log4j.ConsoleAppender
log4j.appender.stdout.layout=org.apache.log4j.PatternLayout
log4j.appender.stdout.layout.ConversionPattern=[%d] %p %m (%c)%n
log4j.logger.kafka=INFO
log4j.logger.org.apache.kafka=INFO
log4j.logger.state.change.logger=WARN
PROPS
}

# java_cmd CLASS ARGS...: replaces the calling (sub)shell with the JVM.
java_cmd() {
  exec java -Xms256m -Xmx768m -XX:+UseG1GC -Djava.awt.headless=true \
    -Dlog4j.configuration="file:$KAFKA_RUN/log4j.properties" \
    -cp "$KAFKA_LIBS/*" "$@"
}

running() { [ -f "$KAFKA_PID" ] && kill -0 "$(cat "$KAFKA_PID")" 2>/dev/null; }

start() {
  if external; then log "KAFKA_BROKERS=$KAFKA_BROKERS is set: using that cluster, not starting one"; return 0; fi
  if running; then log "already running on 127.0.0.1:$KAFKA_PORT (pid $(cat "$KAFKA_PID"))"; return 0; fi
  port_open 127.0.0.1 "$KAFKA_PORT" && die "something else listens on 127.0.0.1:$KAFKA_PORT; set KAFKA_BROKERS to use it"
  fetch
  if [ "$SECURITY" = scram ]; then
    if [ -f "$KAFKA_DATA/meta.properties" ] && [ ! -f "$(credentials_file admin)" ]; then
      die "$KAFKA_DATA was formatted without SCRAM users: remove $KAFKA_DATA (its topics are lost) or start with KAFKA_SECURITY=plaintext"
    fi
    [ -f "$KAFKA_DATA/meta.properties" ] || rm -rf "$KAFKA_CREDENTIALS" # a fresh cluster: fresh passwords
    ensure_secret admin scram-sha-512
    ensure_secret controller plain
    ensure_tls
  fi
  write_config
  if [ ! -f "$KAFKA_DATA/meta.properties" ]; then
    local cluster_id principal scram=()
    if [ "$SECURITY" = scram ]; then
      # SCRAM users are records in the metadata log: the first ones are written at format time.
      for principal in admin $(declared_principals); do
        ensure_secret "$principal" scram-sha-512
        scram+=(--add-scram "SCRAM-SHA-512=[name=$principal,password=$(password_of "$principal")]")
      done
    fi
    cluster_id=$( (java_cmd kafka.tools.StorageTool random-uuid) 2>>"$KAFKA_LOG" | tail -n1)
    (java_cmd kafka.tools.StorageTool format -t "$cluster_id" -c "$KAFKA_RUN/server.properties" "${scram[@]}") >>"$KAFKA_LOG" 2>&1 \
      || die "could not format the KRaft storage (see $KAFKA_LOG)"
    log "formatted KRaft storage in $KAFKA_DATA (cluster $cluster_id${scram:+, $((${#scram[@]} / 2)) SCRAM users})"
  fi
  local log_from i
  log_from=$(($(wc -c <"$KAFKA_LOG" 2>/dev/null || echo 0) + 1))
  # The subshell execs java, so $! is the broker's own pid.
  (java_cmd kafka.Kafka "$KAFKA_RUN/server.properties") >>"$KAFKA_LOG" 2>&1 </dev/null &
  echo $! >"$KAFKA_PID"
  # The broker is ready when it has registered with its own controller and opened the listener.
  for ((i = 0; i < 240; i++)); do
    running || die "Kafka exited during start-up (see $KAFKA_LOG)"
    # grep reads to the end (no -q): an early exit would kill tail with SIGPIPE, which pipefail turns
    # into "not started" once the start-up log outgrows the pipe (a broker with many topics).
    if port_open 127.0.0.1 "$KAFKA_PORT" && tail -c "+$log_from" "$KAFKA_LOG" | grep "Kafka Server started" >/dev/null; then
      log "started on 127.0.0.1:$KAFKA_PORT (pid $(cat "$KAFKA_PID"), log: $KAFKA_LOG)"
      [ "$SECURITY" = scram ] && apply_principals
      return 0
    fi
    sleep 0.25
  done
  die "Kafka did not become ready within 60 s (see $KAFKA_LOG)"
}

# Creates the contracts' topics and applies every declared principal's ACLs, as admin.
apply_principals() {
  (cd "$ROOT" && env KAFKA_BROKERS="127.0.0.1:$KAFKA_PORT" KAFKA_CREDENTIALS_DIR="$KAFKA_CREDENTIALS" \
    node --import tsx tools/kafka/principals.ts apply) || die "could not apply the topics and ACLs"
  log "secure: SASL_PLAINTEXT 127.0.0.1:$KAFKA_PORT, SASL_SSL $TLS_HOST:$TLS_PORT (CA $KAFKA_TLS/ca.pem), credentials in $KAFKA_CREDENTIALS"
}

# env PRINCIPAL: its settings for a client of the INTERNAL listener, as shell exports.
print_env() {
  local file
  file=$(credentials_file "${1:?usage: $0 env PRINCIPAL}")
  [ -f "$file" ] || die "no credentials for '$1' in $KAFKA_CREDENTIALS (plaintext broker, or not a principal)"
  sed 's/^/export /' "$file"
}

stop() {
  if external; then return 0; fi
  if ! running; then log "not running"; rm -f "$KAFKA_PID"; return 0; fi
  local pid i
  pid=$(cat "$KAFKA_PID")
  kill "$pid"
  for ((i = 0; i < 120; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
  kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
  rm -f "$KAFKA_PID"
  log "stopped"
}

status() {
  if external; then echo "kafka: external ($KAFKA_BROKERS)"; return 0; fi
  if running; then echo "kafka: running on 127.0.0.1:$KAFKA_PORT (pid $(cat "$KAFKA_PID"), log: $KAFKA_LOG)"
  else echo "kafka: stopped"; return 3; fi
}

case "${1:-}" in
  fetch) fetch ;;
  start) start ;;
  stop) stop ;;
  status) status ;;
  env) print_env "${2:-}" ;;
  *) echo "usage: $0 fetch|start|stop|status|env PRINCIPAL" >&2; exit 2 ;;
esac
