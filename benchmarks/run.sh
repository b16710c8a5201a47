#!/usr/bin/env bash
# Runs a named benchmark and prints key=value lines, engine and baseline from the same run.
#   benchmarks/run.sh pricing [--quick]
# Needs Java 17+ and Maven; builds the benchmarks jar first.
set -euo pipefail
cd "$(dirname "$0")/.."
name=${1:-}
if [ -z "$name" ]; then
  echo "usage: benchmarks/run.sh pricing [--quick]" >&2
  exit 2
fi
shift
mvn -B -q install -DskipTests -Dspotless.check.skip=true -pl benchmarks -am >&2
exec java -cp benchmarks/target/benchmarks.jar io.vruksha.benchmarks.Run "$name" "$@"
