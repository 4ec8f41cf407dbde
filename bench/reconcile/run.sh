#!/usr/bin/env bash
# Benchmark 4: P Project CRs on fabric8's CRUD mock API server -> all Ready; one changed -> Synced.
#   bench/reconcile/run.sh [P] [DEADLINE_MS]     defaults: 1000 projects, give up after 600000 ms
# Runs on the operator's test classpath (the mock server and the embedded-PostgreSQL helper are
# test dependencies); nothing here runs in ./mvnw verify.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"
P=${1:-1000}
DEADLINE=${2:-600000}
machine_line
ensure_built operator
cp_file="$ROOT/operator/target/bench-test-classpath.txt"
if [ ! -s "$cp_file" ] || [ "$ROOT/operator/pom.xml" -nt "$cp_file" ]; then
  (cd "$ROOT" && ./mvnw -q -B -o -pl operator -am dependency:build-classpath -Dmdep.includeScope=test \
     -Dmdep.outputFile="$cp_file") >"$BENCH/build-classpath.log" 2>&1 \
    || { echo "bench: could not compute the operator's test classpath, see $BENCH/build-classpath.log" >&2; exit 1; }
fi
# This worktree's spec classes, not a stale snapshot jar from the local repository.
CP="$ROOT/operator/target/test-classes:$ROOT/operator/target/classes:$ROOT/spec/target/classes:$(tr ':' '\n' <"$cp_file" | grep -v '/lightning-spec-' | paste -sd:)"
java_flags
"$JAVA_HOME/bin/java" "${JAVA_FLAGS[@]}" -Xmx1g -cp "$CP" "$BENCH/reconcile/ReconcileScaleBench.java" "$P" "$DEADLINE" \
  2>"$BENCH/reconcile/last-run.log" || { echo "bench: failed; the last lines of bench/reconcile/last-run.log:" >&2; tail -n 20 "$BENCH/reconcile/last-run.log" >&2; exit 1; }
