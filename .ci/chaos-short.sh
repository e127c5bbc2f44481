#!/usr/bin/env bash
# Exactly-once on a real multi-process cluster, short version (docs/deployment.md, "streamnlp chaos"):
# 3,000 events, one TaskManager killed with kill -9 (and replaced), one broker killed and restarted.
# streamnlp chaos exits 1 when an event is missing, duplicated or served by the wrong model version.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export OPT_OUT_TRACKING=true DJL_OFFLINE=true RUST_FLAVOR=cpu
./streamnlp chaos --events 3000 --rate 50 --faults taskmanager,broker --json
