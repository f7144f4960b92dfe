#!/usr/bin/env bash
# `npm test`: everything, in the order that fails fastest. Each step starts the real Kafka it needs.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/ensure-node.sh
step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
t0=$SECONDS
step "lint + format (biome)";       npx biome ci .
step "typecheck (tsc)";             npx tsc --noEmit
step "unit tests";                  npx vitest run --project unit
step "integration tests (real Kafka)"; npx vitest run --project integration
step "production build";            npx next build
step "e2e (Playwright, Debian chromium, real Kafka)"; npx playwright test
echo
echo "All checks passed in $((SECONDS - t0)) s."
