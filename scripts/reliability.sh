#!/usr/bin/env bash
# The long fault runs of docs/reliability.md.
#
#   scripts/reliability.sh [SALES]
#     At least 10,000 sales over HTTP while a private nats-server is stopped or killed 5 times and a
#     private PostgreSQL is crashed twice (both on ports of their own; the shared services stay up).
#     Prints one "outage:" line per fault and a "faults:" summary. CI runs the same test with at
#     least 1,000 sales.
#
#   scripts/reliability.sh clusters [SALES]
#     Faults on real clusters (ClusterFaultsIT), each with SALES sales (default 10,000) from 8 tills:
#     a 3-node JetStream cluster loses its stream leader and then another node; one of three
#     servers behind HAProxy is killed; a PostgreSQL primary fails over to its synchronous replica.
#     Installs HAProxy (Debian's package) if it is missing. Every cluster is on free loopback ports
#     and temporary folders, each run bounded in time, and everything started is stopped. Prints
#     the table: fault | how injected | sales made | acknowledged | found after | duplicates | lost |
#     events published | time to recover. The ordinary build (CI) runs the NATS and HAProxy parts
#     with 250 sales each; the PostgreSQL failover runs only here.
#
#   scripts/reliability.sh tills [CRASHES]
#     An offline till (TillCrashIT): a till in a JVM of its own on its SQLite file, killed with
#     kill -9 at random moments CRASHES times (default 100; CI runs 8) while the cable to the
#     centre is pulled and plugged back at random, then started once more to drain. Prints sales
#     reported complete, sales in the till, crashes, network cuts, sales at the centre, duplicates
#     and lost; also runs the two tills selling the last mugs offline.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "${1:-}" = "tills" ]; then
  crashes="${2:-100}"
  mvn -B -Djacoco.skip=true -Dspotless.check.skip=true verify -pl retail-till -am \
    -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false \
    -Dit.test=TillCrashIT -Dtill.crashes="$crashes" \
    | grep -E '^till crash test|Tests run:.*TillCrashIT|FAIL|BUILD|expected|Expecting'
  exit "${PIPESTATUS[0]}"
fi

if [ "${1:-}" = "clusters" ]; then
  sales="${2:-10000}"
  for tool in /usr/sbin/nats-server; do
    [ -x "$tool" ] || command -v nats-server >/dev/null || { echo "needs nats-server" >&2; exit 1; }
  done
  if ! command -v haproxy >/dev/null && [ ! -x /usr/sbin/haproxy ]; then
    if [ "$(id -u)" = 0 ]; then
      apt-get install -y -q haproxy >/dev/null || { apt-get update -q >/dev/null && apt-get install -y -q haproxy >/dev/null; }
    else
      sudo apt-get install -y -q haproxy >/dev/null
    fi
  fi
  log=$(mktemp /tmp/vruksha-clusters.XXXXXX)
  stop_leftovers() {
    # the test stops what it started; after a timeout, stop the PostgreSQL pair it may have left
    for data in /tmp/vruksha-pg-pair*/primary /tmp/vruksha-pg-pair*/replica; do
      [ -f "$data/postmaster.pid" ] || continue
      pid=$(head -1 "$data/postmaster.pid")
      kill -QUIT "$pid" 2>/dev/null || true
    done
  }
  trap stop_leftovers EXIT
  # each test is bounded inside (deadlines of minutes); the whole run is bounded here
  minutes=$(( 20 + sales / 250 ))
  set +e
  timeout --kill-after=30 "${minutes}m" \
    mvn -B -Djacoco.skip=true -Dspotless.check.skip=true verify -pl retail-server -am \
    -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false \
    -Dit.test=ClusterFaultsIT -Dclusters=true -Dclusters.sales="$sales" >"$log" 2>&1
  rc=$?
  set -e
  grep -E '^cluster-detail:|Tests run:.*ClusterFaultsIT|FAIL|BUILD|expected|Expecting' "$log" | head -40
  echo
  echo "| fault | how injected | sales made | acknowledged | found after | duplicates | lost | events published | time to recover |"
  echo "|---|---|---|---|---|---|---|---|---|"
  grep -E '^cluster: ' "$log" | sed -e 's/^cluster: /| /' -e 's/$/ |/'
  echo
  echo "(${sales} sales asked for per fault; full log: $log)"
  exit "$rc"
fi

bash scripts/services.sh start
sales="${1:-10000}"
mvn -B -q install -DskipTests -Dspotless.check.skip=true -pl retail-server -am
mvn -B verify -pl retail-server -Dspotless.check.skip=true -Dtest=none \
  -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=FaultToleranceIT -Dfaults.sales="$sales" \
  | grep -E '^(outage|faults):|Tests run:|FAIL|BUILD'
