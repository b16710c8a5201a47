#!/usr/bin/env bash
# The long fault run of docs/reliability.md: at least 10,000 sales over HTTP while a private
# nats-server is stopped or killed 5 times and a private PostgreSQL is crashed twice (both on ports
# of their own; the shared services stay up). Prints one "outage:" line per fault and a "faults:"
# summary. CI runs the same test with at least 1,000 sales.
#   scripts/reliability.sh [SALES]
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/services.sh start
sales="${1:-10000}"
mvn -B -q install -DskipTests -Dspotless.check.skip=true -pl retail-server -am
mvn -B verify -pl retail-server -Dspotless.check.skip=true -Dtest=none \
  -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=FaultToleranceIT -Dfaults.sales="$sales" \
  | grep -E '^(outage|faults):|Tests run:|FAIL|BUILD'
