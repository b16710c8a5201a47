#!/usr/bin/env bash
# Runs a named benchmark and prints key=value lines, engine and baseline from the same run.
#   benchmarks/run.sh pricing|checkout-embedded|checkout-http|checkout-till|relay|import|soak|all [--quick]
# Needs Java 17+ and Maven; builds the benchmarks jar (and the server) first. soak runs checkouts
# over HTTP for 10 minutes (1 with --quick); all includes it. checkout-embedded, checkout-http,
# soak, relay and import start a PostgreSQL cluster of their own with production settings
# (initdb from PostgreSQL's binaries, pgbench and psql; BENCH_POSTGRES=shared uses the DB_* server
# instead), and relay needs NATS (NATS_URL or 127.0.0.1:4222): scripts/services.sh start brings
# both up. checkout-till needs neither (a SQLite file in a temporary folder). import runs the CLI
# jar (BENCH_IMPORT_CLI=path/to/retail-cli.jar measures another build).
set -euo pipefail
cd "$(dirname "$0")/.."
name=${1:-}
if [ -z "$name" ]; then
  echo "usage: benchmarks/run.sh pricing|checkout-embedded|checkout-http|checkout-till|relay|import|soak|all [--quick]" >&2
  exit 2
fi
shift
# package, not install: the reactor builds the jars in place and leaves ~/.m2 alone
mvn -B -q package -DskipTests -Dspotless.check.skip=true -pl benchmarks,retail-server,retail-cli -am >&2
if [ "$name" != "pricing" ] && [ "$name" != "checkout-till" ]; then bash scripts/services.sh start >&2; fi
exec java -cp benchmarks/target/benchmarks.jar io.vruksha.benchmarks.Run "$name" "$@"
