# Shared by the bench/*/run.sh scripts: locations, the JDK, the machine line, stopping what we start.
BENCH="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ROOT="$(cd "$BENCH/.." && pwd)"
. "$ROOT/.mvn/jdk.sh"

# One line describing the machine and how busy it is, printed before the figures (they mean
# little without it).
machine_line() {
  local cpu
  cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n1)
  echo "machine: $(nproc) cores ($cpu), $(free -g | awk '/^Mem:/{print $2}') GB; load average $(cut -d' ' -f1-3 /proc/loadavg); $(date -u +%FT%TZ)"
}

# Builds a module the way ./lightning does when its classes are missing or stale.
ensure_built() {
  local module=$1 stamp="$ROOT/$1/target/.launcher-built"
  if [ ! -f "$stamp" ] || [ -n "$(find "$ROOT/pom.xml" "$ROOT"/*/pom.xml "$ROOT"/*/src/main -newer "$stamp" -print -quit 2>/dev/null)" ]; then
    echo "bench: building $module ..." >&2
    (cd "$ROOT" && ./mvnw -q -B -DskipTests -Dmaven.test.skip.exec=true -pl "$module" -am package) >"$BENCH/build-$module.log" 2>&1 \
      || { echo "bench: build of $module failed, see $BENCH/build-$module.log" >&2; exit 1; }
    touch "$stamp"
  fi
}

# The JVM flags ./lightning uses (the Graal JIT for job code).
java_flags() {
  JAVA_FLAGS=(--enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow)
  if [ -d "$ROOT/runtime/target/graal-compiler" ]; then
    JAVA_FLAGS+=(-XX:+UnlockExperimentalVMOptions -XX:+EnableJVMCI "--upgrade-module-path=$ROOT/runtime/target/graal-compiler")
  fi
}

# Processes started by a benchmark, stopped by pid on exit.
STARTED=()
stop_started() { for p in "${STARTED[@]}"; do kill "$p" 2>/dev/null; wait "$p" 2>/dev/null || true; done; }


# Starts `lightning up PROJECT_DIR` on a free port with a fresh home (under $WORK) and waits until
# it prints its webhook; sets BASE, HOOK, TOKEN and UP_PID. Its output goes to $WORK/up.log.
start_lightning_up() {
  local project=$1
  ensure_built operator
  LIGHTNING_HOME="$WORK/home" "$ROOT/lightning" up "$project" --home "$WORK/home" --port 0 --no-watch >"$WORK/up.log" 2>&1 &
  UP_PID=$!
  STARTED+=("$UP_PID")
  for _ in $(seq 600); do
    grep -q 'Press Ctrl-C' "$WORK/up.log" && break
    kill -0 "$UP_PID" 2>/dev/null || { echo "bench: lightning up exited:" >&2; tail -n 20 "$WORK/up.log" >&2; exit 1; }
    sleep 0.5
  done
  HOOK=$(sed -n 's/^ *webhook *POST \([^ ]*\).*/\1/p' "$WORK/up.log" | head -n1)
  BASE=$(sed -n 's/^ *API *\(http[^ ]*\)\/api.*/\1/p' "$WORK/up.log" | head -n1)
  TOKEN=$(cat "$WORK/home/api-token")
  [ -n "$HOOK" ] && [ -n "$BASE" ] || { echo "bench: lightning up did not print a webhook/API line:" >&2; tail -n 20 "$WORK/up.log" >&2; exit 1; }
}

# A scratch folder removed on exit (after the processes are stopped).
WORK=$(mktemp -d)
# The logs of the last run (lightning up, workers) are kept in bench/.last-logs/<benchmark>/.
cleanup() {
  stop_started
  local keep="$BENCH/.last-logs/$(basename "$(dirname "$0")")"
  rm -rf "$keep"; mkdir -p "$keep"; cp "$WORK"/*.log "$keep"/ 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT
