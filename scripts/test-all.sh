#!/usr/bin/env bash
# `npm test`: everything, in the order that fails fastest. Each step starts the real Kafka it needs.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/ensure-node.sh
reports=.ferry/reports
rm -rf "$reports" && mkdir -p "$reports"
step() { printf '\n\033[1m== %s\033[0m (%s s)\n' "$*" "$((SECONDS - t0))"; }
t0=$SECONDS
step "lint + format (biome)"
npx biome ci .
step "typecheck (tsc)"
npx tsc --noEmit
step "unit tests"
npx vitest run --project unit --reporter=default --reporter=json --outputFile.json="$reports/unit.json"
step "integration tests (real Kafka ${FERRY_KAFKA_VERSION:-4.3.1})"
npx vitest run --project integration --reporter=default --reporter=json --outputFile.json="$reports/integration.json"
step "integration tests again on Kafka 3.9.1 (compatibility)"
FERRY_KAFKA_VERSION=3.9.1 npx vitest run --project integration --reporter=default --reporter=json \
  --outputFile.json="$reports/integration-3.9.json"
step "production build"
npx next build
step "e2e (Playwright, Debian chromium, real Kafka)"
PLAYWRIGHT_JSON_OUTPUT_NAME="$reports/e2e.json" npx playwright test --reporter=list,json
echo
echo "All checks passed in $((SECONDS - t0)) s."
node scripts/test-summary.mjs
