#!/usr/bin/env bash
# Benchmark 2: webhook ingest of `lightning up` (embedded PostgreSQL), load from a separate Node process.
#   bench/webhook/run.sh [RAMP_RATES] [SECONDS] [FIXED_RATE] [FIXED_SECONDS]
#   defaults: 25,50,100,200,400,800 req/s for 5 s each; then 50 req/s for 10 s
# No worker is started: runs stay queued, so this measures acceptance only.
# Last line: accepted req/s at p99 < 25 ms, and how many acknowledged work orders are missing.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"
RAMP=${1:-25,50,100,200,400,800}
SECS=${2:-5}
FIXED=${3:-50}
FIXED_SECS=${4:-10}
machine_line
start_lightning_up "$BENCH/webhook/project"
echo "lightning up: $BASE (pid $UP_PID); webhook $HOOK"
node "$BENCH/webhook/ingest.mjs" "$HOOK" "$BASE" "$TOKEN" "$RAMP" "$SECS" "$FIXED" "$FIXED_SECS" "$UP_PID"
