#!/usr/bin/env bash
# Builds the server (once, or when asked with --build) and starts it. With no DB_HOST it runs in
# demo mode: in-memory adapters, the demo store 'demo', its staff, and a printed admin token.
# Needs only Java 17+ and Maven 3.8+. PORT defaults to 8901.
#   scripts/server.sh            build if needed, then run
#   scripts/server.sh --build    rebuild first
# With DB_HOST it connects as DB_USER, by default vruksha_server: a login role in vruksha_app made by
# scripts/app-role.sh after `scripts/retail db migrate` (docs/security.md). It refuses a superuser
# or the schema's owner unless DB_ALLOW_OWNER=true (development only).
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=retail-server/target/retail-server.jar
if [ "${1:-}" = "--build" ] || [ ! -f "$JAR" ] || [ ! -d retail-server/target/lib ]; then
  mvn -B -q install -DskipTests -Dspotless.check.skip=true -pl retail-server -am
fi
if [ -n "${DB_HOST:-}" ]; then
  export DB_USER="${DB_USER:-vruksha_server}"
fi
exec java ${JAVA_OPTS:-} -jar "$JAR"
