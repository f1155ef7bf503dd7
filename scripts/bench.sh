#!/usr/bin/env bash
# Runs the benchmarks of the bench/ module and writes docs/PERFORMANCE.md (about 15 minutes on 2 idle
# cores; longer under load). Needs the built tree and the pinned CLI:
#   npm ci && mvn -B package -DskipTests && scripts/bench.sh [--iterations 5] [--scale-iterations 3] ...
# (options: bench/src/main/java/dev/stratus/bench/PerformanceReport.java).
set -euo pipefail
cd "$(dirname "$0")/.."
export JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION=20
for jar in bench/target/stratus-bench.jar stacks/target/stratus-stacks.jar; do
  [ -f "$jar" ] || { echo "$jar is missing: run mvn -B package -DskipTests first" >&2; exit 1; }
done
exec java -Dstratus.root="$PWD" -jar bench/target/stratus-bench.jar "$@"
