#!/usr/bin/env bash
# Builds the server (once, or when asked with --build) and starts it. With no DB_HOST it runs in
# demo mode: in-memory adapters, the demo store 'demo', its staff, and a printed admin token.
# Needs only Java 17+ and Maven 3.8+. PORT defaults to 8901.
#   scripts/server.sh            build if needed, then run
#   scripts/server.sh --build    rebuild first
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=retail-server/target/retail-server.jar
if [ "${1:-}" = "--build" ] || [ ! -f "$JAR" ] || [ ! -d retail-server/target/lib ]; then
  mvn -B -q install -DskipTests -Dspotless.check.skip=true -pl retail-server -am
fi
exec java ${JAVA_OPTS:-} -jar "$JAR"
