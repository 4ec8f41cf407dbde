#!/usr/bin/env bash
# Benchmark 1: our runtime vs OpenFn's @openfn/runtime on the same workflows (workflows.json).
#   bench/runtime/run.sh [N] [WARMUP]      defaults: N=200 timed runs per workflow, 30 warm-up runs
# Last line: the ratio ours/theirs of runs/s (geometric mean over the workflows; > 1 = ours faster).
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"
N=${1:-200}
W=${2:-30}
HERE="$BENCH/runtime"
cd "$HERE"
machine_line
echo "node $(node --version); runs per workflow: $N timed after $W warm-up, one at a time"

# Peers from npm, pinned by package.json / package-lock.json (node_modules is not committed).
if [ ! -d node_modules/@openfn/runtime ]; then
  echo "bench: installing OpenFn's runtime and adaptors from npm ..." >&2
  if [ -f package-lock.json ]; then npm ci --no-audit --no-fund >/dev/null; else npm install --no-audit --no-fund >/dev/null; fi
fi
# @openfn/engine-multi (the worker's engine: worker threads around @openfn/runtime) is tried too;
# it needs @openfn/compiler, which the registry reachable here may not serve.
probe=$(mktemp -d)
if (cd "$probe" && timeout 180 npm install --no-audit --no-fund @openfn/engine-multi >"$probe/log" 2>&1); then
  echo "engine-multi: installs here, but this benchmark has no driver for it yet (not measured)"
else
  echo "engine-multi: not measured, npm install failed: $(grep -m1 -o '404 .*could not be found' "$probe/log" || tail -n1 "$probe/log")"
fi
rm -rf "$probe"

ensure_built runtime
java_flags
node echo-server.mjs >"$HERE/.server-url" &
STARTED+=($!)
for _ in $(seq 50); do [ -s "$HERE/.server-url" ] && break; sleep 0.1; done
URL=$(cat "$HERE/.server-url"); rm -f "$HERE/.server-url"

out=$(mktemp)
node --experimental-vm-modules --no-warnings openfn-bench.mjs workflows.json "$URL" "$N" "$W" | grep '^RESULT ' >>"$out"
"$JAVA_HOME/bin/java" "${JAVA_FLAGS[@]}" -cp "$ROOT/runtime/target/classes:$ROOT/runtime/target/lib/*" \
  RuntimeBench.java workflows.json "$URL" "$N" "$W" 2> >(grep -v -e '^WARNING' -e '^\[To redirect' >&2) | grep '^RESULT ' >>"$out"
node summarize.mjs <"$out"
rm -f "$out"
