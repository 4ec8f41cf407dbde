#!/usr/bin/env bash
# Per-step overhead and runs/s of the job executor (GraalJS, JIT on, real language-common).
# Usage: bench/runtime-executor.sh [warmup] [runs]. Prints figures; never fails on a number.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$ROOT/.mvn/jdk.sh"
cd "$ROOT"
./mvnw -q -B -pl runtime -am test-compile -DskipTests >/dev/null
./mvnw -q -B -pl runtime dependency:build-classpath -Dmdep.outputFile=target/bench.cp -Dmdep.includeScope=test >/dev/null
exec "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow -Xmx2g \
  -XX:+UnlockExperimentalVMOptions -XX:+EnableJVMCI --upgrade-module-path=runtime/target/graal-compiler \
  -cp "runtime/target/test-classes:runtime/target/classes:spec/target/classes:$(cat runtime/target/bench.cp)" \
  io.lightningop.runtime.bench.ExecutorBench "$@"
