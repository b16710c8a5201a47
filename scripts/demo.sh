#!/usr/bin/env bash
# Builds the engine and runs the embedded till example: a basket priced in-process, printed as a
# receipt. Needs only Java 17+ and Maven 3.8+.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q install -DskipTests -Dspotless.check.skip=true -pl examples/embedded-till -am
mvn -B -q exec:java -pl examples/embedded-till
