#!/usr/bin/env bash
# Benchmark 3: webhook -> run complete through real worker processes (./lightning worker).
#   bench/e2e/run.sh [LOW_LOAD_RUNS] [BURST] [CAPACITY]     defaults: 30 runs one at a time; bursts of 60; capacity 2
# Latency at low load with 1 worker, then runs/s for a burst with 1, 2 and 4 workers.
# Last line: runs/s at saturation for 1/2/4 workers and the low-load p50/p99.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"
K=${1:-30}
M=${2:-60}
CAP=${3:-2}
machine_line
ensure_built runtime
# One set of worker keys for the control plane and its workers.
"$ROOT/lightning" keys >"$WORK/keys.env" 2>/dev/null
set -a; . "$WORK/keys.env"; set +a
start_lightning_up "$BENCH/webhook/project"
WS="ws://127.0.0.1:${BASE##*:}/worker"
if [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:${BASE##*:}/worker/websocket")" = 404 ]; then
  echo "end-to-end: not measurable: lightning up at $BASE does not serve the worker channel (GET /worker/websocket is 404)"
  exit 0
fi
start_worker() {
  "$ROOT/lightning" worker --lightning "$WS" --capacity "$CAP" --name "bench-$1" >"$WORK/worker-$1.log" 2>&1 &
  STARTED+=($!)
}
start_worker 1
lat=$(node "$BENCH/e2e/e2e.mjs" latency "$HOOK" "$BASE" "$TOKEN" "$K")
echo "1 worker: $lat"
declare -A rate
for n in 1 2 4; do
  while [ "$(ls "$WORK"/worker-*.log | wc -l)" -lt "$n" ]; do start_worker "$(( $(ls "$WORK"/worker-*.log | wc -l) + 1 ))"; done
  sleep 5 # let new workers connect and warm their JIT on the first claims of the burst
  line=$(node "$BENCH/e2e/e2e.mjs" burst "$HOOK" "$BASE" "$TOKEN" "$M")
  echo "$n worker(s), capacity $CAP each: $line"
  rate[$n]=$(sed -n 's/.* = \([0-9.]*\) runs\/s.*/\1/p' <<<"$line")
done
p=$(sed -n 's/.*p50 \([0-9]*\) ms, p99 \([0-9]*\) ms.*/p50 \1 ms, p99 \2 ms/p' <<<"$lat")
echo "end-to-end runs/s at saturation: 1 worker ${rate[1]}, 2 workers ${rate[2]}, 4 workers ${rate[4]}; low load $p"
