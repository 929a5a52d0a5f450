#!/usr/bin/env bash
# A real single-node Apache Kafka broker (KRaft, combined broker+controller) for local runs and
# CI, on 127.0.0.1:9092. The broker's jars come from Maven Central through `mvn` (cached in
# ~/.m2, copied to .kafka/libs); storage is formatted once with a generated cluster id.
#
#   bash scripts/kafka.sh start    # idempotent: returns at once if the broker is already up
#   bash scripts/kafka.sh status   # exit 0 when up and answering metadata requests
#   bash scripts/kafka.sh stop     # clean shutdown (SIGTERM, then SIGKILL after 30 s)
#   bash scripts/kafka.sh reset    # stop and delete the broker's data (topics, offsets)
#
# Env: KAFKA_VERSION (default 3.9.1), KAFKA_HEAP (default 512m), KAFKA_READY_TIMEOUT (s, 90),
# KAFKA_PORT (default 9092: a second broker on another port keeps its data and pid in
# .kafka-<port>/, shares .kafka/libs, and its controller listens on KAFKA_PORT + 1).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)

KAFKA_VERSION="${KAFKA_VERSION:-3.9.1}"
HOST=127.0.0.1
PORT="${KAFKA_PORT:-9092}"
CONTROLLER_PORT=$((PORT + 1))
if [ "$PORT" = 9092 ]; then DIR="$ROOT/.kafka"; else DIR="$ROOT/.kafka-$PORT"; fi
LIBS="$ROOT/.kafka/libs"
DATA="$DIR/data"
PROPS="$DIR/server.properties"
PIDFILE="$DIR/kafka.pid"
LOG="$DIR/kafka.log"
LOCK="/tmp/datafly-kafka-$PORT.lock"

log() { echo "kafka: $*" >&2; }

port_open() { (exec 3<>"/dev/tcp/$HOST/$1") 2>/dev/null; }

running_pid() {
  [ -f "$PIDFILE" ] || return 1
  local pid
  pid=$(cat "$PIDFILE")
  if kill -0 "$pid" 2>/dev/null; then echo "$pid"; return 0; fi
  return 1
}

metadata_ok() {
  [ -d "$ROOT/node_modules/kafkajs" ] || { port_open "$PORT"; return; }
  node "$ROOT/scripts/kafka/ready.mjs" "$HOST:$PORT"
}

fetch_libs() {
  if [ -f "$LIBS/kafka_2.13-$KAFKA_VERSION.jar" ]; then return 0; fi
  command -v mvn >/dev/null || { log "mvn is not installed"; exit 1; }
  log "resolving Apache Kafka $KAFKA_VERSION from Maven Central (cached in ~/.m2)"
  rm -rf "$LIBS.tmp"
  if ! mvn -q -B -f "$ROOT/scripts/kafka/pom.xml" -Dkafka.version="$KAFKA_VERSION" \
      dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$LIBS.tmp" >"$DIR/mvn.log" 2>&1; then
    log "could not fetch the broker's artifacts; mvn said:"
    tail -n 30 "$DIR/mvn.log" >&2
    exit 1
  fi
  rm -rf "$LIBS" && mv "$LIBS.tmp" "$LIBS"
}

write_props() {
  cat >"$PROPS" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@$HOST:$CONTROLLER_PORT
listeners=PLAINTEXT://$HOST:$PORT,CONTROLLER://$HOST:$CONTROLLER_PORT
advertised.listeners=PLAINTEXT://$HOST:$PORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=$DATA
auto.create.topics.enable=true
num.partitions=1
default.replication.factor=1
min.insync.replicas=1
offsets.topic.replication.factor=1
offsets.topic.num.partitions=4
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
transaction.state.log.num.partitions=4
group.initial.rebalance.delay.ms=0
log.retention.hours=24
log.segment.bytes=67108864
num.network.threads=2
num.io.threads=2
background.threads=2
PROPS
}

JAVA=(java -Xmx"${KAFKA_HEAP:-512m}" -Xms128m -XX:+UseG1GC -XX:MaxGCPauseMillis=20
  -Djava.awt.headless=true -Dlog4j.configuration="file:$ROOT/scripts/kafka/log4j.properties"
  -cp "$LIBS/*")

format_storage() {
  if [ -f "$DATA/meta.properties" ]; then return 0; fi
  local cluster_id
  cluster_id=$("${JAVA[@]}" kafka.tools.StorageTool random-uuid 2>/dev/null | tail -n 1)
  log "formatting KRaft storage (cluster id $cluster_id)"
  "${JAVA[@]}" kafka.tools.StorageTool format -t "$cluster_id" -c "$PROPS" --ignore-formatted >>"$LOG" 2>&1
}

start() {
  mkdir -p "$DIR" "$ROOT/.kafka"
  exec 9>"$LOCK"
  flock 9
  if running_pid >/dev/null && metadata_ok; then
    log "already running on $HOST:$PORT (pid $(running_pid))"
    return 0
  fi
  if ! running_pid >/dev/null && port_open "$PORT"; then
    if metadata_ok; then log "a broker not started by this script already answers on $HOST:$PORT; using it"; return 0; fi
    log "port $PORT is taken by something that is not a Kafka broker"; exit 1
  fi
  if ! running_pid >/dev/null; then
    fetch_libs
    write_props
    format_storage
    log "starting broker on $HOST:$PORT (log: $LOG)"
    # setsid: the broker outlives this script and its caller's process group; fd 9 (the start
    # lock) is closed so the broker does not hold it.
    setsid nohup "${JAVA[@]}" kafka.Kafka "$PROPS" >>"$LOG" 2>&1 </dev/null 9>&- &
    echo $! >"$PIDFILE"
  fi
  local deadline=$((SECONDS + ${KAFKA_READY_TIMEOUT:-90}))
  until port_open "$PORT" && metadata_ok; do
    if ! running_pid >/dev/null; then
      log "broker exited during start; last log lines:"
      tail -n 30 "$LOG" >&2
      exit 1
    fi
    if [ "$SECONDS" -ge "$deadline" ]; then
      log "broker not ready after ${KAFKA_READY_TIMEOUT:-90}s; see $LOG"
      exit 1
    fi
    sleep 1
  done
  log "ready on $HOST:$PORT (pid $(running_pid))"
}

stop() {
  local pid
  if ! pid=$(running_pid); then log "not running"; rm -f "$PIDFILE"; return 0; fi
  log "stopping (pid $pid)"
  kill -TERM "$pid"
  local deadline=$((SECONDS + 30))
  while kill -0 "$pid" 2>/dev/null; do
    if [ "$SECONDS" -ge "$deadline" ]; then log "did not stop in 30s; killing"; kill -KILL "$pid"; break; fi
    sleep 0.5
  done
  rm -f "$PIDFILE"
  log "stopped"
}

status() {
  if running_pid >/dev/null && metadata_ok; then echo "kafka: up on $HOST:$PORT (pid $(running_pid))"; return 0; fi
  if port_open "$PORT" && metadata_ok; then echo "kafka: a broker answers on $HOST:$PORT (not started by this script)"; return 0; fi
  echo "kafka: down"
  return 1
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  reset) stop; rm -rf "$DATA" "$PROPS"; log "data removed" ;;
  *) echo "usage: bash scripts/kafka.sh start|stop|status|reset" >&2; exit 2 ;;
esac
