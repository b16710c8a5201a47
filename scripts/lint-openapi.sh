#!/usr/bin/env bash
# Lints the committed OpenAPI document with Redocly CLI's recommended rules; any error fails.
# Needs Node.js and, the first time, the npm registry (npx caches the package afterwards; a run
# takes a few seconds). scripts/test.sh runs it when CI=true.
set -euo pipefail
cd "$(dirname "$0")/.."
REDOCLY_VERSION="${REDOCLY_VERSION:-2.77.0}"
exec npx --yes "@redocly/cli@${REDOCLY_VERSION}" lint --format=stylish docs/openapi.json
