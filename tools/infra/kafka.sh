#!/usr/bin/env bash
# Local Apache Kafka: one KRaft node (broker + controller) on 127.0.0.1, run on the machine's JDK.
#   tools/infra/kafka.sh fetch|start|stop|status
# The broker's jars come from Maven Central through Maven (tools/kafka/pom.xml) into .cache/kafka;
# nothing else is downloaded. Skipped when KAFKA_BROKERS is set: then that cluster is used.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

KAFKA_HOME="$CACHE_DIR/kafka"
KAFKA_LIBS="$KAFKA_HOME/libs"
KAFKA_RUN="$RUN_DIR/kafka"
KAFKA_DATA="$KAFKA_RUN/data"
KAFKA_PID="$KAFKA_RUN/kafka.pid"
KAFKA_LOG="$LOG_DIR/kafka.log"
KAFKA_PORT=${KAFKA_PORT:-9092}
CONTROLLER_PORT=${KAFKA_CONTROLLER_PORT:-9093}
POM="$ROOT/tools/kafka/pom.xml"

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

write_config() {
  mkdir -p "$KAFKA_RUN" "$KAFKA_DATA"
  cat >"$KAFKA_RUN/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$CONTROLLER_PORT
listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT,CONTROLLER://127.0.0.1:$CONTROLLER_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT
controller.listener.names=CONTROLLER
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
inter.broker.listener.name=PLAINTEXT
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
  write_config
  if [ ! -f "$KAFKA_DATA/meta.properties" ]; then
    local cluster_id
    cluster_id=$( (java_cmd kafka.tools.StorageTool random-uuid) 2>>"$KAFKA_LOG" | tail -n1)
    (java_cmd kafka.tools.StorageTool format -t "$cluster_id" -c "$KAFKA_RUN/server.properties") >>"$KAFKA_LOG" 2>&1 \
      || die "could not format the KRaft storage (see $KAFKA_LOG)"
    log "formatted KRaft storage in $KAFKA_DATA (cluster $cluster_id)"
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
      return 0
    fi
    sleep 0.25
  done
  die "Kafka did not become ready within 60 s (see $KAFKA_LOG)"
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
  *) echo "usage: $0 fetch|start|stop|status" >&2; exit 2 ;;
esac
