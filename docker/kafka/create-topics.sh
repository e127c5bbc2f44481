#!/usr/bin/env bash
# One-shot topic creation for the compose stack; safe to rerun.
set -euo pipefail
bootstrap="${KAFKA_BOOTSTRAP:-kafka:19092}"
partitions="${STREAMNLP_PARTITIONS:-2}"
topics=/opt/kafka/bin/kafka-topics.sh

create() {
  "$topics" --bootstrap-server "$bootstrap" --create --if-not-exists \
    --replication-factor 1 "$@"
}

for t in text-events enriched-events dead-letters drift-metrics enrichment-stats feedback retrain-requests; do
  create --topic "$t" --partitions "$partitions"
done
# The latest event per model is the state the job and the retrainer follow; one partition keeps
# events of all models in registry order.
create --topic model-events --partitions 1 --config cleanup.policy=compact

"$topics" --bootstrap-server "$bootstrap" --list
