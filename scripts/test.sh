#!/usr/bin/env bash
# The one command that runs every test on a fresh machine: installs/starts PostgreSQL and NATS when
# they are missing (Debian/Ubuntu), then runs the whole Maven build: unit, property, architecture
# and contract tests, the PostgreSQL integration tests (each run in its own database) and the
# formatting check; with CI=true also the OpenAPI lint (scripts/lint-openapi.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/services.sh start
if [[ "${CI:-}" == "true" ]]; then
  # the OpenAPI document against Redocly's recommended rules (npx; a few seconds once cached)
  bash scripts/lint-openapi.sh
fi
exec mvn -B verify "$@"
