#!/usr/bin/env bash
# Run a command with the real services up: PostgreSQL on 127.0.0.1:5432 (started if stopped) and
# a single-node KRaft Kafka broker on 127.0.0.1:9092 (scripts/kafka.sh). Stops what it started.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null; then
  echo "starting PostgreSQL"
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql)" main start
fi
export TEST_DATABASE_URL="${TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/test}"

# Start the broker unless one is already up; stop it afterwards only if we started it.
if ! bash scripts/kafka.sh status >/dev/null 2>&1; then
  bash scripts/kafka.sh start
  trap 'bash scripts/kafka.sh stop' EXIT
fi
export TEST_KAFKA_BROKERS="${TEST_KAFKA_BROKERS:-127.0.0.1:9092}"

"$@"
