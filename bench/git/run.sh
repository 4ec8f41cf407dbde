#!/usr/bin/env bash
# Benchmark 5: git push -> live, with a push webhook. A bare repository on disk holds the
# benchmark project; `lightning up --git file://...` follows it with polling at 1 h, so only the
# webhook can make a commit live quickly.
#   bench/git/run.sh [K]      default: 10 pushes
# Last line: push webhook -> commit live p50/p99.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"
K=${1:-10}
machine_line
git init -q --bare -b main "$WORK/repo.git"
git init -q -b main "$WORK/clone"
sed 's/fn(state => ({ data: { seq: state.data.seq, ok: true } }));/fn(state => ({ data: { seq: 0, ok: true } }));/' \
  "$BENCH/webhook/project/project.yaml" >"$WORK/clone/project.yaml"
grep -q 'seq: 0' "$WORK/clone/project.yaml" || { echo "bench: could not prepare the project" >&2; exit 1; }
git -C "$WORK/clone" add project.yaml
git -C "$WORK/clone" -c user.name=bench -c user.email=bench@localhost commit -q -m "bench project"
git -C "$WORK/clone" config user.name bench; git -C "$WORK/clone" config user.email bench@localhost
git -C "$WORK/clone" remote add origin "$WORK/repo.git"
git -C "$WORK/clone" push -q origin main
export LIGHTNING_GIT_WEBHOOK_SECRET="bench-$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
ensure_built operator
LIGHTNING_HOME="$WORK/home" "$ROOT/lightning" up --git "file://$WORK/repo.git" --interval 1h --home "$WORK/home" --port 0 >"$WORK/up.log" 2>&1 &
UP_PID=$!
STARTED+=("$UP_PID")
for _ in $(seq 600); do
  grep -q 'Press Ctrl-C' "$WORK/up.log" && grep -q 'applied commit' "$WORK/up.log" && break
  kill -0 "$UP_PID" 2>/dev/null || { echo "bench: lightning up exited:" >&2; tail -n 20 "$WORK/up.log" >&2; exit 1; }
  sleep 0.5
done
HOOK=$(sed -n 's/^ *push hook *POST \([^ ]*\).*/\1/p' "$WORK/up.log" | head -n1)
[ -n "$HOOK" ] || { echo "bench: lightning up printed no push hook:" >&2; tail -n 20 "$WORK/up.log" >&2; exit 1; }
echo "lightning up (pid $UP_PID) follows file://$WORK/repo.git; push hook $HOOK"
node "$BENCH/git/push.mjs" "$WORK/clone" "$HOOK" "$LIGHTNING_GIT_WEBHOOK_SECRET" "$WORK/up.log" "$K"
